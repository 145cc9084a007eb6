"""Forgot your password: ask for a reset link by address.

The page answers the same, at once, whether or not the address has an account: the answer is
on its way to the browser before anything is looked up, and the lookup runs as a background
event that holds nothing the tab waits for, so neither the text nor the timing tells.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.services import account_links
from trusthabits.ui.components.forms import notice, submit_button, text_field
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.state import AppState, run_service, t

ROUTE = "/reset"
MAX_EMAIL_LENGTH = 320


class ResetRequestState(AppState):
    errors: dict[str, str] = {}
    sent: str = ""

    @rx.event
    def on_load(self):
        self.errors, self.sent = {}, ""

    @rx.event(background=True)
    async def submit(self, form: dict):
        email = str(form.get("email", "")).strip()[:MAX_EMAIL_LENGTH]
        async with self:
            if not email:
                self.errors, self.sent = {"email": self._tr("error.email_invalid")}, ""
                return
            self.errors, self.sent = {}, self._tr("reset.request_sent", email=email)
        settings = get_settings()
        await run_service(account_links.request_reset, email, settings.base_url, clock.now(),
                          log_link=not settings.smtp_url)


ON_LOAD = [AppState.load_public_page, ResetRequestState.on_load]


def view() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("reset.request_title"), as_="h1", size="7"),
            rx.text(t("reset.request_intro"), color_scheme="gray"),
            rx.form(
                rx.vstack(
                    text_field("email", "field.email", ResetRequestState.errors, type_="email", autocomplete="email"),
                    submit_button("reset.request_submit", False),
                    spacing="4",
                    width="100%",
                ),
                on_submit=ResetRequestState.submit,
                no_validate=True,
                method="post",
                width="100%",
            ),
            notice(ResetRequestState.sent),
            rx.link(t("register.signin_link"), href="/signin", size="2"),
            spacing="4",
            width="100%",
        )
    )
