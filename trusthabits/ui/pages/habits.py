"""Habits: per behaviour a 0–100 strength, the streak of weeks that met the target, the weekly
target itself, pauses (holiday, sick leave) and a short explanation of how the score moves."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import behaviours, scoring
from trusthabits.core.behaviours import Behaviour
from trusthabits.core.calendar import parse_day
from trusthabits.core.errors import FieldErrors
from trusthabits.services import habits
from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.components.forms import notice
from trusthabits.ui.components.shell import app_layout, when_signed_in
from trusthabits.ui.events import Form, Me, page_load, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.habits import PauseRow, pause_rows, strengths
from trusthabits.ui.states.app import AppState, t, tv
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/habits"


class HabitsState(AppState):
    # Every behaviour has its keys from the start: the rows draw before the data arrives.
    scores: dict[str, int] = {b.key: 0 for b in behaviours.BEHAVIOURS}
    streaks: dict[str, str] = {}
    progress: dict[str, str] = {}
    targets: dict[str, str] = {}
    paused_now: bool = False
    pauses: list[PauseRow] = []
    pause_error: str = ""

    def _refresh(self, me: Me) -> None:
        shown = strengths(me.call(habits.strengths, me.id), self._tr)
        self.scores, self.streaks, self.progress = shown.scores, shown.streaks, shown.progress
        self.targets, self.paused_now = shown.targets, shown.paused_now
        self.pauses = pause_rows(me.call(habits.pauses, me.id), me.today(), self._tr)

    @page_load
    def load(self, me: Me) -> None:
        self.pause_error = ""
        self._refresh(me)

    @signed_in
    def set_target(self, me: Me, behaviour: str, value: str) -> None:
        try:
            me.call(habits.set_target, me.id, behaviour, int(value))
        except (ValueError, FieldErrors):
            pass  # the select only offers valid targets; anything else is ignored
        self._refresh(me)

    @signed_in
    def add_pause(self, me: Me, form: Form) -> None:
        try:
            me.call(habits.add_pause, me.id, parse_day(form.get("start", "")), parse_day(form.get("end", "")))
        except FieldErrors as invalid:
            self.pause_error = self._tr(next(iter(invalid.errors.values())))
            return
        self.pause_error = ""
        self._refresh(me)

    @signed_in
    def delete_pause(self, me: Me, pause_id: int) -> None:
        try:
            me.call(habits.delete_pause, me.id, pause_id)
        except habits.PauseNotFound:
            pass  # already gone
        self._refresh(me)


def _target(b: Behaviour) -> rx.Component:
    """The weekly target's select. Its options cannot hold two languages, so it is drawn with the
    manager's data; until then a box of its size keeps the row still."""
    select = rx.el.select(
        *[rx.el.option(tv(f"habits.per_week.{n}"), value=str(n))
          for n in range(scoring.MIN_TARGET, scoring.MAX_TARGET + 1)],
        value=HabitsState.targets[b.key],
        on_change=lambda value: HabitsState.set_target(b.key, value),
        aria_label=tv(f"behaviour.{b.key}.name"),
        style={**native_select_style, "width": "auto"},
    )
    return when_signed_in(select, waiting=rx.box(min_height=TAP_TARGET, min_width="7rem"))


def _strength_row(b: Behaviour) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            colour_dot(b.colour),
            rx.text(t(f"behaviour.{b.key}.name"), weight="medium", size="3", flex="1"),
            when_signed_in(rx.text(HabitsState.scores[b.key], weight="bold", size="4", class_name="habit-score")),
            align="center",
            width="100%",
        ),
        rx.progress(value=HabitsState.scores[b.key], color_scheme=b.colour, aria_hidden="true"),
        rx.hstack(
            rx.box(when_signed_in(rx.text(HabitsState.streaks[b.key], " · ", HabitsState.progress[b.key], size="1",
                                          color_scheme="gray")), flex="1"),
            _target(b),
            align="center",
            width="100%",
        ),
        spacing="1",
        width="100%",
        data_behaviour=b.key,
        class_name="habit-row",
    )


def _pause_row(pause: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(pause.label, size="2", flex="1"),
        rx.icon_button(rx.icon("trash-2", size=18), on_click=HabitsState.delete_pause(pause.id),
                       aria_label=tv("habits.delete_pause"), variant="ghost", color_scheme="red", size="3",
                       min_width=TAP_TARGET, min_height=TAP_TARGET),
        align="center",
        width="100%",
    )


def _date_field(name: str, label_key: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=f"pause-{name}"),
        rx.input(id=f"pause-{name}", name=name, type="date", size="3", min_height=TAP_TARGET, width="100%",
                 min_width="0"),
        spacing="1", min_width="0",
    )


def _pauses() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("habits.pauses"), as_="h2", size="4"),
            # The manager's own pauses, and whether one runs now, follow the session check.
            when_signed_in(
                rx.cond(HabitsState.paused_now, rx.callout(t("habits.paused_now"), icon="pause", width="100%")),
                rx.foreach(HabitsState.pauses, _pause_row),
            ),
            rx.text(t("habits.pauses_explain"), size="2", color_scheme="gray"),
            rx.form(
                # Two columns, each allowed to shrink: a date field's intrinsic width overflows a phone.
                rx.grid(_date_field("start", "habits.pause_start"), _date_field("end", "habits.pause_end"),
                        columns="2", spacing="2", width="100%"),
                rx.button(rx.icon("pause", size=18), t("habits.add_pause"), type="submit", size="3",
                          min_height=TAP_TARGET, width="100%", margin_top="0.5rem"),
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


def view() -> rx.Component:
    # The behaviours, the explanation and the pause form come from the catalogue and paint from
    # the prerendered page; scores, streaks, targets and pauses follow the session check.
    return app_layout(
        "/",  # a part of Today in the navigation
        "habits.title",
        rx.vstack(
            rx.card(rx.vstack(*[_strength_row(b) for b in behaviours.BEHAVIOURS], spacing="4", width="100%"),
                    width="100%"),
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
        gated=False,
    )


PAGE = Page((ROUTE,), view, HabitsState.load)
