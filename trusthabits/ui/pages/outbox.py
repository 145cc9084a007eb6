"""Outbox: every mail the app queued for this manager, with its status and any delivery error.

Without a mail server (no SMTP_URL) this is how pulse links reach anyone on a laptop: the page
lists each waiting message with its link.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.services import mail
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Me, page_load
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.teams import OutboxRow, outbox_rows
from trusthabits.ui.states.app import AppState, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/outbox"


class OutboxState(AppState):
    messages: list[OutboxRow] = []
    smtp_configured: bool = False

    @page_load
    def load(self, me: Me) -> None:
        self.smtp_configured = bool(get_settings().smtp_url)
        items = me.call(mail.list_outbox, me.id, include_links=not self.smtp_configured)
        self.messages = outbox_rows(items, self._tr)


def _message(message: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(message.recipient, size="2", weight="bold", style={"overflow_wrap": "anywhere"}),
                rx.badge(message.status, color_scheme=rx.cond(message.failed, "red", "gray")),
                justify="between",
                width="100%",
            ),
            rx.text(message.subject, size="2"),
            rx.cond(message.error != "", rx.text(message.error, size="1", color_scheme="red")),
            rx.cond(
                message.link != "",
                rx.vstack(
                    rx.link(t("outbox.open_link"), href=message.link, is_external=True, size="3",
                            min_height=TAP_TARGET, display="flex", align_items="center", class_name="pulse-link"),
                    rx.code(message.link, size="1", style={"overflow_wrap": "anywhere", "word_break": "break-all"}),
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


def view() -> rx.Component:
    return app_layout(
        "/team",
        "outbox.title",
        rx.vstack(
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


PAGE = Page((ROUTE,), view, OutboxState.load)
