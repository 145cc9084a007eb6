"""The link from the confirmation mail: confirms the manager's address (single use, 24 hours).
From then on mail leaves on the account's behalf."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import Refused
from trusthabits.services import account_links
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_service, t

ROUTE = "/confirm/[token]"


class ConfirmState(AppState):
    # "" while checking, then "done" or "refused".
    status: str = ""
    message: str = ""

    @public
    async def load(self) -> Any:
        token = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        language = self._set_language(self._page_language())
        try:
            email = await run_service(account_links.confirm_address, token, clock.now())
        except Refused as refused:
            self.status, self.message = "refused", self._tr(refused.key)
            return language
        self.status, self.message = "done", self._tr("confirm.done_body", email=email)
        return language


def view() -> rx.Component:
    return public_layout(
        rx.match(
            ConfirmState.status,
            ("done", rx.vstack(
                rx.heading(t("confirm.done_title"), as_="h1", size="7"),
                rx.text(ConfirmState.message),
                rx.link(t("confirm.to_app"), href="/", size="3"),
                spacing="4", id="confirm-done",
            )),
            ("refused", rx.vstack(
                rx.heading(t("link.unknown_title"), as_="h1", size="7"),
                rx.text(ConfirmState.message),
                spacing="4", id="confirm-refused",
            )),
            rx.center(rx.spinner(size="3"), padding="2rem"),
        )
    )


PAGE = Page((ROUTE,), view, ConfirmState.load)
