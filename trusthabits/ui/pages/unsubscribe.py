"""A team member's unsubscribe page, reached from the link at the foot of every team mail.

Opening the page changes nothing (mail scanners open links too); the buttons do: stop the mail,
or erase the address altogether (services/erasure.py), which stops the mail too.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import Refused
from trusthabits.core.i18n import negotiate
from trusthabits.services import erasure, unsubscribe
from trusthabits.ui.components.forms import submit_button
from trusthabits.ui.components.shell import brand
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/unsubscribe/[token]"


class UnsubscribeState(AppState):
    # "" while checking, "ask", "done", "erased" or "unknown".
    status: str = ""
    intro: str = ""
    done_body: str = ""

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    def _show(self, found: unsubscribe.Subscription) -> None:
        self.intro = self._tr("unsubscribe.intro", team=found.team_name, manager=found.manager_name)
        self.done_body = self._tr("unsubscribe.done_body", team=found.team_name)
        self.status = "erased" if found.erased else "done" if found.unsubscribed else "ask"

    @public
    async def load(self) -> Any:
        try:
            found = await run_service(unsubscribe.subscription, self._token())
        except Refused:
            self.status = "unknown"
            return self._set_language(negotiate(self.router.headers.accept_language))
        # The team's language, like the mail and the pulse page.
        script = self._set_language(found.language)
        self._show(found)
        return script

    @public
    async def confirm(self, form: Form | None = None) -> None:
        try:
            found = await run_service(unsubscribe.unsubscribe, self._token(), clock.now())
        except Refused:
            self.status = "unknown"
            return
        self._show(found)

    @public
    async def erase(self, form: Form | None = None) -> None:
        try:
            found = await run_service(erasure.erase_own_address, self._token(), clock.now())
        except Refused:
            self.status = "unknown"
            return
        self._show(found)


def _erase_section() -> rx.Component:
    return rx.vstack(
        rx.text(t("erase.own_explain"), size="2"),
        rx.form(rx.button(t("erase.own_button"), type="submit", color_scheme="red", variant="soft", size="3",
                          width="100%", min_height=TAP_TARGET),
                on_submit=UnsubscribeState.erase, width="100%", id="erase-address-form"),
        spacing="3",
        width="100%",
    )


def _privacy_link() -> rx.Component:
    return rx.link(t("privacy.link"), href="/privacy", size="2")


def view() -> rx.Component:
    ask = rx.vstack(
        rx.heading(t("unsubscribe.title"), as_="h1", size="6"),
        rx.text(UnsubscribeState.intro),
        rx.form(submit_button("unsubscribe.button", False), on_submit=UnsubscribeState.confirm,
                width="100%", id="unsubscribe-form"),
        _erase_section(),
        _privacy_link(),
        spacing="4",
        width="100%",
    )
    done = rx.vstack(
        rx.heading(t("unsubscribe.done_title"), as_="h1", size="6"),
        rx.text(UnsubscribeState.done_body),
        _erase_section(),
        _privacy_link(),
        spacing="4",
        id="unsubscribe-done",
    )
    erased = rx.vstack(
        rx.heading(t("erase.own_done"), as_="h1", size="6"),
        _privacy_link(),
        spacing="4",
        id="address-erased",
    )
    unknown = rx.vstack(
        rx.heading(t("link.unknown_title"), as_="h1", size="6"),
        rx.text(t("link.unknown")),
        spacing="4",
    )
    return rx.box(
        brand(),
        rx.el.main(
            rx.match(UnsubscribeState.status, ("ask", ask), ("done", done), ("erased", erased), ("unknown", unknown),
                     rx.center(rx.spinner(size="3"), padding="3rem")),
            padding_top="1.5rem",
        ),
        max_width="32rem",
        margin="0 auto",
        padding="1rem",
        min_height="100dvh",
    )


PAGE = Page((ROUTE,), view, UnsubscribeState.load)
