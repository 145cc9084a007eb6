"""Today: the manager's home screen after sign-in."""

from __future__ import annotations

import reflex as rx

from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.state import AppState, t

ROUTE = "/"


class TodayState(AppState):
    @rx.var
    def greeting(self) -> str:
        return self._tr("today.greeting", name=self.manager_name)


ON_LOAD = AppState.require_manager


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "today.title",
        rx.vstack(
            rx.text(TodayState.greeting, size="5", weight="medium", id="greeting"),
            rx.card(
                rx.vstack(
                    rx.heading(t("today.next_title"), as_="h2", size="4"),
                    rx.text(t("today.next_body")),
                    spacing="2",
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
    )
