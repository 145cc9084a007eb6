"""Trends: does the manager's practice move with the team's trust? A weekly chart (or table),
honest insight sentences with their n, a small chart per behaviour, and sharing a closed
week's results back with the team."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.behaviours import BEHAVIOURS, BY_KEY
from trusthabits.core.insight_sentences import caveat_key
from trusthabits.services import mail, share_back, trends
from trusthabits.services.share_back import MAX_NOTE_LENGTH
from trusthabits.services.teams import TeamNotFound
from trusthabits.ui.components.forms import notice, segmented, submit_button, text_area_field
from trusthabits.ui.components.shell import app_layout, when_signed_in
from trusthabits.ui.components.trend_chart import (
    behaviour_chart,
    legend,
    main_chart,
    seen_chart,
    trend_table,
)
from trusthabits.ui.events import Form, Me, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters import trends as present
from trusthabits.ui.presenters.trends import CHART_HEIGHT, Choice
from trusthabits.ui.states.app import AppState, SessionState, t
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/trends"
FITS_A_PHONE = 8  # weeks (trend_svg.PX_PER_WEEK)


class TrendsState(AppState):
    team_options: list[Choice] = []
    team_id: str = ""
    range_key: str = trends.DEFAULT_RANGE
    show_needs: bool = False
    layout: str = "chart"
    # The weeks behind both charts stay on the server; the browser gets the drawn SVG.
    _rows: list[dict[str, Any]] = []
    chart_svg: str = ""
    focus_svg: str = ""
    table: list[list[str]] = []
    insight: list[str] = []
    waiting: str = ""
    insight_basis: str = ""
    insight_in_blocks: bool = False  # the series counts blocks of more than one week, not weeks
    # Every behaviour has a key from the start: the page draws before the data arrives.
    behaviour_insight: dict[str, str] = {b.key: "" for b in BEHAVIOURS}
    lag_texts: dict[str, list[str]] = {b.key: [] for b in BEHAVIOURS}
    focus: str = BEHAVIOURS[0].key
    seen_svg: str = ""
    seen_insight: list[str] = []  # the sentences about the other behaviours (the focus's is apart)
    _seen_all: list[str] = []
    seen_focus: str = ""  # "Shown: Stewardship"
    seen_behaviour: dict[str, str] = {b.key: "" for b in BEHAVIOURS}
    share_options: list[Choice] = []
    share_round: str = ""
    share_message: str = ""
    share_error: str = ""
    share_form_key: int = 0
    share_loaded: bool = False  # the form shows once its rounds are known (see load)

    def _show_charts(self, me: Me) -> list[share_back.RoundChoice]:
        """The charts and insight; returns the share-back choices from the same results."""
        self.team_options = present.team_choices(me.call(trends.team_choices, me.id))
        self.team_id = present.kept_choice(self.team_id, self.team_options)
        if not self.team_id:
            self._rows, self.table, self.chart_svg, self.focus_svg, self.seen_svg = [], [], "", "", ""
            return []
        try:
            series, found, history_weeks = me.call(trends.page_data, me.id, int(self.team_id), self.range_key,
                                                   me.today())
        except TeamNotFound:
            self.team_id = ""
            return []
        self._rows, self.table = present.chart_rows(series), present.table_rows(series)
        self.chart_svg = present.main_chart_svg(self._rows, self._tr)
        self.focus_svg = present.behaviour_chart_svg(self._rows, self.focus, self._tr)
        texts = present.insight_texts(found, self.lang)
        self.insight, self.waiting = texts.insight, texts.waiting
        self.behaviour_insight, self.lag_texts = texts.behaviour_insight, texts.lag_texts
        self.seen_svg = present.seen_chart_svg(self._rows, self.focus, self._tr)
        self._seen_all, self.seen_behaviour = texts.seen, texts.seen_behaviour
        self._show_seen_insight()
        self.insight_basis = present.basis_text(found, history_weeks, self.lang)
        self.insight_in_blocks = found.unit == "block"
        return share_back.round_choices(series.results) if series.results else []

    def _show_seen_insight(self) -> None:
        """Every logged-vs-seen sentence but the one shown with the chart (no sentence twice)."""
        shown = self.seen_behaviour.get(self.focus, "")
        self.seen_focus = self._tr("trends.seen_focus", behaviour=self._tr(f"behaviour.{self.focus}.name"))
        self.seen_insight = [line for line in self._seen_all if line != shown]

    def _show_share(self, rounds: list[share_back.RoundChoice]) -> None:
        """The closed rounds that can be shared back (the form at the bottom of the page)."""
        self.share_options = present.round_choices(rounds, self._tr)
        self.share_round = present.kept_choice(self.share_round, self.share_options)
        self.share_loaded = True

    def _scroll_to_latest(self) -> Any:
        # The newest weeks matter most: start a wide, scrolling chart at its right end. Eight
        # weeks fit a phone, and measuring the page costs a phone a layout pass: only then.
        if len(self._rows) <= FITS_A_PHONE:
            return None
        return rx.call_script("document.querySelectorAll('.trend-scroll').forEach(e => e.scrollLeft = e.scrollWidth)")

    def _refresh(self, me: Me) -> Any:
        self.share_message, self.share_error = "", ""
        self._show_share(self._show_charts(me))
        return self._scroll_to_latest()

    @page_load
    async def load(self, me: Me) -> Any:
        """Two updates: first the charts and the insight, then the share-back form at the bottom
        (two smaller redraws on a phone)."""
        self.share_message, self.share_error = "", ""
        rounds = await me.in_thread(self._show_charts, me)
        yield self._scroll_to_latest()
        self._show_share(rounds)

    @signed_in
    def choose_team(self, me: Me, team_id: str) -> Any:
        self.team_id = team_id
        return self._refresh(me)

    @signed_in
    def choose_range(self, me: Me, range_key: str | list[str]) -> Any:
        range_key = range_key[0] if isinstance(range_key, list) and range_key else range_key
        self.range_key = range_key if range_key in trends.RANGES else trends.DEFAULT_RANGE
        return self._refresh(me)

    @public
    def flip_needs(self) -> None:
        self.show_needs = not self.show_needs

    @public
    def choose_layout(self, layout: str | list[str]) -> None:
        layout = layout[0] if isinstance(layout, list) and layout else layout
        self.layout = "table" if layout == "table" else "chart"

    @public
    def choose_focus(self, key: str) -> None:
        self.focus = key if key in BY_KEY else BEHAVIOURS[0].key
        self.focus_svg = present.behaviour_chart_svg(self._rows, self.focus, self._tr) if self._rows else ""
        self.seen_svg = present.seen_chart_svg(self._rows, self.focus, self._tr) if self._rows else ""
        self._show_seen_insight()

    @public
    def choose_share_round(self, round_id: str) -> None:
        self.share_round = round_id

    @signed_in
    def share(self, me: Me, form: Form) -> None:
        self.share_message, self.share_error = "", ""
        try:
            count = me.call(share_back.share_round, me.id, int(self.share_round or 0), form.get("note", ""),
                            clock.now())
        except share_back.ShareRefused as refused:
            self.share_error = self._tr(refused.key)
            return
        except mail.DailyLimitReached as full:
            self.share_error = self._tr(full.key, wanted=full.wanted, left=full.left, mails=full.limit)
            return
        except (LookupError, ValueError):
            self.share_error = self._tr("team.not_found")
            return
        self.share_message = self._tr("share.sent", count=count) if count else self._tr("share.already")
        self.share_form_key += 1


def _team_picker() -> rx.Component:
    return rx.cond(
        TrendsState.team_options.length() > 1,
        rx.vstack(
            rx.el.label(t("trends.team"), html_for="trend-team", font_weight="500"),
            rx.el.select(
                rx.foreach(TrendsState.team_options, lambda o: rx.el.option(o.label, value=o.id)),
                id="trend-team", value=TrendsState.team_id, on_change=TrendsState.choose_team,
                style=native_select_style,
            ),
            spacing="1", width="100%",
        ),
    )


def _controls() -> rx.Component:
    return rx.vstack(
        _team_picker(),
        segmented(TrendsState.range_key, TrendsState.choose_range,
                 [(key, f"trends.range_{key}") for key in trends.RANGES], "trends.range", "trend-range"),
        segmented(TrendsState.layout, TrendsState.choose_layout,
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
            rx.text(rx.cond(TrendsState.insight_in_blocks, t(caveat_key("block")), t(caveat_key("week"))),
                    size="2", color_scheme="gray"),
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
                            rx.foreach(TrendsState.share_options, lambda o: rx.el.option(o.label, value=o.id)),
                            id="share-round", name="share_round", value=TrendsState.share_round,
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
                    rx.callout(TrendsState.share_error, color_scheme="red", role="alert", width="100%",
                        id="share-error")),
            spacing="3", width="100%",
        ),
        width="100%", id="share-back",
    )


def _logged_vs_seen() -> rx.Component:
    focus = TrendsState.focus
    return rx.el.section(
        rx.vstack(
            rx.heading(t("trends.seen_title"), as_="h2", size="5"),
            rx.text(t("trends.seen_legend"), size="2", color_scheme="gray"),
            rx.text(TrendsState.seen_focus, size="2", weight="bold", id="seen-focus"),
            seen_chart(TrendsState),
            rx.cond(TrendsState.seen_behaviour[focus] != "",
                    rx.text(TrendsState.seen_behaviour[focus], size="2", class_name="seen-behaviour")),
            rx.el.ul(rx.foreach(TrendsState.seen_insight, lambda line: rx.el.li(rx.text(line, size="2"))),
                     padding_left="1.2rem", margin="0", id="seen-insight", display="grid", gap="0.5rem"),
            spacing="3", width="100%",
        ),
        class_name="panel", id="logged-vs-seen",
    )


def _chart_or_table() -> rx.Component:
    # The legend comes from the catalogue and paints with the page; the chart's height is kept
    # while it waits for the data. Both keep everything below from moving (a Dutch legend wraps
    # to three lines at 390 px: inside the wait it pushed the insight down by 80 px).
    return rx.box(
        rx.cond(
            TrendsState.layout == "table",
            when_signed_in(trend_table(TrendsState)),
            rx.fragment(
                legend(TrendsState),
                rx.box(when_signed_in(main_chart(TrendsState)), width="100%", min_height=f"{CHART_HEIGHT}px"),
            ),
        ),
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
        behaviour_chart(TrendsState),
        _logged_vs_seen(),
        rx.cond(TrendsState.share_loaded, _share()),
        spacing="4", width="100%",
    )


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


PAGE = Page((ROUTE,), view, TrendsState.load)
