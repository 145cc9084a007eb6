"""The weekly schedules as forms: a team's pulse (with what went out) and the manager's
reflection prompt. Stateless: each takes the page state that mixes in the matching schedule
mixin (ui/states/schedules.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.ui.components.forms import labelled, notice, submit_button, text_field
from trusthabits.ui.components.shell import when_signed_in
from trusthabits.ui.states.app import t, tv
from trusthabits.ui.theme import TAP_TARGET, native_select_style


def _weekday_select(state: Any) -> rx.Component:
    control = rx.el.select(
        *[rx.el.option(tv(f"weekday.short.{day}"), value=str(day)) for day in range(7)],
        id="weekday", name="weekday", default_value=state.schedule_weekday, key=state.schedule_form_key,
        style=native_select_style,
    )
    # Options cannot hold two languages: the select comes with the manager's data, and until then a
    # box of its height keeps the form still.
    return labelled("weekday", "schedule.weekday", when_signed_in(control, waiting=rx.box(min_height=TAP_TARGET)),
                    state.schedule_errors["weekday"].to(str))


def _form(form_id: str, title_key: str, state: Any, on_submit: Any, *extra: rx.Component) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t(title_key), as_="h2", size="4"),
            rx.text(state.schedule_zone, size="2", color_scheme="gray", min_height="1.25rem"),
            _weekday_select(state),
            text_field("time", "schedule.time", state.schedule_errors, default_value=state.schedule_time,
                       key=state.schedule_form_key),
            *extra,
            notice(state.schedule_saved),
            submit_button("schedule.save", False),
            spacing="3", width="100%",
        ),
        on_submit=on_submit, no_validate=True, reset_on_submit=False, id=form_id, width="100%",
    )


def pulse_schedule_form(state: Any) -> rx.Component:
    status = state.schedule_status
    return rx.vstack(
        _form(
            "pulse-schedule", "schedule.pulse_title", state, state.save_pulse_schedule,
            text_field("reminder_hours", "schedule.reminder_hours", state.schedule_errors,
                       default_value=state.schedule_reminder_hours, key=state.schedule_form_key,
                       input_mode="numeric", hint_key="schedule.reminder_explain"),
            text_field("close_after_days", "schedule.close_after_days", state.schedule_errors,
                       default_value=state.schedule_close_after_days, key=state.schedule_form_key,
                       input_mode="numeric"),
        ),
        rx.heading(t("status.title"), as_="h2", size="4"),
        rx.foreach(status.warnings, lambda w: rx.callout(w, color_scheme="red", role="alert", width="100%")),
        rx.text(status.next_pulse, size="2", id="next-pulse"),
        rx.text(status.next_prompt, size="2", id="next-prompt"),
        rx.cond(status.rounds.length() > 0,
                rx.foreach(status.rounds, lambda line: rx.text(line, size="2", class_name="round-status")),
                rx.text(t("status.no_rounds"), size="2", color_scheme="gray")),
        spacing="3", width="100%",
    )


def reflect_schedule_form(state: Any) -> rx.Component:
    return _form("reflect-schedule", "schedule.reflect_title", state, state.save_reflect_schedule)
