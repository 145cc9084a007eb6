"""On Today: the reflection waiting once its prompt time has passed, and what the manager last
wrote under "what I will try next week"."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.services import reflections
from trusthabits.services.accounts import Profile
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET


class LastPlanState(AppState):
    plan: str = ""
    waiting_week: str = ""

    async def _load(self, profile: Profile) -> None:
        self.plan = await run_service(reflections.last_weeks_plan, profile.id, clock.now())
        self.waiting_week = await run_service(reflections.prompt_waiting, profile.id, clock.now())


def last_plan() -> rx.Component:
    return rx.fragment(_waiting(), _plan())


def _waiting() -> rx.Component:
    return rx.cond(
        LastPlanState.waiting_week != "",
        rx.link(
            rx.button(rx.icon("notebook-pen", size=18), t("today.reflect_now"), size="3", width="100%",
                      min_height=TAP_TARGET, variant="soft"),
            href="/reflect/" + LastPlanState.waiting_week, width="100%", id="reflect-now",
        ),
    )


def _plan() -> rx.Component:
    return rx.cond(
        LastPlanState.plan != "",
        rx.callout.root(
            rx.vstack(
                rx.text(t("today.last_try"), size="2", weight="bold"),
                rx.text(LastPlanState.plan, size="2", white_space="pre-wrap", id="last-plan"),
                spacing="1",
            ),
            color_scheme="teal", width="100%", size="1",
        ),
    )
