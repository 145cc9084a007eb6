"""The behaviour tiles and the "this week" overview, built from the behaviour catalogue.

Both are laid out at build time from `BEHAVIOURS`; only the numbers come from the page state,
so a tap sends back a few integers, not markup. Sized to fit, together with the page title,
on a 390×844 phone without scrolling.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS, Behaviour
from trusthabits.core.calendar import DAYS_PER_WEEK
from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.components.shell import when_signed_in
from trusthabits.ui.states.app import t, tv


def _placement(layout, behaviour: Behaviour) -> dict:
    """The manager's focus puts a tile or row first (CSS `order`, so the prerendered layout stays
    and nothing is redrawn but a style); a hidden behaviour is not shown (its history stays)."""
    if layout is None:
        return {}
    return {
        "style": {"order": layout.tile_rank[behaviour.key]},
        "data_focus": layout.focus_keys.contains(behaviour.key),
        "data_hidden": layout.hidden_keys.contains(behaviour.key),
    }


def _tile(state, behaviour: Behaviour, layout=None) -> rx.Component:
    # A plain button in the behaviour's colour (`behaviour-tile` in assets/theme.css): the tiles
    # are the first thing a phone draws, and the most tapped.
    return rx.el.button(
        rx.icon(behaviour.icon, size=24, aria_hidden="true"),
        rx.el.span(t(f"behaviour.{behaviour.key}.name"), class_name="tile-name"),
        on_click=state.log(behaviour.key),
        type="button",
        class_name=f"behaviour-tile colour-{behaviour.colour}",
        data_behaviour=behaviour.key,
        **_placement(layout, behaviour),
    )


def behaviour_tiles(state, layout=None) -> rx.Component:
    """`layout`: the state holding the manager's focus (`tile_rank`, `focus_keys`, `hidden_keys`)."""
    return rx.grid(
        *[_tile(state, b, layout) for b in BEHAVIOURS],
        columns="3",
        spacing="2",
        width="100%",
        role="group",
        aria_label=tv("today.tiles_label"),
    )


def _day_cell(state, behaviour: Behaviour, index: int) -> rx.Component:
    return rx.el.span(
        class_name="day-cell",
        data_done=state.week_counts[behaviour.key][index] > 0,
        data_today=state.today_index == index,
    )


def _week_row(state, behaviour: Behaviour) -> rx.Component:
    total = state.week_totals[behaviour.key]
    return rx.el.div(
        colour_dot(behaviour.colour),
        rx.el.span(t(f"behaviour.{behaviour.key}.name"), class_name="week-name"),
        rx.el.span(*[_day_cell(state, behaviour, i) for i in range(DAYS_PER_WEEK)],
                   class_name=f"week-days colour-{behaviour.colour}"),
        rx.el.span(
            when_signed_in(rx.cond(
                total > 0,
                rx.el.strong(total.to_string() + "×"),
                rx.el.em(t("week.not_yet"), class_name="week-not-yet"),
            )),
            class_name="week-count",
        ),
        class_name="week-row",
        data_behaviour=behaviour.key,
        data_count=total,
        **_placement(state if hasattr(state, "tile_rank") else None, behaviour),
    )


def this_week(state) -> rx.Component:
    """Six rows of plain elements laid out by the `week-*` rules in assets/theme.css: the card is
    on the first screen of Today and redrawn after every tap, so it stays cheap to draw."""
    header = rx.el.div(
        rx.heading(t("week.title"), as_="h2", size="3", class_name="week-name"),
        rx.el.span(*[rx.el.span(t(f"weekday.initial.{i}")) for i in range(DAYS_PER_WEEK)],
                   class_name="week-days week-initials", aria_hidden="true"),
        rx.el.span(class_name="week-count"),
        class_name="week-row",
        style={"order": -1},
    )
    return rx.el.section(
        header,
        *[_week_row(state, b) for b in BEHAVIOURS],
        rx.text(state.week_status, size="1", color_scheme="gray", id="week-status", style={"order": 99}),
        class_name="panel week-rows",
        id="this-week",
    )
