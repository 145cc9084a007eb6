"""The numbers behind the Trends page: per ISO week, the manager's logged actions per behaviour
and the team's trust index and need means.

Scores go through `core.pulse.summarise` per team-week, so a week with fewer than k answers
has None (a gap), never 0. Three queries whatever the range: the team (scoped to its manager),
the action counts grouped by day and behaviour, and the team's responses in the range.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from trusthabits.core import insight_sentences
from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.core.calendar import iso_week_key, shift_week, week_monday
from trusthabits.core.correlation import behaviour_correlations
from trusthabits.core.instrument import NEEDS
from trusthabits.core.pulse import summarise
from trusthabits.db.models import ActionLog, PulseResponse, Team
from trusthabits.db.rows import stored_id
from trusthabits.services.teams import owned_team

# Range key → number of weeks shown (None: from the first logged action or answer).
RANGES: dict[str, int | None] = {"8w": 8, "6m": 26, "1y": 52, "all": None}
DEFAULT_RANGE = "8w"


@dataclass(frozen=True)
class WeekPoint:
    iso_week: str
    counts: dict[str, int]  # behaviour key → actions logged that week (0 when none)
    answered: int
    trust: float | None  # None below the team's k: a gap, not a zero
    needs: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class TeamTrends:
    team_id: int
    team_name: str
    k: int
    range_key: str
    weeks: list[WeekPoint]

    def counts_by_behaviour(self) -> dict[str, dict[str, int]]:
        return {b.key: {w.iso_week: w.counts[b.key] for w in self.weeks} for b in BEHAVIOURS}

    def trust_by_week(self) -> dict[str, float | None]:
        return {w.iso_week: w.trust for w in self.weeks}

    def needs_by_week(self) -> dict[str, dict[str, float | None]]:
        return {need: {w.iso_week: w.needs.get(need) for w in self.weeks} for need in NEEDS}


def _first_week(session: Session, manager_id: int, team_id: int, current: str) -> str:
    first_day = session.exec(select(func.min(ActionLog.day)).where(ActionLog.manager_id == manager_id)).one()
    first_answer = session.exec(
        select(func.min(PulseResponse.iso_week)).where(PulseResponse.team_id == team_id)
    ).one()
    candidates = [current]
    if first_day:
        candidates.append(iso_week_key(first_day))
    if first_answer:
        candidates.append(first_answer)
    return min(candidates)  # "YYYY-Www" keys sort in calendar order


def week_range(first: str, last: str) -> list[str]:
    weeks, week = [], first
    while week <= last:
        weeks.append(week)
        week = shift_week(week, 1)
    return weeks


def team_trends(session: Session, manager_id: int, team_id: int, range_key: str, today: date) -> TeamTrends:
    """The weekly series of one of the manager's teams up to the week of `today` (the
    manager's local day). Raises TeamNotFound for someone else's team."""
    team = owned_team(session, manager_id, team_id)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    current = iso_week_key(today)
    size = RANGES[range_key]
    first = shift_week(current, -(size - 1)) if size else _first_week(session, manager_id, stored_id(team), current)
    weeks = week_range(first, current)

    counts: dict[str, dict[str, int]] = {w: {b.key: 0 for b in BEHAVIOURS} for w in weeks}
    # Core-level selects over the table columns: thousands of plain tuples, no ORM loading cost.
    actions, answers = SQLModel.metadata.tables["action_log"].c, SQLModel.metadata.tables["pulse_response"].c
    per_day = session.connection().execute(
        sa_select(actions.day, actions.behaviour, func.count())
        .where(actions.manager_id == manager_id, actions.day >= week_monday(first), actions.day <= today)
        .group_by(actions.day, actions.behaviour)
    ).all()
    week_of: dict[date, str] = {}  # about six rows per day: convert each day once
    for day, behaviour, count in per_day:
        week = week_of.get(day) or week_of.setdefault(day, iso_week_key(day))
        week_counts = counts.get(week)
        if week_counts is not None and behaviour in week_counts:  # a retired behaviour is not drawn
            week_counts[behaviour] += count

    responses: dict[str, list[tuple[int, dict[str, int]]]] = defaultdict(list)
    rows = session.connection().execute(
        sa_select(answers.iso_week, answers.instrument_version, answers.answers)
        .where(answers.team_id == team.id, answers.iso_week >= first, answers.iso_week <= current)
    ).all()
    for iso_week, version, answers in rows:
        responses[iso_week].append((version, json.loads(answers)))

    points = []
    for week in weeks:
        summary = summarise(responses.get(week, []), team.k_threshold)
        points.append(WeekPoint(week, counts[week], summary.answered, summary.trust_index,
                                dict(summary.needs) if summary.shown else {need: None for need in NEEDS}))
    return TeamTrends(stored_id(team), team.name, team.k_threshold, range_key, points)



@dataclass(frozen=True)
class TrendInsight:
    behaviours: dict[str, insight_sentences.Sentence | None]  # the one sentence per behaviour, if any
    lags: dict[str, list[insight_sentences.Sentence]]  # per behaviour, r (or "too few") at each lag
    need: insight_sentences.Sentence | None
    waiting: insight_sentences.Sentence | None


def insight(series: TeamTrends) -> TrendInsight:
    """What may be said about the weeks of `series` (see core.insight_sentences for the rules)."""
    weeks = [w.iso_week for w in series.weeks]
    counts, trust = series.counts_by_behaviour(), series.trust_by_week()
    correlations = behaviour_correlations(weeks, counts, trust)
    return TrendInsight(
        behaviours=insight_sentences.behaviour_sentences(correlations),
        lags={behaviour: insight_sentences.lag_cells(found) for behaviour, found in correlations.items()},
        need=insight_sentences.need_sentence(weeks, trust, series.needs_by_week()),
        waiting=insight_sentences.waiting_sentence(weeks, trust, series.k),
    )


def team_choices(session: Session, manager_id: int) -> list[tuple[int, str]]:
    """(id, name) of the manager's teams for the picker, in one query."""
    teams = session.exec(select(Team).where(Team.manager_id == manager_id).order_by(col(Team.name), col(Team.id)))
    return [(stored_id(team), team.name) for team in teams]


def window(whole: TeamTrends, range_key: str, today: date) -> TeamTrends:
    """The weeks of `range_key` cut from the whole history (earlier weeks padded empty), so
    one set of queries serves both the chart and the insight over everything so far."""
    range_key = range_key if range_key in RANGES else DEFAULT_RANGE
    size = RANGES[range_key]
    if size is None:
        return whole
    current = iso_week_key(today)
    known = {point.iso_week: point for point in whole.weeks}
    empty = {b.key: 0 for b in BEHAVIOURS}
    weeks = week_range(shift_week(current, -(size - 1)), current)
    points = [known.get(w) or WeekPoint(w, dict(empty), 0, None, {need: None for need in NEEDS}) for w in weeks]
    return TeamTrends(whole.team_id, whole.team_name, whole.k, range_key, points)


def page_data(session: Session, manager_id: int, team_id: int, range_key: str,
              today: date) -> tuple[TeamTrends, TrendInsight, int]:
    """What the Trends page shows: the chosen range, and insight over the whole history (more
    paired weeks than any window, so the honest answer), with how many weeks that history has."""
    whole = team_trends(session, manager_id, team_id, "all", today)
    return window(whole, range_key, today), insight(whole), len(whole.weeks)
