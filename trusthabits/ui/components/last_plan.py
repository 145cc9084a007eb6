"""On Today: the reflection waiting once its prompt time has passed, and what the manager last
wrote under "what I will try next week". Stateless: takes the state holding `plan` and
`waiting_week`."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.ui.states.app import t
from trusthabits.ui.theme import TAP_TARGET


def last_plan(state: Any) -> rx.Component:
    return rx.fragment(_waiting(state), _plan(state))


def _waiting(state: Any) -> rx.Component:
    return rx.cond(
        state.waiting_week != "",
        rx.link(
            rx.button(rx.icon("notebook-pen", size=18), t("today.reflect_now"), size="3", width="100%",
                      min_height=TAP_TARGET, variant="soft"),
            href="/reflect/" + state.waiting_week, width="100%", id="reflect-now",
        ),
    )


def _plan(state: Any) -> rx.Component:
    return rx.cond(
        state.plan != "",
        rx.callout.root(
            rx.vstack(
                rx.text(t("today.last_try"), size="2", weight="bold"),
                rx.text(state.plan, size="2", white_space="pre-wrap", id="last-plan"),
                spacing="1",
            ),
            color_scheme="teal", width="100%", size="1",
        ),
    )
