"""The personal experiment on Reflect: the experiments so far (with Stop while one is planned or
running) and, when none is, the form "more <behaviour> for N weeks, from next week". Stateless:
takes the state with the `experiment_*` fields (ui/states/reflection_loop.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core.experiments import DEFAULT_WEEKS
from trusthabits.ui.components.forms import field_error, notice, submit_button
from trusthabits.ui.states.app import t
from trusthabits.ui.theme import TAP_TARGET, native_select_style


def _select(name: str, label_key: str, options: Any, state: Any, default: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=name, font_weight="500"),
        rx.el.select(rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
                     id=name, name=name, default_value=default, style=native_select_style),
        field_error(state.experiment_errors[name].to(str)),
        spacing="1", width="100%",
    )


def _row(state: Any, row: Any) -> rx.Component:
    return rx.vstack(
        rx.text(row.headline, weight="bold", size="2"),
        rx.text(row.detail, size="2", color_scheme="gray"),
        rx.foreach(row.results, lambda line: rx.text(line, size="2")),
        rx.cond(row.can_stop,
                rx.button(t("experiment.stop"), on_click=state.stop_experiment(row.id), variant="soft",
                          color_scheme="gray", size="2", min_height=TAP_TARGET)),
        spacing="1", width="100%", class_name="experiment",
    )


def experiment_card(state: Any) -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading(t("experiment.title"), as_="h3", size="4"),
            rx.text(t("experiment.intro"), size="2", color_scheme="gray"),
            rx.foreach(state.experiment_rows, lambda row: _row(state, row)),
            rx.cond(
                state.experiment_can_declare,
                rx.form(
                    rx.vstack(
                        rx.hstack(
                            _select("experiment_behaviour", "experiment.behaviour", state.experiment_behaviours,
                                    state),
                            _select("experiment_weeks", "experiment.weeks", state.experiment_weeks, state,
                                    str(DEFAULT_WEEKS)),
                            spacing="2", width="100%",
                        ),
                        submit_button("experiment.start", False),
                        spacing="2", width="100%",
                    ),
                    on_submit=state.declare_experiment, key=state.experiment_form_key, width="100%",
                ),
            ),
            notice(state.experiment_message),
            spacing="3", width="100%",
        ),
        class_name="panel", id="experiment",
    )
