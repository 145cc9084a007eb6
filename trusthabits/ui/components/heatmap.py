"""The 12-month calendar heatmap: a CSS grid of small boxes, one column per week (Monday on
top), no chart library. On a phone it scrolls sideways and opens at the latest week."""

from __future__ import annotations

import reflex as rx

CELL = "11px"
GAP = "2px"


def _cell(cell: rx.Var) -> rx.Component:
    return rx.box(width=CELL, height=CELL, border_radius="2px", background=cell["colour"], title=cell["title"])


def heatmap(cells: rx.Var, summary: rx.Var) -> rx.Component:
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
        rx.flex(grid, direction="row-reverse", overflow_x="auto", width="100%", padding_bottom="4px"),
        rx.text(summary, size="1", color_scheme="gray", id="heat-summary"),
        role="img",
        aria_label=summary,
        id="heatmap",
        spacing="1",
        width="100%",
    )
