"""Trends: the weekly rows behind both charts and the table, the charts drawn as SVG text
(ui/trend_svg.py), the insight sentences and the choices of the page's selects.

Only aggregates reach the browser: one row per reporting block (counts per behaviour, trust and
need means from services.results, None unless the block is shown; "answered/invited") — never a
log entry or an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trusthabits.core import insight_sentences
from trusthabits.core.behaviours import BEHAVIOURS, BY_KEY
from trusthabits.core.instrument import NEEDS
from trusthabits.services import share_back, trends
from trusthabits.ui import trend_svg
from trusthabits.ui.presenters import Translate

CHART_HEIGHT = 320
SMALL_HEIGHT = 150


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class InsightTexts:
    insight: list[str]
    waiting: str
    behaviour_insight: dict[str, str]
    lag_texts: dict[str, list[str]]
    seen: list[str] = field(default_factory=list)  # logged vs seen, over all behaviours
    seen_behaviour: dict[str, str] = field(default_factory=dict)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def block_label(point: trends.WeekPoint, short: bool = False) -> str:
    """"2026-W47" for a week, "2026-W47–W48" for a block ("W47"/"W47–48" when short)."""
    start = point.iso_week[-3:] if short else point.iso_week
    return start if point.end_week == point.iso_week else f"{start}–{point.end_week[-2 if short else -3:]}"


def chart_rows(series: trends.TeamTrends) -> list[dict[str, Any]]:
    """One row per reporting block for every chart: counts per behaviour, trust and needs (None = gap)."""
    return [
        {"label": block_label(point, short=True), **point.counts, "trust": point.trust,
         **{need: point.needs.get(need) for need in NEEDS},
         **{f"seen_{b.key}": point.seen.get(b.key) for b in BEHAVIOURS}}
        for point in series.weeks
    ]


def table_rows(series: trends.TeamTrends) -> list[list[str]]:
    """The same numbers as text, in the table's column order."""
    return [
        [block_label(point), *[str(point.counts[b.key]) for b in BEHAVIOURS], f"{point.answered}/{point.invited}",
         _number(point.trust), *[_number(point.needs.get(need)) for need in NEEDS]]
        for point in series.weeks
    ]


def main_chart_svg(rows: list[dict[str, Any]], tr: Translate) -> str:
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


def behaviour_chart_svg(rows: list[dict[str, Any]], key: str, tr: Translate) -> str:
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


def seen_chart_svg(rows: list[dict[str, Any]], key: str, tr: Translate) -> str:
    """One behaviour: what the manager logged per block (bars) and what the team said they saw
    (dots on the 1–5 axis), only where the anonymity rule released that figure."""
    name = tr(f"behaviour.{key}.name")
    return trend_svg.chart(
        element_id="seen-chart",
        label=tr("trends.seen_chart_label", behaviour=name),
        weeks=[row["label"] for row in rows],
        bars=[trend_svg.Bars(key, name, BY_KEY[key].colour, [row[key] for row in rows])],
        lines=[trend_svg.Line("seen-line", tr("trends.seen_line"), [row.get(f"seen_{key}") for row in rows],
                              dots=True)],
        height=SMALL_HEIGHT,
    )


def insight_texts(found: trends.TrendInsight, language: str) -> InsightTexts:
    insight = [s.text(language) for s in found.behaviours.values() if s]
    if found.need:
        insight.append(found.need.text(language))
    waiting = (found.waiting.text(language) if found.waiting
               else "" if insight else insight_sentences.none_yet_sentence(found.unit).text(language))
    return InsightTexts(
        insight=insight,
        waiting=waiting,
        behaviour_insight={key: s.text(language) if s else "" for key, s in found.behaviours.items()},
        lag_texts={key: [cell.text(language) for cell in cells] for key, cells in found.lags.items()},
        seen=[sentence.text(language) for sentence in found.seen],
        seen_behaviour={b.key: s.text(language) if (s := found.seen_by_behaviour.get(b.key)) else ""
                        for b in BEHAVIOURS},
    )


def basis_text(found: trends.TrendInsight, points: int, language: str) -> str:
    """"Over all 30 weeks so far …" (or blocks): how many points of the history the insight is over."""
    return insight_sentences.basis_sentence(points, found.unit).text(language)


def team_choices(choices: list[tuple[int, str]]) -> list[Choice]:
    return [Choice(str(team_id), name) for team_id, name in choices]


def round_choices(rounds: list[share_back.RoundChoice], tr: Translate) -> list[Choice]:
    return [Choice(str(c.round_id), tr("share.round_option", week=c.iso_week, answered=c.answered)) for c in rounds]


def kept_choice(current: str, choices: list[Choice]) -> str:
    """The current choice if it is still offered, else the first one (or "" when none is)."""
    return current if any(c.id == current for c in choices) else (choices[0].id if choices else "")
