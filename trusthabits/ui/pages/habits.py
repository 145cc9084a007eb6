"""Habits: per behaviour a 0–100 strength, the streak of weeks that met the target, the weekly
target itself, pauses (holiday, sick leave) and a short explanation of how the score moves."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import behaviours, scoring
from trusthabits.core.behaviours import Behaviour
from trusthabits.core.calendar import parse_day
from trusthabits.core.errors import FieldErrors
from trusthabits.services import actions, habits
from trusthabits.services.accounts import Profile
from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.components.forms import notice
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.entry_state import day_label
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/habits"


class HabitsState(AppState):
    scores: dict[str, int] = {}
    streaks: dict[str, str] = {}
    progress: dict[str, str] = {}
    targets: dict[str, str] = {}
    paused_now: bool = False
    pauses: list[dict[str, str]] = []
    pause_error: str = ""

    async def _refresh(self, profile: Profile) -> None:
        strengths = await run_service(habits.strengths, profile.id)
        self.scores = {key: s.score for key, s in strengths.items()}
        self.streaks = {key: self._tr("habits.streak", weeks=s.streak) for key, s in strengths.items()}
        self.progress = {key: self._tr("habits.this_week", count=s.this_week, target=s.target) for key, s in strengths.items()}
        self.targets = {key: str(s.target) for key, s in strengths.items()}
        self.paused_now = any(s.paused_now for s in strengths.values())
        today = await run_service(actions.manager_today, profile.id)
        self.pauses = [
            {"id": str(p.id), "label": self._tr("habits.pause_range", start=day_label(p.start, today, self._tr), end=day_label(p.end, today, self._tr))}
            for p in await run_service(habits.pauses, profile.id)
        ]

    @rx.event
    async def on_load(self):
        self.pause_error = ""
        if profile := await self._signed_in():
            await self._refresh(profile)

    @rx.event
    async def set_target(self, behaviour: str, value: str):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(habits.set_target, profile.id, behaviour, int(value))
        except (ValueError, FieldErrors):
            pass  # the select only offers valid targets; anything else is ignored
        await self._refresh(profile)

    @rx.event
    async def add_pause(self, form: dict):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(habits.add_pause, profile.id, parse_day(form.get("start", "")), parse_day(form.get("end", "")))
        except FieldErrors as invalid:
            self.pause_error = self._tr(next(iter(invalid.errors.values())))
            return
        self.pause_error = ""
        await self._refresh(profile)

    @rx.event
    async def delete_pause(self, pause_id: str):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(habits.delete_pause, profile.id, int(pause_id))
        except (ValueError, habits.PauseNotFound):
            pass  # already gone
        await self._refresh(profile)


def _strength_row(b: Behaviour) -> rx.Component:
    target = rx.el.select(
        *[rx.el.option(t(f"habits.per_week.{n}"), value=str(n)) for n in range(scoring.MIN_TARGET, scoring.MAX_TARGET + 1)],
        value=HabitsState.targets[b.key],
        on_change=lambda value: HabitsState.set_target(b.key, value),
        aria_label=t(f"behaviour.{b.key}.name"),
        style={**native_select_style, "width": "auto"},
    )
    return rx.vstack(
        rx.hstack(
            colour_dot(b.colour),
            rx.text(t(f"behaviour.{b.key}.name"), weight="medium", size="3", flex="1"),
            rx.text(HabitsState.scores[b.key], weight="bold", size="4", class_name="habit-score"),
            align="center",
            width="100%",
        ),
        rx.progress(value=HabitsState.scores[b.key], color_scheme=b.colour, aria_hidden="true"),
        rx.hstack(
            rx.text(HabitsState.streaks[b.key], " · ", HabitsState.progress[b.key], size="1", color_scheme="gray", flex="1"),
            target,
            align="center",
            width="100%",
        ),
        spacing="1",
        width="100%",
        data_behaviour=b.key,
        class_name="habit-row",
    )


def _pauses() -> rx.Component:
    fields = dict(type="date", size="3", min_height=TAP_TARGET, width="100%", min_width="0")
    return rx.card(
        rx.vstack(
            rx.heading(t("habits.pauses"), as_="h2", size="4"),
            rx.text(t("habits.pauses_explain"), size="2", color_scheme="gray"),
            rx.foreach(
                HabitsState.pauses,
                lambda p: rx.hstack(
                    rx.text(p["label"], size="2", flex="1"),
                    rx.icon_button(rx.icon("trash-2", size=18), on_click=HabitsState.delete_pause(p["id"]), aria_label=t("habits.delete_pause"), variant="ghost", color_scheme="red", size="3", min_width=TAP_TARGET, min_height=TAP_TARGET),
                    align="center",
                    width="100%",
                ),
            ),
            rx.form(
                # Two columns, each allowed to shrink: a date field's intrinsic width overflows a phone.
                rx.grid(
                    rx.vstack(rx.el.label(t("habits.pause_start"), html_for="pause-start"), rx.input(id="pause-start", name="start", **fields), spacing="1", min_width="0"),
                    rx.vstack(rx.el.label(t("habits.pause_end"), html_for="pause-end"), rx.input(id="pause-end", name="end", **fields), spacing="1", min_width="0"),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                rx.button(rx.icon("pause", size=18), t("habits.add_pause"), type="submit", size="3", min_height=TAP_TARGET, width="100%", margin_top="0.5rem"),
                on_submit=HabitsState.add_pause,
                reset_on_submit=False,
                no_validate=True,
                width="100%",
            ),
            notice(HabitsState.pause_error, color="red"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


ON_LOAD = [AppState.require_manager, HabitsState.on_load]


def view() -> rx.Component:
    return app_layout(
        "/",  # a part of Today in the navigation
        "habits.title",
        rx.vstack(
            rx.cond(HabitsState.paused_now, rx.callout(t("habits.paused_now"), icon="pause", width="100%")),
            rx.card(rx.vstack(*[_strength_row(b) for b in behaviours.BEHAVIOURS], spacing="4", width="100%"), width="100%"),
            rx.card(
                rx.vstack(
                    rx.heading(t("habits.how_title"), as_="h2", size="4"),
                    rx.text(t("habits.how_score"), size="2"),
                    rx.text(t("habits.how_pause"), size="2"),
                    spacing="2",
                ),
                width="100%",
            ),
            _pauses(),
            spacing="4",
            width="100%",
        ),
    )
