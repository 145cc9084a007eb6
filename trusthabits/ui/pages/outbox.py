"""Outbox: every mail the app queued for this manager, with its status and any delivery error.

Without a mail server (no SMTP_URL) this is how pulse links reach anyone on a laptop: the page
lists each waiting message with its link.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.core.errors import Refused
from trusthabits.services import account_links, mail
from trusthabits.ui.components.forms import notice
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/outbox"


class OutboxState(AppState):
    messages: list[dict[str, str]] = []
    smtp_configured: bool = False
    # Set while the manager's address is unconfirmed: why nothing leaves (and a way to fix it).
    unconfirmed: str = ""
    confirm_message: str = ""

    @rx.event
    async def on_load(self):
        profile = await self._signed_in()
        if profile is None:
            return
        self.confirm_message = ""
        self.unconfirmed = "" if profile.email_verified else self._tr("outbox.unconfirmed", email=profile.email)
        self.smtp_configured = bool(get_settings().smtp_url)
        items = await run_service(mail.list_outbox, profile.id, include_links=not self.smtp_configured)
        self.messages = [
            {
                "to": self._tr("outbox.to", to=item.to),
                "subject": item.subject,
                "status": self._tr(f"outbox.status_{item.status}"),
                "failed": "1" if item.status == mail.FAILED else "",
                "error": self._tr("outbox.attempts", count=item.attempts, error=item.last_error) if item.last_error else "",
                "link": item.link,
            }
            for item in items
        ]

    @rx.event
    async def resend_confirmation(self):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(account_links.resend_confirmation, profile.id, get_settings().base_url, clock.now())
        except Refused as refused:
            self.confirm_message = self._tr(refused.key)
            return
        self.confirm_message = self._tr("outbox.resent", email=profile.email)


def _message(message: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(message["to"], size="2", weight="bold", style={"overflow_wrap": "anywhere"}),
                rx.badge(message["status"], color_scheme=rx.cond(message["failed"] != "", "red", "gray")),
                justify="between",
                width="100%",
            ),
            rx.text(message["subject"], size="2"),
            rx.cond(message["error"] != "", rx.text(message["error"], size="1", color_scheme="red")),
            rx.cond(
                message["link"] != "",
                rx.vstack(
                    rx.link(t("outbox.open_link"), href=message["link"], is_external=True, size="3",
                            min_height=TAP_TARGET, display="flex", align_items="center", class_name="pulse-link"),
                    rx.code(message["link"], size="1", style={"overflow_wrap": "anywhere", "word_break": "break-all"}),
                    spacing="1",
                    width="100%",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="outbox-message",
    )


def _unconfirmed() -> rx.Component:
    return rx.cond(
        OutboxState.unconfirmed != "",
        rx.callout(
            rx.vstack(
                rx.text(OutboxState.unconfirmed, size="2"),
                rx.button(t("outbox.resend"), on_click=OutboxState.resend_confirmation, variant="soft",
                          size="3", min_height=TAP_TARGET, id="resend-confirmation"),
                notice(OutboxState.confirm_message, color="gray"),
                spacing="2",
            ),
            color_scheme="amber", role="alert", width="100%", id="unconfirmed",
        ),
    )


ON_LOAD = [AppState.require_manager, OutboxState.on_load]


def view() -> rx.Component:
    return app_layout(
        "/team",
        "outbox.title",
        rx.vstack(
            _unconfirmed(),
            rx.text(rx.cond(OutboxState.smtp_configured, t("outbox.with_smtp"), t("outbox.no_smtp")), size="2"),
            rx.cond(
                OutboxState.messages.length() > 0,
                rx.foreach(OutboxState.messages, _message),
                rx.text(t("outbox.empty"), color_scheme="gray"),
            ),
            spacing="3",
            width="100%",
        ),
    )
