"""State of the Trends page: the chosen team and range, the weekly rows the charts and the table
share, the insight sentences in the manager's language, and the share-back form.

Only aggregates reach the browser: one row per ISO week (counts per behaviour, trust and need
means, None below k) — never a log entry or an answer.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.behaviours import BEHAVIOURS, BY_KEY
from trusthabits.core.instrument import NEEDS
from trusthabits.services import actions, share_back, trends
from trusthabits.services.teams import TeamNotFound
from trusthabits.ui import trend_svg
from trusthabits.ui.state import AppState, run_service

CHART_HEIGHT = 320
SMALL_HEIGHT = 150
FITS_A_PHONE = 8  # weeks (trend_svg.PX_PER_WEEK)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def chart_rows(series: trends.TeamTrends) -> list[dict[str, Any]]:
    """One row per week for every chart: counts per behaviour, trust and needs (None = gap)."""
    return [
        {"label": point.iso_week[-3:], **point.counts, "trust": point.trust,
         **{need: point.needs.get(need) for need in NEEDS}}
        for point in series.weeks
    ]


def table_rows(series: trends.TeamTrends) -> list[list[str]]:
    """The same numbers as text, in the table's column order."""
    return [
        [point.iso_week, *[str(point.counts[b.key]) for b in BEHAVIOURS], str(point.answered),
         _number(point.trust), *[_number(point.needs.get(need)) for need in NEEDS]]
        for point in series.weeks
    ]


def main_chart_svg(rows: list[dict[str, Any]], tr) -> str:
    """Stacked bars per behaviour, the trust line with its dots, and the need lines (shown or
    hidden by the page)."""
    return trend_svg.chart(
        element_id="trend-chart",
        label=tr("trends.chart_label"),
        weeks=[row["label"] for row in rows],
        bars=[trend_svg.Bars(b.key, tr(f"behaviour.{b.key}.name"), b.colour, [row[b.key] for row in rows])
              for b in BEHAVIOURS],
        lines=[trend_svg.Line("trust-line", tr("results.trust_index"), [row["trust"] for row in rows], dots=True),
               *[trend_svg.Line(f"need-line need-{need}", tr(f"results.need_{need}"), [row[need] for row in rows])
                 for need in NEEDS]],
        height=CHART_HEIGHT,
    )


def behaviour_chart_svg(rows: list[dict[str, Any]], key: str, tr) -> str:
    """One behaviour's weekly count against the trust line."""
    name = tr(f"behaviour.{key}.name")
    return trend_svg.chart(
        element_id="behaviour-chart",
        label=name,
        weeks=[row["label"] for row in rows],
        bars=[trend_svg.Bars(key, name, BY_KEY[key].colour, [row[key] for row in rows])],
        lines=[trend_svg.Line("trust-line", tr("results.trust_index"), [row["trust"] for row in rows])],
        height=SMALL_HEIGHT,
    )


