"""The Trends charts: stacked bars of logged actions per behaviour (catalogue colours) with the
team's trust index as a line on a second axis (1–5), need lines on demand; a small chart per
behaviour; and the same numbers as a table. Gaps stay gaps: lines never connect across a week
without enough answers. Stateless: each takes the Trends page's state."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.core.instrument import NEEDS
from trusthabits.ui.states.app import t, tv
from trusthabits.ui.theme import native_select_style


def _scrolling(svg: rx.Var, **props) -> rx.Component:
    """Wide ranges scroll sideways on a phone instead of squeezing 52 labels into 390 px. The
    chart is SVG drawn on the server (trusthabits/ui/trend_svg.py)."""
    return rx.box(
        rx.html(svg),
        overflow_x="auto", width="100%", class_name="trend-scroll", tab_index=0,
        aria_label=tv("trends.chart_label"), role="region", **props,
    )


def seen_chart(state: Any) -> rx.Component:
    """Logged by you (bars) next to seen by the team (dots), for the behaviour in focus."""
    return _scrolling(state.seen_svg)


def main_chart(state: Any) -> rx.Component:
    return _scrolling(state.chart_svg, data_show_needs=state.show_needs)


def _key(swatch_class: str, label_key: str, colour_class: str = "") -> rx.Component:
    return rx.el.span(rx.el.span(class_name=f"{swatch_class} {colour_class}".strip()), t(label_key),
                      class_name="legend-key")


def legend(state: Any) -> rx.Component:
    """The chart's key in HTML, outside the sideways-scrolling chart, so it is always in view
    and in readable text colour. Plain elements drawn by the `legend-*` rules in theme.css."""
    return rx.el.div(
        *[_key("legend-bar", f"behaviour.{b.key}.name", f"colour-{b.colour}") for b in BEHAVIOURS],
        _key("legend-line trust-key", "results.trust_index"),
        *[rx.cond(state.show_needs, _key(f"legend-line need-key-{need}", f"results.need_{need}"))
          for need in NEEDS],
        id="trend-legend", class_name="legend",
    )


def behaviour_chart(state: Any) -> rx.Component:
    """One behaviour at a time (picked from a list): its weekly count against trust, with what
    may be said about it. One small chart, not six, keeps the page light on a phone."""
    focus = state.focus
    return rx.el.section(
        rx.vstack(
            rx.el.label(t("trends.behaviour"), html_for="trend-focus", font_weight="500"),
            rx.el.select(
                *[rx.el.option(tv(f"behaviour.{b.key}.name"), value=b.key) for b in BEHAVIOURS],
                id="trend-focus", value=focus, on_change=state.choose_focus, style=native_select_style,
            ),
            _scrolling(state.focus_svg),
            rx.cond(state.behaviour_insight[focus] != "",
                    rx.text(state.behaviour_insight[focus], size="2", class_name="behaviour-insight")),
            rx.el.ul(rx.foreach(state.lag_texts[focus], lambda cell: rx.el.li(rx.text(cell, size="2"))),
                     padding_left="1rem", margin="0", color="var(--gray-11)"),
            spacing="2", width="100%",
        ),
        class_name="panel behaviour-trend",
    )


def _cell(value: rx.Var, header: bool = False) -> rx.Component:
    return (rx.table.row_header_cell if header else rx.table.cell)(value, white_space="nowrap")


def trend_table(state: Any) -> rx.Component:
    headers = ["trends.col_week", *[f"behaviour.{b.key}.name" for b in BEHAVIOURS], "trends.col_answered",
               "results.trust_index", *[f"results.need_{need}" for need in NEEDS]]
    return rx.box(
        rx.table.root(
            rx.el.caption(t("trends.table_caption"), style={"text_align": "left", "padding": "0.5rem 0.75rem"}),
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h), white_space="nowrap") for h in headers])),
            rx.table.body(rx.foreach(
                state.table,
                lambda row: rx.table.row(_cell(row[0], header=True),
                                         *[_cell(row[i]) for i in range(1, len(headers))]),
            )),
            size="1", variant="surface", id="trend-table",
        ),
        overflow_x="auto", width="100%", tab_index=0, role="region", aria_label=tv("trends.table_caption"),
    )
