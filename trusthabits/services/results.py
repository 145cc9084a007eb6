"""Pulse results: the one place answers are read and aggregated. Every view (team page, Trends
and its table and insight, share-back, Reflect) calls `visible_results`; nothing else reads
`PulseResponse` or `PulseComment` to compute a figure. The rule itself lives in
`core/anonymity.py`.

API (all frozen dataclasses):

    visible_results(session, manager_id, team_id, now, since_week=None) -> TeamResults

- `TeamResults.blocks`: the team's reporting blocks (1, 2 or 4 ISO weeks, fixed from an epoch)
  from `since_week` (default: the team's first round) up to the current week, oldest first,
  including blocks without any round. Each `Block` has `start_week`, `end_week`, `weeks`,
  `invited`/`answered` (participation over its rounds: counts only), `complete` (all weeks past
  and every round closed), `shown` (complete and at least k answers), and only when shown:
  `trust`, `needs` (need → Figure), `items` (item key → Figure), `seen` (behaviour → Figure),
  `comments` (shuffled, no week). A `Figure` is `value` (rounded to 2 decimals) and `n`.
- `TeamResults.open_rounds`: rounds still open, with participation only.
- `TeamResults.period` / `next_period`: the period in force now and a pending change.

Rounds past their closing time are closed (answers released) before reading: the one write.
Raises TeamNotFound for another manager's team. `set_period` changes a team's period; the
change applies from the next block (`core.anonymity.change_start`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, delete, select

from trusthabits.core import anonymity
from trusthabits.core.anonymity import Answer, Figure, PeriodChange, Span
from trusthabits.core.calendar import local_week_key
from trusthabits.core.errors import Refused
from trusthabits.db.models import PulseComment, PulseResponse, PulseRound, ReportPeriod, Team
from trusthabits.db.rows import stored_id
from trusthabits.services import team_events
from trusthabits.services.pulse_rounds import Participation, close_due, is_closed, participation
from trusthabits.services.teams import owned_team

_shuffle = random.SystemRandom().shuffle


class PeriodRefused(Refused):
    """Not a reporting period (1, 2 or 4 weeks)."""


@dataclass(frozen=True)
class Block:
    start_week: str
    end_week: str
    weeks: tuple[str, ...]
    round_ids: tuple[int, ...]
    invited: int
    answered: int
    complete: bool
    shown: bool
    k: int
    n: int = 0  # answers the figures are over (0 until the block is shown)
    by_hand: bool = False  # a round of it opened without a mail server: the manager handed the links out
    trust: Figure | None = None
    needs: dict[str, Figure] = field(default_factory=dict)
    items: dict[str, Figure] = field(default_factory=dict)
    seen: dict[str, Figure] = field(default_factory=dict)
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenRound:
    round_id: int
    iso_week: str
    invited: int
    answered: int
    closes_at: datetime
    links_by_hand: bool = False  # opened without a mail server: the manager handed the links out


@dataclass(frozen=True)
class TeamResults:
    team_id: int
    k: int
    current_week: str
    period: int
    next_period: PeriodChange | None
    blocks: tuple[Block, ...]
    open_rounds: tuple[OpenRound, ...]

    def shown_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.shown]

    def block_with_round(self, round_id: int) -> Block | None:
        return next((b for b in self.blocks if round_id in b.round_ids), None)


def period_changes(session: Session, team_id: int) -> list[PeriodChange]:
    rows = session.exec(select(ReportPeriod).where(ReportPeriod.team_id == team_id)).all()
    return [PeriodChange(row.from_week, row.weeks) for row in rows]


def set_period(session: Session, manager_id: int, team_id: int, raw_weeks: object, now: datetime) -> PeriodChange:
    """Choose the team's reporting period; it applies from the next block, never to one that
    has started. A pending change is replaced. Returns the change (from_week, weeks)."""
    team = owned_team(session, manager_id, team_id)
    if key := anonymity.period_error(raw_weeks):
        raise PeriodRefused(key)
    weeks = int(str(raw_weeks).strip())
    current = local_week_key(now, team.time_zone)
    changes = period_changes(session, stored_id(team))
    # Pending changes (from a week still to come) have shaped no block yet: they may go.
    kept = [c for c in changes if anonymity.week_index(c.from_week) <= anonymity.week_index(current)]
    session.exec(delete(ReportPeriod).where(
        col(ReportPeriod.team_id) == team.id, col(ReportPeriod.from_week).not_in([c.from_week for c in kept])))
    in_force = anonymity.period_at(kept, current)
    change = PeriodChange(anonymity.change_start(in_force, weeks, current), weeks)
    after = [*kept, change] if weeks != in_force else kept
    if weeks != in_force:
        session.add(ReportPeriod(team_id=stored_id(team), from_week=change.from_week, weeks=weeks))
    # The team's public page lists a change (not the same choice saved again): which period applies
    # from which week; a pending change taken back is undone from the week it would have started.
    if set(after) != set(changes):
        dropped = sorted((c.from_week for c in changes if c not in kept), key=anonymity.week_index)
        applies_from = change.from_week if weeks != in_force else dropped[0]
        team_events.record_team_event(session, stored_id(team), team_events.PERIOD_KINDS[weeks], now, applies_from)
    session.commit()
    return change if weeks != in_force else PeriodChange(current, weeks)


def _answers(session: Session, team_id: int, weeks: list[str]) -> dict[str, list[Answer]]:
    found: dict[str, list[Answer]] = {}
    if not weeks:
        return found
    rows = session.exec(
        select(col(PulseResponse.iso_week), col(PulseResponse.instrument_version), col(PulseResponse.answers))
        .where(PulseResponse.team_id == team_id, col(PulseResponse.iso_week).in_(weeks))
    ).all()
    for week, version, answers in rows:
        found.setdefault(week, []).append(Answer(week, version, json.loads(answers)))
    return found


def _comments(session: Session, team_id: int, weeks: list[str]) -> dict[str, list[str]]:
    """The comments of these weeks, by week, in one query (a block shuffles its own)."""
    found: dict[str, list[str]] = {}
    if not weeks:
        return found
    rows = session.exec(select(col(PulseComment.iso_week), col(PulseComment.text))
                        .where(PulseComment.team_id == team_id, col(PulseComment.iso_week).in_(weeks)))
    for week, text in rows:
        found.setdefault(week, []).append(text)
    return found


def visible_results(session: Session, manager_id: int, team_id: int, now: datetime,
                    since_week: str | None = None) -> TeamResults:
    """Everything a manager may see of a team's pulse at `now` (see the module docstring).
    Rounds past their closing time are closed first (their held answers released), so what is
    shown never waits for the scheduler's next tick."""
    team = owned_team(session, manager_id, team_id)
    close_due(session, now, team_id=stored_id(team))
    return _results(session, team, now, since_week)


