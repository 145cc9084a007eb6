"""The numbers behind the Trends page: per reporting block (1, 2 or 4 ISO weeks, the team's
period), the manager's logged actions per behaviour and the team's trust index and need means.

Scores come from `services.results.visible_results` (the one place answers are aggregated), so a
block that is incomplete, still has an open round or has fewer than k answers has None (a gap),
never 0, and the weeks of a multi-week block are never shown on their own. Participation
("answered of invited") is per block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from trusthabits.core import anonymity, clock, insight_sentences, logged_vs_seen
from trusthabits.core.anonymity import PeriodChange
from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.core.calendar import iso_week_key, shift_week, week_monday
from trusthabits.core.correlation import behaviour_correlations
from trusthabits.core.instrument import NEEDS
from trusthabits.db.models import ActionLog, PulseRound, Team
from trusthabits.db.rows import stored_id
from trusthabits.services import results
from trusthabits.services.teams import owned_team

# Range key → number of weeks shown (None: from the first logged action or round).
RANGES: dict[str, int | None] = {"8w": 8, "6m": 26, "1y": 52, "all": None}
DEFAULT_RANGE = "8w"


@dataclass(frozen=True)
class WeekPoint:
    """One reporting block (one week when the team's period is one week)."""

    iso_week: str  # the block's first week
    counts: dict[str, int]  # behaviour key → actions logged in the block (0 when none)
    answered: int
    trust: float | None  # None unless the block is shown: a gap, not a zero
    needs: dict[str, float | None] = field(default_factory=dict)
    weeks: tuple[str, ...] = ()
    invited: int = 0
    # "Seen by the team" (1–5) per behaviour asked in the block, only where the anonymity rule
    # released that figure (services.results: shown block, and the item's part at k or more).
    seen: dict[str, float] = field(default_factory=dict)

    @property
    def end_week(self) -> str:
        return self.weeks[-1] if self.weeks else self.iso_week


@dataclass(frozen=True)
class TeamTrends:
    team_id: int
    team_name: str
    k: int
    range_key: str
    weeks: list[WeekPoint]
    periods: tuple[PeriodChange, ...] = ()
    # What the series was read from (results.visible_results), for a caller that needs more of it.
    results: results.TeamResults | None = field(default=None, repr=False, compare=False)

    def counts_by_behaviour(self) -> dict[str, dict[str, int]]:
        return {b.key: {w.iso_week: w.counts[b.key] for w in self.weeks} for b in BEHAVIOURS}

    def trust_by_week(self) -> dict[str, float | None]:
        return {w.iso_week: w.trust for w in self.weeks}

    def needs_by_week(self) -> dict[str, dict[str, float | None]]:
        return {need: {w.iso_week: w.needs.get(need) for w in self.weeks} for need in NEEDS}


def _first_week(session: Session, manager_id: int, team_id: int, current: str) -> str:
    first_day = session.exec(select(func.min(ActionLog.day)).where(ActionLog.manager_id == manager_id)).one()
    first_round = session.exec(
        select(func.min(PulseRound.iso_week)).where(PulseRound.team_id == team_id)
    ).one()
    candidates = [current]
    if first_day:
        candidates.append(iso_week_key(first_day))
    if first_round:
        candidates.append(first_round)
    return min(candidates)  # "YYYY-Www" keys sort in calendar order


def week_range(first: str, last: str) -> list[str]:
    weeks, week = [], first
    while week <= last:
        weeks.append(week)
        week = shift_week(week, 1)
    return weeks


def _empty_point(span: anonymity.Span) -> WeekPoint:
    return WeekPoint(span.start, {b.key: 0 for b in BEHAVIOURS}, 0, None, {need: None for need in NEEDS},
                     span.weeks, 0)


def team_trends(session: Session, manager_id: int, team_id: int, range_key: str, today: date,
                now: datetime | None = None) -> TeamTrends:
    """The block series of one of the manager's teams up to the block of `today` (the
    manager's local day). Raises TeamNotFound for someone else's team."""
    team = owned_team(session, manager_id, team_id)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    current = iso_week_key(today)
    size = RANGES[range_key]
    first = shift_week(current, -(size - 1)) if size else _first_week(session, manager_id, stored_id(team), current)
    found = results.visible_results(session, manager_id, stored_id(team), now or clock.now(), since_week=first)
    blocks = {block.start_week: block for block in found.blocks}
    changes = results.period_changes(session, stored_id(team))
    spans = anonymity.blocks_between(first, current, changes)

    counts: dict[str, dict[str, int]] = {s.start: {b.key: 0 for b in BEHAVIOURS} for s in spans}
    block_start = {week: s.start for s in spans for week in s.weeks}
    # Core-level selects over the table columns: thousands of plain tuples, no ORM loading cost.
    actions = SQLModel.metadata.tables["action_log"].c
    per_day = session.connection().execute(
        sa_select(actions.day, actions.behaviour, func.count())
        .where(actions.manager_id == manager_id, actions.day >= week_monday(spans[0].start), actions.day <= today)
        .group_by(actions.day, actions.behaviour)
    ).all()
    week_of: dict[date, str] = {}  # about six rows per day: convert each day once
    for day, behaviour, count in per_day:
        week = week_of.get(day) or week_of.setdefault(day, iso_week_key(day))
        week_counts = counts.get(block_start.get(week, ""))
        if week_counts is not None and behaviour in week_counts:  # a retired behaviour is not drawn
            week_counts[behaviour] += count

    points = []
    for span in spans:
        block = blocks.get(span.start)
        if block is None:
            points.append(WeekPoint(span.start, counts[span.start], 0, None, {need: None for need in NEEDS},
                                    span.weeks, 0))
            continue
        needs = {need: (f.value if (f := block.needs.get(need)) else None) for need in NEEDS}
        points.append(WeekPoint(span.start, counts[span.start], block.answered,
                                block.trust.value if block.trust else None, needs, span.weeks, block.invited,
                                {behaviour: figure.value for behaviour, figure in block.seen.items()}))
    return TeamTrends(stored_id(team), team.name, found.k, range_key, points, tuple(changes), found)


@dataclass(frozen=True)
class TrendInsight:
    behaviours: dict[str, insight_sentences.Sentence | None]  # the one sentence per behaviour, if any
    lags: dict[str, list[insight_sentences.Sentence]]  # per behaviour, r (or "too few") at each lag
    need: insight_sentences.Sentence | None
    waiting: insight_sentences.Sentence | None
    seen: list[insight_sentences.Sentence] = field(default_factory=list)  # logged by you vs seen by the team
    seen_by_behaviour: dict[str, insight_sentences.Sentence | None] = field(default_factory=dict)
    # What one point of the series is called in every sentence: "week", or "block" once any point
    # spans more than one week (the statistics count points, so n and the lags count blocks).
    unit: insight_sentences.Unit = "week"


def logged_vs_seen_points(series: TeamTrends) -> dict[str, list[logged_vs_seen.Point]]:
    """Per behaviour (in catalogue order), each released "seen by the team" figure paired with the
    manager's mean logged count per week over the same block."""
    figures = [logged_vs_seen.SeenFigure(point.weeks or (point.iso_week,), behaviour, value)
               for point in series.weeks for behaviour, value in point.seen.items()]
    # Counts per block are keyed by its first week: summed over the block's weeks they are the block's.
    found = logged_vs_seen.points(figures, series.counts_by_behaviour())
    return {b.key: found[b.key] for b in BEHAVIOURS if b.key in found}


def insight(series: TeamTrends) -> TrendInsight:
    """What may be said about the blocks of `series` (see core.insight_sentences for the rules):
    counted in weeks while every block is one week, else in blocks."""
    weeks = [w.iso_week for w in series.weeks]
    counts, trust = series.counts_by_behaviour(), series.trust_by_week()
    correlations = behaviour_correlations(weeks, counts, trust)
    gaps = logged_vs_seen.gaps(logged_vs_seen_points(series))
    unit = insight_sentences.unit_of(len(w.weeks) for w in series.weeks)
    return TrendInsight(
        behaviours=insight_sentences.behaviour_sentences(correlations, unit),
        lags={behaviour: insight_sentences.lag_cells(found, unit) for behaviour, found in correlations.items()},
        need=insight_sentences.need_sentence(weeks, trust, series.needs_by_week(), unit),
        waiting=insight_sentences.waiting_sentence(weeks, trust, series.k, unit),
        seen=insight_sentences.seen_sentences(gaps, series.k),
        seen_by_behaviour={g.behaviour: insight_sentences.seen_sentence(g) for g in gaps},
        unit=unit,
    )


def team_choices(session: Session, manager_id: int) -> list[tuple[int, str]]:
    """(id, name) of the manager's teams for the picker, in one query."""
    teams = session.exec(select(Team).where(Team.manager_id == manager_id).order_by(col(Team.name), col(Team.id)))
    return [(stored_id(team), team.name) for team in teams]


def window(whole: TeamTrends, range_key: str, today: date) -> TeamTrends:
    """The blocks of `range_key` cut from the whole history (earlier blocks padded empty), so
    one set of queries serves both the chart and the insight over everything so far."""
    range_key = range_key if range_key in RANGES else DEFAULT_RANGE
    size = RANGES[range_key]
    if size is None:
        return whole
    current = iso_week_key(today)
    known = {point.iso_week: point for point in whole.weeks}
    spans = anonymity.blocks_between(shift_week(current, -(size - 1)), current, whole.periods)
    points = [known.get(s.start) or _empty_point(s) for s in spans]
    return TeamTrends(whole.team_id, whole.team_name, whole.k, range_key, points, whole.periods, whole.results)


def page_data(session: Session, manager_id: int, team_id: int, range_key: str,
              today: date, now: datetime | None = None) -> tuple[TeamTrends, TrendInsight, int]:
    """What the Trends page shows: the chosen range, and insight over the whole history (more
    paired blocks than any window, so the honest answer), with how many blocks that history has."""
    whole = team_trends(session, manager_id, team_id, "all", today, now)
    return window(whole, range_key, today), insight(whole), len(whole.weeks)
