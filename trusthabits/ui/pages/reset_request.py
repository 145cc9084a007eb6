"""Forgot your password: ask for a reset link by address.

The page answers the same, at once, whether or not the address has an account: the answer is
given before anything is looked up, and the lookup runs as a task of its own that nothing the
tab sends waits for, so neither the text nor the timing tells.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.services import account_links
from trusthabits.ui.components.forms import notice, submit_button, text_field
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_service, t

ROUTE = "/reset"
MAX_EMAIL_LENGTH = 320
log = logging.getLogger("trusthabits.accounts")


_pending: set[asyncio.Task[None]] = set()  # running lookups (a task needs a reference until done)


def _request_reset(email: str) -> None:
    """Look the address up and queue a link if it has an account, apart from the event."""
    settings = get_settings()
    task = asyncio.create_task(run_service(account_links.request_reset, email, settings.base_url, clock.now(),
                                           log_link=not settings.smtp_url))
    _pending.add(task)
    task.add_done_callback(_finished)


def _finished(task: asyncio.Task[None]) -> None:
    _pending.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("password reset request failed", exc_info=task.exception())


class ResetRequestState(AppState):
    errors: dict[str, str] = {}
    sent: str = ""

    @public
    def load(self) -> Any:
        self.errors, self.sent = {}, ""
        return self._set_language(self._page_language())

    @public
    def submit(self, form: Form) -> None:
        email = form.get("email", "").strip()[:MAX_EMAIL_LENGTH]
        if not email:
            self.errors, self.sent = {"email": self._tr("error.email_invalid")}, ""
            return
        self.errors, self.sent = {}, self._tr("reset.request_sent", email=email)
        _request_reset(email)


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


PAGE = Page((ROUTE,), view, ResetRequestState.load)