def _results(session: Session, team: Team, now: datetime, since_week: str | None) -> TeamResults:
    team_id = stored_id(team)
    k = max(team.k_threshold, anonymity.MIN_K)
    current = local_week_key(now, team.time_zone)
    rounds = session.exec(select(PulseRound).where(PulseRound.team_id == team_id)).all()
    # Only rounds opened before their week was over count towards a block (core.anonymity.counts).
    by_week = {r.iso_week: r for r in rounds if anonymity.counts(r.iso_week, r.opened_at)}
    first = since_week or min([current, *(r.iso_week for r in rounds)])
    changes = period_changes(session, team_id)
    spans = anonymity.blocks_between(min(first, current), current, changes)
    counts = participation(session, [stored_id(r) for r in rounds])
    # Closed means finalised (closed_at set): only then are all of a round's answers stored.
    closed = {r.iso_week: r.closed_at is not None for r in by_week.values()}

    complete = [s for s in spans if anonymity.block_complete(s, anonymity.rule_week(now), closed)]
    complete_weeks = [w for s in complete for w in s.weeks if w in by_week]
    answers, comments = _answers(session, team_id, complete_weeks), _comments(session, team_id, complete_weeks)
    blocks = [_block(s, by_week, counts, k, s in complete, answers, comments) for s in spans]
    open_rounds = [
        OpenRound(stored_id(r), r.iso_week, counts[stored_id(r)].invited, counts[stored_id(r)].answered, r.closes_at,
                  r.links_by_hand)
        for r in sorted(rounds, key=lambda r: r.iso_week) if not is_closed(r, now)
    ]
    pending = [c for c in changes if anonymity.week_index(c.from_week) > anonymity.week_index(current)]
    return TeamResults(team_id, k, current, anonymity.period_at(changes, current),
                       pending[0] if pending else None, tuple(blocks), tuple(open_rounds))


def _block(span: Span, by_week: dict[str, PulseRound], counts: dict[int, Participation], k: int, complete: bool,
           answers: dict[str, list[Answer]], comments_by_week: dict[str, list[str]]) -> Block:
    round_ids = tuple(stored_id(by_week[w]) for w in span.weeks if w in by_week)
    invited = sum(counts[r].invited for r in round_ids)
    answered = sum(counts[r].answered for r in round_ids)
    by_hand = any(by_week[w].links_by_hand for w in span.weeks if w in by_week)
    base = Block(span.start, span.end, span.weeks, round_ids, invited, answered, complete, False, k, by_hand=by_hand)
    if not complete:
        return base
    block_answers = [a for w in span.weeks for a in answers.get(w, [])]
    if len(block_answers) < k:
        return base
    figures = anonymity.block_figures(block_answers, k)
    comments = [c for w in span.weeks for c in comments_by_week.get(w, [])]
    _shuffle(comments)
    return Block(span.start, span.end, span.weeks, round_ids, invited, answered, True, True, k, figures.n, by_hand,
                 figures.trust, figures.needs, figures.items, figures.seen, tuple(comments))
