"""The daily nudge on Settings: on/off, a local time, the days of the week, and a button that
lets this browser show it as a notification. Stateless: takes the page state that mixes in
`NudgeMixin` (ui/states/nudge.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.ui.components.forms import field_error, labelled, notice, submit_button
from trusthabits.ui.states.app import t
from trusthabits.ui.theme import TAP_TARGET, native_select_style


def _check(name: str, label: rx.Component, checked: Any, key: Any) -> rx.Component:
    return rx.el.label(
        # No id: Reflex would then read the box as true/false instead of the form's "on" (the
        # label around it names it).
        rx.el.input(type="checkbox", name=name, default_checked=checked, key=key,
                    style={"width": "1.25rem", "height": "1.25rem"}),
        label,
        style={"display": "inline-flex", "align_items": "center", "gap": "0.4rem", "min_height": TAP_TARGET,
               "padding_right": "0.5rem"},
    )


def nudge_form(state: Any) -> rx.Component:
    days = rx.el.fieldset(
        rx.el.legend(rx.text(t("nudge.days"), weight="medium", size="2")),
        rx.el.div(*[_check(f"nudge_day_{day}", rx.text(t(f"weekday.short.{day}"), size="2"),
                           state.nudge_days.contains(str(day)), state.nudge_form_key) for day in range(7)],
                  style={"display": "flex", "flex_wrap": "wrap"}),
        field_error(state.nudge_errors["nudge_days"].to(str)),
        style={"border": "none", "padding": 0, "margin": 0},
    )
    time = rx.el.input(type="time", id="nudge_time", name="nudge_time", default_value=state.nudge_time,
                       key=state.nudge_form_key, style=native_select_style)
    return rx.vstack(
        rx.form(
            rx.vstack(
                rx.heading(t("nudge.title"), as_="h2", size="4"),
                rx.text(t("nudge.explain"), size="2", color_scheme="gray"),
                _check("nudge_enabled", rx.text(t("nudge.enabled"), size="2", weight="medium"),
                       state.nudge_enabled, state.nudge_form_key),
                labelled("nudge_time", "nudge.time", time, state.nudge_errors["nudge_time"].to(str)),
                days,
                notice(state.nudge_saved),
                submit_button("nudge.save", False),
                spacing="3", width="100%",
            ),
            on_submit=state.save_nudge, no_validate=True, reset_on_submit=False, id="nudge-form", width="100%",
        ),
        rx.text(t("nudge.device_explain"), size="2"),
        rx.button(rx.icon("bell", size=18), t("nudge.allow"), on_click=state.allow_notifications, variant="soft",
                  size="3", min_height=TAP_TARGET, type="button", id="allow-notifications"),
        rx.cond(state.push_message != "", rx.text(state.push_message, size="2", role="status", id="push-message")),
        spacing="3", width="100%",
    )
