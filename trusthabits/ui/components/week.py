"""The behaviour tiles and the "this week" overview, built from the behaviour catalogue.

Both are laid out at build time from `BEHAVIOURS`; only the numbers come from the page state,
so a tap sends back a few integers, not markup. Sized to fit, together with the page title,
on a 390×844 phone without scrolling.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS, Behaviour
from trusthabits.core.daily_log import WEEKDAYS
from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.state import t

DAY_CELL = "16px"
COUNT_WIDTH = "3rem"


def _tile(state, behaviour: Behaviour) -> rx.Component:
    return rx.button(
        rx.icon(behaviour.icon, size=24, aria_hidden="true"),
        rx.text(t(f"behaviour.{behaviour.key}.name"), size="2", weight="medium", class_name="tile-name"),
        on_click=state.log(behaviour.key),
        color_scheme=behaviour.colour,
        variant="soft",
        # Darker text on the soft tile: the default shade fails WCAG contrast for some colours.
        high_contrast=True,
        height="76px",
        width="100%",
        flex_direction="column",
        gap="1",
        padding="0.25rem",
        white_space="normal",
        line_height="1.15",
        class_name="behaviour-tile",
        data_behaviour=behaviour.key,
    )


def behaviour_tiles(state) -> rx.Component:
    return rx.grid(
        *[_tile(state, b) for b in BEHAVIOURS],
        columns="3",
        gap="2",
        width="100%",
        role="group",
        aria_label=t("today.tiles_label"),
    )


def _day_cell(state, behaviour: Behaviour, index: int) -> rx.Component:
    done = state.week_counts[behaviour.key][index] > 0
    return rx.box(
        width=DAY_CELL,
        height=DAY_CELL,
        border_radius="4px",
        background=rx.cond(done, f"var(--{behaviour.colour}-9)", "var(--gray-a3)"),
        outline=rx.cond(state.today_index == index, "1.5px solid var(--gray-a8)", "none"),
        outline_offset="1px",
    )


def _week_row(state, behaviour: Behaviour) -> rx.Component:
    total = state.week_totals[behaviour.key]
    return rx.hstack(
        colour_dot(behaviour.colour),
        rx.text(
            t(f"behaviour.{behaviour.key}.name"),
            size="2",
            flex="1",
            min_width="0",
            white_space="nowrap",
            overflow="hidden",
            text_overflow="ellipsis",
        ),
        rx.hstack(*[_day_cell(state, behaviour, i) for i in range(WEEKDAYS)], gap="3px"),
        rx.box(
            rx.cond(
                total > 0,
                rx.text(total.to_string() + "×", size="2", weight="bold"),
                rx.text(t("week.not_yet"), size="1", color_scheme="gray", font_style="italic"),
            ),
            width=COUNT_WIDTH,
            text_align="right",
        ),
        align="center",
        spacing="2",
        width="100%",
        class_name="week-row",
        data_behaviour=behaviour.key,
        data_count=total,
    )


def this_week(state) -> rx.Component:
    header = rx.hstack(
        rx.heading(t("week.title"), as_="h2", size="3", flex="1"),
        rx.hstack(
            *[rx.text(t(f"weekday.initial.{i}"), size="1", color_scheme="gray", width=DAY_CELL, text_align="center") for i in range(WEEKDAYS)],
            gap="3px",
            aria_hidden="true",
        ),
        rx.box(width=COUNT_WIDTH),
        align="center",
        spacing="2",
        width="100%",
    )
    return rx.card(
        rx.vstack(
            header,
            *[_week_row(state, b) for b in BEHAVIOURS],
            rx.text(state.week_status, size="1", color_scheme="gray", id="week-status"),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="this-week",
    )