class TrendsState(AppState):
    team_options: list[dict[str, str]] = []
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
    # Every behaviour has a key from the start: the page draws before the data arrives.
    behaviour_insight: dict[str, str] = {b.key: "" for b in BEHAVIOURS}
    lag_texts: dict[str, list[str]] = {b.key: [] for b in BEHAVIOURS}
    focus: str = BEHAVIOURS[0].key
    share_options: list[dict[str, str]] = []
    share_round: str = ""
    share_message: str = ""
    share_error: str = ""
    share_form_key: int = 0
    share_loaded: bool = False  # the form shows once its rounds are known (see on_load)

    async def _manager_id(self) -> int | None:
        profile = await self._signed_in()
        return profile.id if profile else None

    def _apply(self, series: trends.TeamTrends, found: trends.TrendInsight) -> None:
        self._rows, self.table = chart_rows(series), table_rows(series)
        self.chart_svg = main_chart_svg(self._rows, self._tr)
        self.focus_svg = behaviour_chart_svg(self._rows, self.focus, self._tr)
        lang = self.lang
        self.behaviour_insight = {key: s.text(lang) if s else "" for key, s in found.behaviours.items()}
        self.lag_texts = {key: [cell.text(lang) for cell in cells] for key, cells in found.lags.items()}
        self.insight = [s.text(lang) for s in found.behaviours.values() if s]
        if found.need:
            self.insight.append(found.need.text(lang))
        self.waiting = found.waiting.text(lang) if found.waiting else (
            "" if self.insight else self._tr("insight.none_yet"))

    def _apply_share(self, choices: list[share_back.RoundChoice]) -> None:
        self.share_options = [
            {"id": str(c.round_id), "label": self._tr("share.round_option", week=c.iso_week, answered=c.answered)}
            for c in choices
        ]
        if self.share_round not in {o["id"] for o in self.share_options}:
            self.share_round = self.share_options[0]["id"] if self.share_options else ""

    async def _load(self, manager_id: int) -> None:
        choices = await run_service(trends.team_choices, manager_id)
        self.team_options = [{"id": str(team_id), "name": name} for team_id, name in choices]
        if self.team_id not in {o["id"] for o in self.team_options}:
            self.team_id = self.team_options[0]["id"] if self.team_options else ""
        if not self.team_id:
            self._rows, self.table, self.chart_svg, self.focus_svg = [], [], "", ""
            return
        today = await run_service(actions.manager_today, manager_id)
        try:
            series, found, history_weeks = await run_service(
                trends.page_data, manager_id, int(self.team_id), self.range_key, today)
        except TeamNotFound:
            self.team_id = ""
            return
        self._apply(series, found)
        self.insight_basis = self._tr("insight.based_on", weeks=history_weeks)

    async def _load_share(self, manager_id: int) -> None:
        """The closed rounds that can be shared back (the form at the bottom of the page)."""
        try:
            rounds = await run_service(share_back.closed_rounds, manager_id, int(self.team_id or 0), clock.now())
        except TeamNotFound:
            rounds = []
        self._apply_share(rounds)
        self.share_loaded = True

    def _scroll_to_latest(self):
        # The newest weeks matter most: start a wide, scrolling chart at its right end. Eight
        # weeks fit a phone, and measuring the page costs a phone a layout pass: only then.
        if len(self._rows) <= FITS_A_PHONE:
            return None
        return rx.call_script("document.querySelectorAll('.trend-scroll').forEach(e => e.scrollLeft = e.scrollWidth)")

    async def _refresh(self):
        self.share_message, self.share_error = "", ""
        if manager_id := await self._manager_id():
            await self._load(manager_id)
            await self._load_share(manager_id)
            return self._scroll_to_latest()

    @rx.event
    async def on_load(self):
        """The session check and the page's data in one event with two updates: first the charts
        and the insight, then the share-back form at the bottom (two smaller redraws on a phone)."""
        self.share_message, self.share_error = "", ""
        profile, follow_up = await self._admit()
        if profile is None:
            yield follow_up
            return
        await self._load(profile.id)
        yield follow_up
        if scroll := self._scroll_to_latest():
            yield scroll
        await self._load_share(profile.id)

    @rx.event
    async def choose_team(self, team_id: str):
        self.team_id = str(team_id)
        return await self._refresh()

    @rx.event
    async def choose_range(self, range_key: str | list[str]):
        range_key = range_key[0] if isinstance(range_key, list) and range_key else range_key
        self.range_key = range_key if range_key in trends.RANGES else trends.DEFAULT_RANGE
        return await self._refresh()

    @rx.event
    def flip_needs(self):
        self.show_needs = not self.show_needs

    @rx.event
    def choose_layout(self, layout: str | list[str]):
        layout = layout[0] if isinstance(layout, list) and layout else layout
        self.layout = "table" if layout == "table" else "chart"

    @rx.event
    def choose_focus(self, key: str):
        self.focus = key if key in BY_KEY else BEHAVIOURS[0].key
        self.focus_svg = behaviour_chart_svg(self._rows, self.focus, self._tr) if self._rows else ""

    @rx.event
    def choose_share_round(self, round_id: str):
        self.share_round = str(round_id)

    @rx.event
    async def share(self, form: dict):
        manager_id = await self._manager_id()
        if manager_id is None:
            return self._to_signin()
        self.share_message, self.share_error = "", ""
        note = str(form.get("note", ""))
        try:
            count = await run_service(share_back.share_round, manager_id, int(self.share_round or 0), note, clock.now())
        except share_back.ShareRefused as refused:
            self.share_error = self._tr(refused.key)
            return
        except (LookupError, ValueError):
            self.share_error = self._tr("team.not_found")
            return
        self.share_message = self._tr("share.sent", count=count) if count else self._tr("share.already")
        self.share_form_key += 1
