"""Choose a new password with the single-use link from the reset mail (valid one hour). Saving
it signs out every browser of the account; the manager then signs in with the new password."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.services import account_links
from trusthabits.ui.components.forms import submit_button, text_field
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_hashing_service, run_service, t

ROUTE = "/reset/[token]"


class ResetPasswordState(AppState):
    # "" while checking the link, "form", or the refusal text.
    status: str = ""
    problem: str = ""
    errors: dict[str, str] = {}
    busy: bool = False

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @public
    async def load(self) -> Any:
        self.errors, self.problem, self.busy = {}, "", False
        language = self._set_language(self._page_language())
        try:
            await run_service(account_links.check_reset_link, self._token(), clock.now())
        except Refused as refused:
            self.status, self.problem = "refused", self._tr(refused.key)
            return language
        self.status = "form"
        return language

    @public
    async def submit(self, form: Form) -> AsyncIterator[Any]:
        if self.status != "form":
            return
        self.busy = True
        yield
        try:
            await run_hashing_service(account_links.reset_password, self._token(),
                                      form.get("new_password", ""), clock.now())
        except FieldErrors as invalid:
            self.errors = {name: self._tr(key) for name, key in invalid.errors.items()}
            self.busy = False
            return
        except Refused as refused:
            self.busy = False
            if refused.key == "error.signin_busy":
                self.errors = {"new_password": self._tr(refused.key)}
            else:
                self.status, self.problem = "refused", self._tr(refused.key)
            return
        self.busy = False
        yield rx.redirect("/signin?reset=1")


def view() -> rx.Component:
    form = rx.form(
        rx.vstack(
            text_field("new_password", "field.new_password", ResetPasswordState.errors, type_="password",
                       autocomplete="new-password", hint_key="field.password_hint"),
            submit_button("reset.submit", ResetPasswordState.busy),
            spacing="4",
            width="100%",
        ),
        on_submit=ResetPasswordState.submit,
        no_validate=True,
        method="post",
        width="100%",
    )
    refused = rx.vstack(
        rx.callout(ResetPasswordState.problem, color_scheme="red", role="alert", width="100%"),
        rx.link(t("reset.new_link"), href="/reset", size="3"),
        spacing="3",
        width="100%",
    )
    return public_layout(
        rx.vstack(
            rx.heading(t("reset.title"), as_="h1", size="7"),
            rx.match(ResetPasswordState.status, ("form", form), ("refused", refused),
                     rx.center(rx.spinner(size="3"), padding="2rem")),
            spacing="4",
            width="100%",
        )
    )


PAGE = Page((ROUTE,), view, ResetPasswordState.load)
