"""State of the Trends page: the chosen team and range, the weekly rows the charts and the table
share, the insight sentences in the manager's language, and the share-back form.

Only aggregates reach the browser: one row per ISO week (counts per behaviour, trust and need
means, None below k) — never a log entry or an answer.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.core.instrument import NEEDS
from trusthabits.db.types import utcnow
from trusthabits.services import actions, share_back, trends
from trusthabits.services.teams import TeamNotFound
from trusthabits.ui.state import AppState, run_service

# Pixels per week before the chart scrolls sideways, so labels stay legible on a phone.
PX_PER_WEEK = 40


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


class TrendsState(AppState):
    team_options: list[dict[str, str]] = []
    team_id: str = ""
    range_key: str = trends.DEFAULT_RANGE
    show_needs: bool = False
    layout: str = "chart"
    rows: list[dict[str, Any]] = []
    table: list[list[str]] = []
    chart_min_width: str = "0px"
    insight: list[str] = []
    waiting: str = ""
    insight_basis: str = ""
    behaviour_insight: dict[str, str] = {}
    lag_texts: dict[str, list[str]] = {}
    focus: str = BEHAVIOURS[0].key
    share_options: list[dict[str, str]] = []
    share_round: str = ""
    share_message: str = ""
    share_error: str = ""
    share_form_key: int = 0

    async def _manager_id(self) -> int | None:
        profile = await self._signed_in()
        return profile.id if profile else None

    def _apply(self, series: trends.TeamTrends, found: trends.TrendInsight) -> None:
        self.rows, self.table = chart_rows(series), table_rows(series)
        self.chart_min_width = f"{len(series.weeks) * PX_PER_WEEK}px"
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
            self.rows, self.table = [], []
            return
        today = await run_service(actions.manager_today, manager_id)
        try:
            series, found, history_weeks = await run_service(
                trends.page_data, manager_id, int(self.team_id), self.range_key, today)
            rounds = await run_service(share_back.closed_rounds, manager_id, int(self.team_id), utcnow())
        except TeamNotFound:
            self.team_id = ""
            return
        self._apply(series, found)
        self.insight_basis = self._tr("insight.based_on", weeks=history_weeks)
        self._apply_share(rounds)

    def _scroll_to_latest(self):
        # The newest weeks matter most: start a wide, scrolling chart at its right end.
        return rx.call_script("document.querySelectorAll('.trend-scroll').forEach(e => e.scrollLeft = e.scrollWidth)")

    async def _refresh(self):
        self.share_message, self.share_error = "", ""
        if manager_id := await self._manager_id():
            await self._load(manager_id)
            return self._scroll_to_latest()

    @rx.event
    async def on_load(self):
        return await self._refresh()

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
    def toggle_needs(self, value: bool):
        self.show_needs = bool(value)

    @rx.event
    def choose_layout(self, layout: str | list[str]):
        layout = layout[0] if isinstance(layout, list) and layout else layout
        self.layout = "table" if layout == "table" else "chart"

    @rx.var
    def focus_colour(self) -> str:
        colours = {b.key: b.colour for b in BEHAVIOURS}
        return f"var(--{colours.get(self.focus, 'gray')}-9)"

    @rx.event
    def choose_focus(self, key: str):
        self.focus = key if key in {b.key for b in BEHAVIOURS} else BEHAVIOURS[0].key

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
            count = await run_service(share_back.share_round, manager_id, int(self.share_round or 0), note, utcnow())
        except share_back.ShareRefused as refused:
            self.share_error = self._tr(refused.key)
            return
        except (LookupError, ValueError):
            self.share_error = self._tr("team.not_found")
            return
        self.share_message = self._tr("share.sent", count=count) if count else self._tr("share.already")
        self.share_form_key += 1
