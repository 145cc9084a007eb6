"""On Today: what the manager wrote last week under "what I will try next week"."""

from __future__ import annotations

import reflex as rx

from trusthabits.db.types import utcnow
from trusthabits.services import reflections
from trusthabits.ui.state import AppState, run_service, t


class LastPlanState(AppState):
    plan: str = ""

    @rx.event
    async def on_load(self):
        profile = await self._signed_in()
        self.plan = await run_service(reflections.last_weeks_plan, profile.id, utcnow()) if profile else ""


def last_plan() -> rx.Component:
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
