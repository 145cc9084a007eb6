"""The Trends charts: stacked bars of logged actions per behaviour (catalogue colours) with the
team's trust index as a line on a second axis (1–5), need lines on demand; a small chart per
behaviour; and the same numbers as a table. Gaps stay gaps: lines never connect across a week
without enough answers."""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS, Behaviour
from trusthabits.core.instrument import NEEDS
from trusthabits.ui.state import t
from trusthabits.ui.theme import native_select_style
from trusthabits.ui.trends_state import TrendsState

CHART_HEIGHT = 320
SMALL_HEIGHT = 150
TRUST_COLOUR = "var(--gray-12)"
NEED_COLOURS = {"autonomy": "var(--orange-10)", "relatedness": "var(--pink-10)", "competence": "var(--cyan-10)"}
TICK = {"font_size": 12, "fill": "var(--gray-11)"}


def _trust_axis() -> rx.Component:
    return rx.recharts.y_axis(y_axis_id="trust", orientation="right", domain=[1, 5], ticks=[1, 2, 3, 4, 5],
                              width=28, tick=TICK)


def _trust_line(width: int = 3) -> rx.Component:
    return rx.recharts.line(data_key="trust", y_axis_id="trust", name=t("results.trust_index"), stroke=TRUST_COLOUR,
                            stroke_width=width, connect_nulls=False, dot=True, is_animation_active=False,
                            type_="monotone", class_name="trust-line")


def _bar(behaviour: Behaviour) -> rx.Component:
    return rx.recharts.bar(data_key=behaviour.key, stack_id="actions", y_axis_id="count",
                           name=t(f"behaviour.{behaviour.key}.name"), fill=f"var(--{behaviour.colour}-9)",
                           is_animation_active=False, class_name=f"bar-{behaviour.key}")


def _need_line(need: str) -> rx.Component:
    return rx.recharts.line(data_key=need, y_axis_id="trust", name=t(f"results.need_{need}"),
                            stroke=NEED_COLOURS[need], stroke_width=2, stroke_dasharray="5 4", connect_nulls=False,
                            dot=False, hide=~TrendsState.show_needs,
                            is_animation_active=False, type_="monotone")


def _scrolling(chart: rx.Component) -> rx.Component:
    """Wide ranges scroll sideways on a phone instead of squeezing 52 labels into 390 px."""
    return rx.box(
        rx.box(chart, min_width=TrendsState.chart_min_width, width="100%"),
        overflow_x="auto", width="100%", class_name="trend-scroll", tab_index=0,
        aria_label=t("trends.chart_label"), role="region",
    )


def main_chart() -> rx.Component:
    # Every week gets its label: the chart is at least PX_PER_WEEK wide per week (it scrolls).
    return _scrolling(rx.recharts.composed_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False, stroke="var(--gray-a5)"),
        rx.recharts.x_axis(data_key="label", tick=TICK, interval=0, class_name="week-axis"),
        rx.recharts.y_axis(y_axis_id="count", allow_decimals=False, width=28, tick=TICK),
        _trust_axis(),
        *[_bar(b) for b in BEHAVIOURS],
        _trust_line(),
        *[_need_line(need) for need in NEEDS],
        rx.recharts.graphing_tooltip(),
        data=TrendsState.rows, height=CHART_HEIGHT, width="100%",
        margin={"top": 8, "right": 0, "left": 0, "bottom": 0}, id="trend-chart",
    ))


def _key(colour: str, label_key: str, line: bool = False) -> rx.Component:
    swatch = rx.box(width="14px", height="3px" if line else "12px", background=colour, border_radius="2px",
                    flex_shrink="0")
    return rx.hstack(swatch, rx.text(t(label_key), size="2"), align="center", spacing="1")


def legend() -> rx.Component:
    """The chart's key in HTML, outside the sideways-scrolling chart, so it is always in view
    and in readable text colour (recharts' own legend scrolls away and colours its text)."""
    return rx.flex(
        *[_key(f"var(--{b.colour}-9)", f"behaviour.{b.key}.name") for b in BEHAVIOURS],
        _key(TRUST_COLOUR, "results.trust_index", line=True),
        *[rx.cond(TrendsState.show_needs, _key(NEED_COLOURS[need], f"results.need_{need}", line=True))
          for need in NEEDS],
        wrap="wrap", gap="0.25rem 0.75rem", width="100%", id="trend-legend",
    )


def behaviour_chart() -> rx.Component:
    """One behaviour at a time (picked from a list): its weekly count against trust, with what
    may be said about it. One small chart, not six, keeps the page light on a phone."""
    focus = TrendsState.focus
    return rx.card(
        rx.vstack(
            rx.el.label(t("trends.behaviour"), html_for="trend-focus", font_weight="500"),
            rx.el.select(
                *[rx.el.option(t(f"behaviour.{b.key}.name"), value=b.key) for b in BEHAVIOURS],
                id="trend-focus", value=focus, on_change=TrendsState.choose_focus, style=native_select_style,
            ),
            _scrolling(rx.recharts.composed_chart(
                rx.recharts.x_axis(data_key="label", tick=TICK, interval="preserveStartEnd"),
                rx.recharts.y_axis(y_axis_id="count", allow_decimals=False, width=28, tick=TICK),
                _trust_axis(),
                rx.recharts.bar(data_key=focus, y_axis_id="count", fill=TrendsState.focus_colour,
                                is_animation_active=False, class_name="focus-bar"),
                _trust_line(2),
                data=TrendsState.rows, height=SMALL_HEIGHT, width="100%",
                margin={"top": 4, "right": 0, "left": 0, "bottom": 0}, id="behaviour-chart",
            )),
            rx.cond(TrendsState.behaviour_insight[focus] != "",
                    rx.text(TrendsState.behaviour_insight[focus], size="2", class_name="behaviour-insight")),
            rx.el.ul(rx.foreach(TrendsState.lag_texts[focus], lambda cell: rx.el.li(rx.text(cell, size="2"))),
                     padding_left="1rem", margin="0", color="var(--gray-11)"),
            spacing="2", width="100%",
        ),
        width="100%", class_name="behaviour-trend",
    )


def _cell(value: rx.Var, header: bool = False) -> rx.Component:
    return (rx.table.row_header_cell if header else rx.table.cell)(value, white_space="nowrap")


def trend_table() -> rx.Component:
    headers = ["trends.col_week", *[f"behaviour.{b.key}.name" for b in BEHAVIOURS], "trends.col_answered",
               "results.trust_index", *[f"results.need_{need}" for need in NEEDS]]
    return rx.box(
        rx.table.root(
            rx.el.caption(t("trends.table_caption"), style={"text_align": "left", "padding": "0.5rem 0.75rem"}),
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h), white_space="nowrap") for h in headers])),
            rx.table.body(rx.foreach(
                TrendsState.table,
                lambda row: rx.table.row(_cell(row[0], header=True),
                                         *[_cell(row[i]) for i in range(1, len(headers))]),
            )),
            size="1", variant="surface", id="trend-table",
        ),
        overflow_x="auto", width="100%", tab_index=0, role="region", aria_label=t("trends.table_caption"),
    )
