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
from trusthabits.ui.events import Me, page_load, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.teams import OutboxRow, outbox_rows
from trusthabits.ui.states.app import AppState, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/outbox"


class OutboxState(AppState):
    messages: list[OutboxRow] = []
    smtp_configured: bool = False
    # Set while the manager's address is unconfirmed: why nothing leaves (and a way to fix it).
    unconfirmed: str = ""
    confirm_message: str = ""

    @page_load
    def load(self, me: Me) -> None:
        self.confirm_message = ""
        self.unconfirmed = "" if me.profile.email_verified else self._tr("outbox.unconfirmed", email=me.profile.email)
        self.smtp_configured = bool(get_settings().smtp_url)
        items = me.call(mail.list_outbox, me.id, include_links=not self.smtp_configured)
        self.messages = outbox_rows(items, self._tr)


    @signed_in
    def resend_confirmation(self, me: Me) -> None:
        try:
            me.call(account_links.resend_confirmation, me.id, get_settings().base_url, clock.now())
        except Refused as refused:
            self.confirm_message = self._tr(refused.key)
            return
        self.confirm_message = self._tr("outbox.resent", email=me.profile.email)


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
                    rx.code(message.link, size="2", style={"overflow_wrap": "anywhere", "word_break": "break-all"}),
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


PAGE = Page((ROUTE,), view, OutboxState.load)
