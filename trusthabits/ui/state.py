"""The root app state (language, texts) and `SessionState` (the session cookie, who is signed in).

Page states subclass `AppState`. Protected pages use `AppState.require_manager` as `on_load`, or
call `self._admit()` in their own single load event; protected event handlers call
`self._signed_in()` themselves, because a redirect on load does not stop a crafted event from
reaching the server.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    catalogue,
    negotiate,
    translate,
)
from trusthabits.db.engine import new_session
from trusthabits.services import accounts
from trusthabits.services.accounts import Profile

SESSION_COOKIE = "th_session"
SESSION_MAX_AGE = int(accounts.SESSION_LIFETIME.total_seconds())


async def run_service(fn, *args, **kwargs):
    """Run a service function with its own database session in a worker thread, so slow work
    (Argon2 takes ~0.1 s by design) never stalls the event loop other browsers share."""

    def work():
        with new_session() as session:
            return fn(session, *args, **kwargs)

    return await asyncio.to_thread(work)


def _as_session_holder(session, token: str, fn, *args):
    profile = accounts.resolve_session(session, token)
    return profile, (None if profile is None else fn(session, profile.id, *args))


def safe_next_path(raw: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirect to another host)."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


class AppState(rx.State):
    lang: str = DEFAULT_LANGUAGE
    # Chosen on a signed-out page; a signed-in manager's own language wins over it.
    lang_pref: str = rx.LocalStorage("", name="th_lang")

    @rx.var
    def t(self) -> dict[str, str]:
        return catalogue(self.lang)

    def _tr(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def _set_language(self, lang: str):
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        if lang != self.lang:  # assigning marks `t` changed: the whole catalogue would travel again
            self.lang = lang
        # data-ready marks that the server has answered this page's load (tests wait for it).
        return rx.call_script(
            f"document.documentElement.lang = {self.lang!r}; document.documentElement.dataset.ready = '1'"
        )

    async def _signed_in(self) -> Profile | None:
        return await run_service(accounts.resolve_session, await self._session_token())

    async def _as_manager(self, fn, *args):
        """(profile, fn(session, manager_id, *args)), or (None, None) without a valid session: the
        session check and the work in one worker thread and one database session, so a tap's
        answer comes back without a second hop."""
        return await run_service(_as_session_holder, await self._session_token(), fn, *args)

    async def _session_token(self) -> str:
        return (await self.get_state(SessionState)).session_token

    async def _keep_session(self, token: str) -> None:
        """Store a new session's token in the browser's cookie (and forget it with "")."""
        (await self.get_state(SessionState)).session_token = token

    def _to_signin(self):
        target = self.router.url.path.rstrip("/") or "/"
        if self.router.url.query:
            target += "?" + self.router.url.query
        return rx.redirect(f"/signin?next={quote(target, safe='')}")

    async def _admit(self):
        """Check the session for a protected page: (profile, follow-up event) when signed in,
        (None, redirect to sign-in) when not."""
        profile = await self._signed_in()
        await self._show_session(profile)
        if profile is None:
            return None, self._to_signin()
        return profile, self._set_language(profile.locale)

    async def _show_session(self, profile: Profile | None) -> None:
        session = await self.get_state(SessionState)
        session.manager_name, session.signed_in = (profile.name, True) if profile else ("", False)

    @rx.event
    async def require_manager(self):
        """on_load of every protected page (pages that load in one event call `_admit`)."""
        _profile, follow_up = await self._admit()
        return follow_up

    @rx.event
    def load_public_page(self):
        """on_load of signed-out pages: stored choice, else the browser's language."""
        return self._set_language(self.lang_pref or negotiate(self.router.headers.accept_language))

    @rx.event
    def choose_language(self, lang: str | list[str]):
        """The language switch on signed-out pages."""
        lang = lang[0] if isinstance(lang, list) and lang else lang
        self.lang_pref = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        return self._set_language(self.lang_pref)

    @rx.event
    async def sign_out(self):
        await run_service(accounts.sign_out, await self._session_token())
        await self._keep_session("")
        await self._show_session(None)
        return rx.redirect("/signin?signed_out=1")


class SessionState(AppState):
    """The session cookie and who is signed in, in a state of their own. The browser redraws
    what reads a state whenever one of its values changes: kept apart from `AppState` (whose `t`
    every text reads), the cookie arriving and the session check redraw only the parts that wait
    for them, not every translated text on the page."""

    session_token: str = rx.Cookie(
        "", name=SESSION_COOKIE, max_age=SESSION_MAX_AGE, same_site="strict", path="/",
        # Set by the page's script, so the build decides: under an https base URL, Secure.
        secure=get_settings().base_url.startswith("https://"),
    )
    manager_name: str = ""
    signed_in: bool = False


def t(key: str) -> rx.Var:
    """A catalogue text in the current language, for use in components."""
    return AppState.t[key]
