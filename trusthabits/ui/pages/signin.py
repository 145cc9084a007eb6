"""Sign-in page: email and password; a client that tried too often is told how long to wait."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from trusthabits.core.errors import Refused
from trusthabits.services import accounts
from trusthabits.ui.components.forms import notice, submit_button, text_field
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_hashing_service, run_service, safe_next_path, t

ROUTE = "/signin"


class SignInState(AppState):
    errors: dict[str, str] = {}
    form_error: str = ""
    info: str = ""
    busy: bool = False

    @public
    async def load(self) -> Any:
        self.errors, self.form_error = {}, ""
        params = self.router.url.query_parameters
        language = self._set_language(self._page_language())
        self.info = (self._tr("signin.signed_out") if params.get("signed_out")
                     else self._tr("erase.account_done") if params.get("deleted")
                     else self._tr("signin.password_reset") if params.get("reset") else "")
        if await run_service(accounts.resolve_session, await self._session_token()) is not None:
            return rx.redirect(safe_next_path(params.get("next")))
        return language

    @public
    async def submit(self, form: Form) -> AsyncIterator[Any]:
        self.busy = True
        yield
        try:
            profile, token = await run_hashing_service(
                accounts.sign_in, email=form.get("email", ""), password=form.get("password", ""),
                client_ip=self._client_ip(),
            )
        except Refused as refused:
            self.form_error = self._refusal_text(refused)
            self.info = ""
            self.busy = False
            return
        self.busy = False
        await self._keep_session(token)
        await self._show_session(profile)
        self.lang_pref = profile.locale
        yield self._set_language(profile.locale)
        yield rx.redirect(safe_next_path(self.router.url.query_parameters.get("next")))

    def _refusal_text(self, refused: Refused) -> str:
        wait = getattr(refused, "retry_after", None)
        if wait is None:
            return self._tr(refused.key)
        seconds = math.ceil(wait.total_seconds())
        if seconds < 120:
            return self._tr("error.signin_wait", seconds=seconds)
        return self._tr("error.signin_locked", minutes=math.ceil(seconds / 60))


def view() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("signin.title"), as_="h1", size="7"),
            rx.text(t("signin.subtitle"), color_scheme="gray"),
            notice(SignInState.info),
            notice(SignInState.form_error, color="red"),
            rx.form(
                rx.vstack(
                    text_field("email", "field.email", SignInState.errors, type_="email", autocomplete="email"),
                    text_field("password", "field.password", SignInState.errors, type_="password",
                        autocomplete="current-password"),
                    submit_button("signin.submit", SignInState.busy),
                    spacing="4",
                    width="100%",
                ),
                on_submit=SignInState.submit,
                # Our own messages, in the user's language, instead of the browser's.
                no_validate=True,
                # Should anyone submit before the page is live, the password stays out of the URL.
                method="post",
                width="100%",
            ),
            rx.link(t("signin.forgot_link"), href="/reset", size="2", id="forgot-link"),
            rx.text(
                t("signin.no_account"),
                " ",
                rx.link(t("signin.register_link"), href="/register", id="register-link"),
                size="2",
            ),
            spacing="4",
            width="100%",
        )
    )


PAGE = Page((ROUTE,), view, SignInState.load)
