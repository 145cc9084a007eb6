"""The 12-month calendar heatmap: a CSS grid of small boxes, one column per week (Monday on
top), no chart library. On a phone it scrolls sideways and opens at the latest week."""

from __future__ import annotations

import reflex as rx

CELL = "11px"
GAP = "2px"


def _cell(cell: rx.Var) -> rx.Component:
    return rx.box(width=CELL, height=CELL, border_radius="2px", background=cell.colour, title=cell.title)


def _month_label(label: rx.Var) -> rx.Component:
    # Wider than its column on purpose: a label spans into the next, empty, columns.
    return rx.text(label, size="1", color_scheme="gray", white_space="nowrap", width=CELL, overflow="visible")


def heatmap(cells: rx.Var, months: rx.Var, summary: rx.Var) -> rx.Component:
    """`cells`: one `HeatCellRow` (colour, title) per day; `months`: one label per week column, set
    on the first week of each month and empty elsewhere."""
    labels = rx.box(
        rx.foreach(months, _month_label),
        display="grid",
        grid_auto_flow="column",
        grid_auto_columns=CELL,
        gap=GAP,
        aria_hidden="true",
    )
    grid = rx.box(
        rx.foreach(cells, _cell),
        display="grid",
        grid_template_rows=f"repeat(7, {CELL})",
        grid_auto_flow="column",
        grid_auto_columns=CELL,
        gap=GAP,
        aria_hidden="true",
    )
    return rx.vstack(
        # row-reverse makes the scroll position start at the newest (right-hand) end.
        rx.flex(
            rx.vstack(labels, grid, spacing="1"),
            direction="row-reverse",
            overflow_x="auto",
            width="100%",
            padding_bottom="4px",
        ),
        rx.text(summary, size="1", color_scheme="gray", id="heat-summary"),
        role="img",
        aria_label=summary,
        id="heatmap",
        spacing="1",
        width="100%",
    )
