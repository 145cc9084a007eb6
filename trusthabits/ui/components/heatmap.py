"""The 12-month calendar heatmap: a grid of small cells, one column per week (Monday on top),
no chart library. On a phone it scrolls sideways and opens at the latest week.

Plain elements shaded by fixed rules (`heat-*` in assets/theme.css) from each cell's level and
the grid's colour class: 371 cells then cost the browser no style computation of their own. The
grid's rows have a fixed height, so it paints from the prerendered page and keeps its place
while the data comes.
"""

from __future__ import annotations

from typing import Any

import reflex as rx


def _cell(cell: rx.Var) -> rx.Component:
    # A past day is an image named by its date and count, so a screen reader can read the grid
    # cell by cell; a day still to come is hidden from it. Cells do nothing when pressed, so they
    # take no tab stop (371 of them would bury the page): the scroll box around them does.
    return rx.cond(
        cell.title,
        rx.el.span(class_name="heat-cell", data_level=cell.level, title=cell.title, role="img",
                   aria_label=cell.title),
        rx.el.span(class_name="heat-cell", data_level=cell.level, aria_hidden="true"),
    )


def _month_label(label: rx.Var) -> rx.Component:
    # Wider than its column on purpose: a label spans into the next, empty, columns.
    return rx.el.span(label, class_name="heat-month")


def heatmap(state: Any) -> rx.Component:
    """`state` holds `heat_colour`, `heat_cells` (one `HeatCellRow` per day), `heat_months` (a
    label per week column, set on the first week of each month) and `heat_summary`."""
    return rx.el.div(
        # row-reverse makes the scroll position start at the newest (right-hand) end.
        rx.el.div(
            rx.el.div(
                rx.el.div(rx.foreach(state.heat_months, _month_label), class_name="heat-months",
                          aria_hidden="true"),  # each cell says its own date
                rx.el.div(rx.foreach(state.heat_cells, _cell), class_name="heat-grid"),
                class_name="colour-" + state.heat_colour,
            ),
            # Focusable, so a keyboard can scroll it; named by the summary below it.
            tab_index=0,
            role="group",
            aria_labelledby="heat-summary",
            class_name="heat-scroll",
        ),
        rx.el.p(state.heat_summary, class_name="heat-summary", id="heat-summary"),
        id="heatmap",
        class_name="heatmap",
    )
