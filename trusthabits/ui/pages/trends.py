"""Trends: does the manager's practice move with the team's trust? A weekly chart (or table),
honest insight sentences with their n, a small chart per behaviour, and sharing a closed
week's results back with the team."""

from __future__ import annotations

import reflex as rx

from trusthabits.services.share_back import MAX_NOTE_LENGTH
from trusthabits.services.trends import RANGES
from trusthabits.ui.components.forms import notice, submit_button, text_area_field
from trusthabits.ui.components.shell import app_layout, when_signed_in
from trusthabits.ui.components.trend_chart import (
    behaviour_chart,
    legend,
    main_chart,
    trend_table,
)
from trusthabits.ui.state import SessionState, t
from trusthabits.ui.theme import TAP_TARGET, native_select_style
from trusthabits.ui.trends_state import CHART_HEIGHT, TrendsState

ROUTE = "/trends"
def _choices(value: rx.Var, on_change, items: list[tuple[str, str]], label_key: str, id_: str) -> rx.Component:
    """A segmented choice made of native radio buttons (drawn by the `choice-*` rules in
    assets/theme.css): keyboard and screen readers get radios for free, and a phone draws
    it far faster than a scripted segmented control."""
    return rx.el.div(
        *[rx.el.label(
            rx.el.input(type="radio", name=id_, value=item_value, checked=value == item_value,
                        on_change=on_change, class_name="choice-input"),
            rx.el.span(t(key)),
            class_name="choice",
        ) for item_value, key in items],
        role="radiogroup", aria_label=t(label_key), id=id_, class_name="choice-group",
    )


def _team_picker() -> rx.Component:
    return rx.cond(
        TrendsState.team_options.length() > 1,
        rx.vstack(
            rx.el.label(t("trends.team"), html_for="trend-team", font_weight="500"),
            rx.el.select(
                rx.foreach(TrendsState.team_options, lambda o: rx.el.option(o["name"], value=o["id"])),
                id="trend-team", value=TrendsState.team_id, on_change=TrendsState.choose_team,
                style=native_select_style,
            ),
            spacing="1", width="100%",
        ),
    )


def _controls() -> rx.Component:
    return rx.vstack(
        _team_picker(),
        _choices(TrendsState.range_key, TrendsState.choose_range,
                 [(key, f"trends.range_{key}") for key in RANGES], "trends.range", "trend-range"),
        _choices(TrendsState.layout, TrendsState.choose_layout,
                 [("chart", "trends.show_chart"), ("table", "trends.show_table")], "trends.layout", "trend-layout"),
        rx.el.label(
            # A native checkbox drawn as a switch (`switch-input` in assets/theme.css).
            rx.el.input(type="checkbox", role="switch", checked=TrendsState.show_needs,
                        on_change=TrendsState.flip_needs, class_name="switch-input"),
            rx.el.span(t("trends.show_needs")),
            class_name="switch-label",
        ),
        spacing="3", width="100%",
    )


def _insight() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading(t("trends.insight_title"), as_="h2", size="5"),
            rx.text(TrendsState.insight_basis, size="2", color_scheme="gray"),
            rx.cond(TrendsState.waiting != "", rx.callout(TrendsState.waiting, icon="hourglass", color_scheme="gray",
                                                          width="100%", id="insight-waiting")),
            rx.el.ul(rx.foreach(TrendsState.insight, lambda line: rx.el.li(rx.text(line, size="3"))),
                     padding_left="1.2rem", margin="0", id="insight-list", display="grid", gap="0.5rem"),
            rx.text(t("insight.caveat"), size="2", color_scheme="gray"),
            spacing="3", width="100%",
        ),
        class_name="panel",
    )


def _share() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("share.title"), as_="h2", size="5"),
            rx.text(t("share.intro"), size="2", color_scheme="gray"),
            rx.cond(
                TrendsState.share_options.length() > 0,
                rx.form(
                    rx.vstack(
                        rx.el.label(t("share.round"), html_for="share-round", font_weight="500"),
                        rx.el.select(
                            rx.foreach(TrendsState.share_options, lambda o: rx.el.option(o["label"], value=o["id"])),
                            id="share-round", value=TrendsState.share_round,
                            on_change=TrendsState.choose_share_round, style=native_select_style,
                        ),
                        text_area_field("note", "share.note", hint_key="share.note_hint", rows="3",
                                        max_length=MAX_NOTE_LENGTH),
                        submit_button("share.send", False),
                        spacing="2", width="100%",
                    ),
                    on_submit=TrendsState.share, key=TrendsState.share_form_key, width="100%",
                ),
                rx.text(t("share.none"), size="2"),
            ),
            notice(TrendsState.share_message),
            rx.cond(TrendsState.share_error != "",
                    rx.callout(TrendsState.share_error, color_scheme="red", role="alert", width="100%", id="share-error")),
            spacing="3", width="100%",
        ),
        width="100%", id="share-back",
    )


def _chart_or_table() -> rx.Component:
    # The chart's height is kept while it waits for the data, so nothing below it moves.
    return rx.box(
        when_signed_in(rx.cond(TrendsState.layout == "table", trend_table(), rx.fragment(legend(), main_chart()))),
        width="100%", min_height=f"{CHART_HEIGHT}px",
    )


def _content() -> rx.Component:
    # Controls and explanations come from the catalogue and paint from the prerendered HTML;
    # the charts, insight and rounds follow the session check.
    return rx.vstack(
        _controls(),
        rx.text(t("trends.legend"), size="2", color_scheme="gray"),
        _chart_or_table(),
        _insight(),
        rx.heading(t("trends.per_behaviour"), as_="h2", size="5"),
        behaviour_chart(),
        rx.cond(TrendsState.share_loaded, _share()),
        spacing="4", width="100%",
    )


ON_LOAD = TrendsState.on_load


def view() -> rx.Component:
    no_team = rx.vstack(
        rx.text(t("trends.no_team")),
        rx.link(t("trends.to_team"), href="/team", min_height=TAP_TARGET, display="flex", align_items="center"),
        width="100%",
    )
    return app_layout(
        ROUTE,
        "trends.title",
        rx.cond(SessionState.signed_in & (TrendsState.team_id == ""), no_team, _content()),
        gated=False,
    )
