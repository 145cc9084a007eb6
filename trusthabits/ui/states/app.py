"""The root app state and the small states every page shares.

`AppState` holds the language and its texts; every page state subclasses it. `SessionState`
holds the session cookie and who is signed in, and `ProblemState` the message shown when an
event was refused at the boundary; both are kept apart from `AppState` (whose `t` every text
reads) so that their changes redraw only the parts that show them.

How a page loads and how its handlers check the session is declared with `ui/events.py`
(`@page_load`, `@signed_in`, `@public`); the helpers those declarations call live here.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

import reflex as rx

from trusthabits.adapters.hashing_pool import hashing_pool
from trusthabits.config import get_settings
from trusthabits.core import input_rules
from trusthabits.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, negotiate, translate
from trusthabits.db.engine import new_session
from trusthabits.services import accounts
from trusthabits.services.accounts import Profile
from trusthabits.ui.events import public
from trusthabits.web.origins import client_ip

SESSION_COOKIE = "th_session"
# The language the next page paints in, kept in the browser (set by every page's load).
PAGE_LANGUAGE_KEY = "th_page_lang"
# Runs in <head> before the first paint: the stored language, else the browser's (nl or en).
LANGUAGE_SCRIPT = (
    "(function(){var k=" + json.dumps(list(LANGUAGES)) + ",l;"
    + "try{l=localStorage.getItem(" + json.dumps(PAGE_LANGUAGE_KEY) + ")}catch(e){}"
    + "if(k.indexOf(l)<0){var b=((navigator.languages||[])[0]||navigator.language||'').toLowerCase()"
    + ".slice(0,2);l=k.indexOf(b)<0?" + json.dumps(DEFAULT_LANGUAGE) + ":b}document.documentElement.lang=l})()"
)
SESSION_MAX_AGE = int(accounts.SESSION_LIFETIME.total_seconds())
T = TypeVar("T")


async def run_service(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """For public handlers: a service function with its own database session in a worker thread,
    so slow work (Argon2 takes ~0.1 s by design) never stalls the event loop other browsers
    share. Signed-in handlers get their session from `@signed_in` instead."""

    def work() -> T:
        with new_session() as session:
            return fn(session, *args, **kwargs)

    return await asyncio.to_thread(work)


async def run_hashing_service(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Like `run_service`, but in the password-hashing pool (adapters/hashing_pool.py): for every
    service that hashes or checks a password, so a flood of sign-ins cannot take the threads
    every page uses. Raises HashingBusy when too many are waiting already."""

    def work() -> T:
        with new_session() as session:
            return fn(session, *args, **kwargs)

    return await hashing_pool().run(work)


def limit_values() -> dict[str, int]:
    """The sending limits, for the texts that name them ({teams}, {members}, {mails})."""
    settings = get_settings()
    return {"teams": settings.max_teams_per_manager, "members": settings.max_members_per_team,
            "mails": settings.max_mails_per_day}


def safe_next_path(raw: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirect to another host)."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


class AppState(rx.State):
    lang: str = DEFAULT_LANGUAGE
    # Chosen on a signed-out page; a signed-in manager's own language wins over it.
    lang_pref: str = rx.LocalStorage("", name="th_lang")

    def _tr(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)

    def _client_ip(self) -> str:
        """The browser's address, as seen through our own proxies (web/origins.py)."""
        return client_ip(self.router.session.client_ip, self.router.headers.raw_headers.get("x-forwarded-for"),
                         get_settings().trusted_proxies)

    def _set_language(self, lang: str) -> Any:
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        if lang != self.lang:  # assigning would redraw every attribute text (`tv`) for nothing
            self.lang = lang
        # The next page paints in this language from its first frame (LANGUAGE_SCRIPT reads it);
        # data-ready marks that the server has answered this page's load (tests wait for it).
        return rx.call_script(
            f"document.documentElement.lang = {self.lang!r}; document.documentElement.dataset.ready = '1';"
            f" try {{ localStorage.setItem({PAGE_LANGUAGE_KEY!r}, {self.lang!r}) }} catch (e) {{}}"
        )

    async def _session_token(self) -> str:
        return (await self.get_state(SessionState)).session_token

    async def _keep_session(self, token: str) -> None:
        """Store a new session's token in the browser's cookie (and forget it with "")."""
        (await self.get_state(SessionState)).session_token = token

    def _to_signin(self) -> Any:
        target = self.router.url.path.rstrip("/") or "/"
        if self.router.url.query:
            target += "?" + self.router.url.query
        return rx.redirect(f"/signin?next={quote(target, safe='')}")

    async def _show_session(self, profile: Profile | None) -> None:
        session = await self.get_state(SessionState)
        session.manager_name, session.signed_in = (profile.name, True) if profile else ("", False)

    async def _show_problem(self, key: str) -> None:
        (await self.get_state(ProblemState)).text = self._tr(key)

    def _page_language(self) -> str:
        """A signed-out page's language: the stored choice, else the browser's."""
        return self.lang_pref or negotiate(self.router.headers.accept_language)

    @public
    def choose_language(self, lang: str | list[str]) -> Any:
        """The language switch on signed-out pages."""
        lang = lang[0] if isinstance(lang, list) and lang else lang
        self.lang_pref = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        return self._set_language(self.lang_pref)


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


class ProblemState(AppState):
    """The message shown when the page sent something a handler refused at the boundary."""

    text: str = ""

    @public
    def dismiss(self) -> None:
        self.text = ""

    @public
    def refused(self) -> None:
        """What the socket guard (ui/socket_guard.py) runs in place of an event it refused."""
        self.text = self._tr(input_rules.PROBLEM)


def t(key: str) -> rx.Component:
    """A catalogue text as page content, in every language at once: a stylesheet rule shows the
    one that matches <html lang>, which a script in <head> sets before the first paint
    (`LANGUAGE_SCRIPT`). So a prerendered page paints in the reader's language before any script
    of the app has run, and a language switch redraws nothing."""
    texts = {lang: translate(key, lang) for lang in LANGUAGES}
    if len(set(texts.values())) == 1:
        return rx.fragment(texts[DEFAULT_LANGUAGE])
    return rx.fragment(*[rx.el.span(text, lang=lang, class_name=f"lang-{lang}") for lang, text in texts.items()])


def tv(key: str) -> rx.Var:
    """A catalogue text as a string, for attributes (aria-label, title) and <option>s, which
    cannot hold two languages: it follows the state's language, so it is English in the
    prerendered page. Draw visible ones only with the manager's data (`when_signed_in`)."""
    texts = {lang: translate(key, lang) for lang in LANGUAGES}
    if len(set(texts.values())) == 1:
        return rx.Var.create(texts[DEFAULT_LANGUAGE])
    cases = [(lang, text) for lang, text in texts.items() if lang != DEFAULT_LANGUAGE]
    return rx.match(AppState.lang, *cases, texts[DEFAULT_LANGUAGE])
