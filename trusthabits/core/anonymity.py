"""The anonymity rule, written once: which pulse figures a manager may see.

Think of the manager as the adversary: they can add and remove members, send rounds, watch the
screen between answers and subtract one figure from another. So:

1. **Fixed blocks.** Answers are reported per block of 1, 2 or 4 ISO weeks (the team's reporting
   period). Blocks are counted from a fixed epoch week (ISO 2000-W01), so a block's boundaries
   never depend on data. A change of period applies from the next block boundary of both the old
   and the new period (`change_start`), so blocks already reported never change shape: every
   block is disjoint from every other.
2. **Only complete blocks.** A block is visible only when no answer can still join it
   (`block_complete`: every round in it closed, and all its weeks past or its last week's round
   closed; a round opened after its week ended never counts, `counts`; both measured so that a
   change of the team's time zone changes nothing, `rule_week`), and when its answers
   reach the team's k (never below MIN_K). An open round contributes nothing but participation
   ("x of n answered"). Weeks of a multi-week block are never shown on their own.
3. **One set per figure.** Every figure (trust index, each need, each item, each "seen by the
   team" behaviour) is computed over exactly one answer set inside one visible block. A figure
   over a part of the block (an item asked in only one of its weeks) is shown only when that part
   has at least k people and the block still splits into "atoms" of at least k people (`atoms`):
   then any sum or difference of visible figures is constant on groups of at least k, and no
   group smaller than k can be isolated. No ranges, minima, maxima or distributions are made.
4. **Comments** are released per visible block only, shuffled by the caller, with no week.

Everything here is pure: `services/results.py` reads the database and calls `block_figures`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from trusthabits.core.calendar import iso_week_key, local_week_key, week_monday
from trusthabits.core.instrument import NEEDS, TRUST, instrument, seen_behaviour
from trusthabits.core.pulse import MIN_K as MIN_K

PERIODS = (1, 2, 4)  # each divides the next, so blocks of every period line up
DEFAULT_PERIOD = 1
EPOCH_WEEK = "2000-W01"
_EPOCH = week_monday(EPOCH_WEEK)


def week_index(iso_week: str) -> int:
    """Weeks since the epoch week (0 for 2000-W01)."""
    return (week_monday(iso_week) - _EPOCH).days // 7


def week_at(index: int) -> str:
    return iso_week_key(_EPOCH + timedelta(weeks=index))


def period_error(raw: object) -> str | None:
    try:
        value = int(str(raw).strip())
    except ValueError:
        return "error.period_invalid"
    return None if value in PERIODS else "error.period_invalid"


@dataclass(frozen=True)
class PeriodChange:
    """From `from_week` on (a block boundary), blocks are `weeks` long."""

    from_week: str
    weeks: int


def _sorted(changes: Iterable[PeriodChange]) -> list[PeriodChange]:
    return sorted(changes, key=lambda c: week_index(c.from_week))


def period_at(changes: Iterable[PeriodChange], iso_week: str) -> int:
    """The reporting period in force in `iso_week` (DEFAULT_PERIOD before any change)."""
    index, weeks = week_index(iso_week), DEFAULT_PERIOD
    for change in _sorted(changes):
        if week_index(change.from_week) <= index:
            weeks = change.weeks
    return weeks


def change_start(current_period: int, new_period: int, current_week: str) -> str:
    """The first week a change from `current_period` to `new_period`, asked in `current_week`,
    applies: the first week after the current block that starts a block of both periods."""
    if current_period not in PERIODS or new_period not in PERIODS:
        raise ValueError("period")
    step = max(current_period, new_period)
    index = week_index(current_week)
    return week_at((index // step + 1) * step)


@dataclass(frozen=True)
class Span:
    """A block: its weeks, oldest first."""

    weeks: tuple[str, ...]

    @property
    def start(self) -> str:
        return self.weeks[0]

    @property
    def end(self) -> str:
        return self.weeks[-1]


def blocks_between(first_week: str, last_week: str, changes: Iterable[PeriodChange]) -> list[Span]:
    """Every block that has a week in first_week..last_week, oldest first; whole blocks (the
    first may start before `first_week`, the last end after `last_week`)."""
    ordered = _sorted(changes)
    first, last = week_index(first_week), week_index(last_week)
    spans: list[Span] = []
    index = first
    while index <= last:
        weeks = period_at(ordered, week_at(index))
        start = index - index % weeks
        spans.append(Span(tuple(week_at(start + i) for i in range(weeks))))
        index = start + weeks
    return spans


def block_of(iso_week: str, changes: Iterable[PeriodChange]) -> Span:
    return blocks_between(iso_week, iso_week, changes)[0]


# Weeks are the team's ISO weeks, but a manager can change the team's time zone, which moves
# "this week" by up to a day. So the two time tests of the rule use the LAST time zone to finish
# a week (UTC-12): by then the week is over in every time zone, whatever the team's is later.
LAST_ZONE = "Etc/GMT+12"  # POSIX sign: this is UTC-12


def rule_week(now: datetime) -> str:
    """The week the rule counts as current: the earliest "this week" anywhere on earth."""
    return local_week_key(now, LAST_ZONE)


def week_over_everywhere(iso_week: str) -> datetime:
    """The instant `iso_week` has ended in every time zone (its Monday after, 00:00 at UTC-12)."""
    monday = week_monday(iso_week) + timedelta(weeks=1)
    return datetime.combine(monday, time(0), tzinfo=ZoneInfo(LAST_ZONE)).astimezone(UTC)


def block_complete(span: Span, current_week: str, rounds_closed: Mapping[str, bool]) -> bool:
    """No answer can still join the block: every round in it is closed, and either all its
    weeks are over everywhere, or its last week's round is already closed (a week has one
    round) and every earlier week of the block is over everywhere (a round opened now for one
    of them would not count, see `counts`). `current_week` is `rule_week(now)`; `rounds_closed`
    maps the week of each round that counts to whether it is closed."""
    if not all(rounds_closed.get(week, True) for week in span.weeks):
        return False
    now = week_index(current_week)
    if now > week_index(span.end):
        return True
    return rounds_closed.get(span.end) is True and all(week_index(w) < now for w in span.weeks[:-1])


def counts(round_week: str, opened_at: datetime) -> bool:
    """A round's answers count towards its block only if it was opened before its week ended
    everywhere: a round opened later (a catch-up after downtime, or after a change of time zone)
    could otherwise add answers to a block already shown, and the difference would be one small
    group's answers. Such a round's answers are never shown. Independent of the team's time
    zone, so changing it never changes which rounds count."""
    return opened_at < week_over_everywhere(round_week)


# --- figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One anonymous response: the week it was given in, its instrument and its item answers."""

    week: str
    version: int
    answers: Mapping[str, int]


@dataclass(frozen=True)
class Figure:
    value: float
    n: int  # how many people it is computed over


@dataclass(frozen=True)
class BlockFigures:
    n: int
    trust: Figure | None = None
    needs: dict[str, Figure] = field(default_factory=dict)
    items: dict[str, Figure] = field(default_factory=dict)  # item key → figure
    seen: dict[str, Figure] = field(default_factory=dict)  # behaviour key → figure


@dataclass(frozen=True)
class Candidate:
    """A figure before the rule: its kind ("trust", "need", "item", "seen"), its name within
    the kind, its value and the positions (in the block's answers) it is computed over."""

    kind: str
    name: str
    value: float
    members: frozenset[int]


def atoms(universe: Iterable[int], sets: Iterable[frozenset[int]]) -> list[frozenset[int]]:
    """Group `universe` by which of `sets` contain each element. Any linear combination of sums
    over `sets` is constant on each group, so the smallest group is the smallest thing that
    could be isolated by adding and subtracting figures."""
    listed = list(sets)
    groups: dict[tuple[bool, ...], set[int]] = {}
    for element in universe:
        groups.setdefault(tuple(element in s for s in listed), set()).add(element)
    return [frozenset(g) for g in groups.values()]


def candidates(answers: Sequence[Answer]) -> list[Candidate]:
    """Every figure one could compute over a block's answers, with its answer set. The trust
    index is the mean over people of their mean trust score; a need or "seen" figure the mean
    of the answers to that construct; an item figure the mean of that item's answers. Reverse
    items are flipped first."""
    trust: dict[int, list[int]] = {}
    by_construct: dict[str, dict[int, list[int]]] = {}
    by_item: dict[str, dict[int, int]] = {}
    for position, answer in enumerate(answers):
        for key, value in answer.answers.items():
            item = instrument(answer.version).item(key)
            if item is None:
                continue
            score = item.score(value)
            by_item.setdefault(key, {})[position] = score
            if item.construct == TRUST:
                trust.setdefault(position, []).append(score)
            else:
                by_construct.setdefault(item.construct, {}).setdefault(position, []).append(score)
    found: list[Candidate] = []
    if trust:
        found.append(Candidate("trust", TRUST, fmean(fmean(s) for s in trust.values()), frozenset(trust)))
    for construct, scores in sorted(by_construct.items()):
        kind = "need" if construct in NEEDS else "seen" if seen_behaviour(construct) else ""
        if kind:
            name = construct if kind == "need" else seen_behaviour(construct) or ""
            found.append(Candidate(kind, name, fmean(v for s in scores.values() for v in s), frozenset(scores)))
    for key, item_scores in sorted(by_item.items()):
        found.append(Candidate("item", key, fmean(item_scores.values()), frozenset(item_scores)))
    return found


def released(answers: Sequence[Answer], k: int) -> list[Candidate]:
    """The candidates that may be shown for one complete block: none below k; otherwise the
    figures over the whole block, then (in a fixed order) each figure over a part of the block
    that has at least k people and keeps every atom of the block at k or more."""
    k = max(k, MIN_K)
    everyone = frozenset(range(len(answers)))
    if len(answers) < k:
        return []
    shown: list[Candidate] = []
    sets: list[frozenset[int]] = [everyone]
    for candidate in candidates(answers):
        if candidate.members == everyone:
            shown.append(candidate)
        elif len(candidate.members) >= k and min(map(len, atoms(everyone, [*sets, candidate.members]))) >= k:
            shown.append(candidate)
            sets.append(candidate.members)
    return shown


def block_figures(answers: Sequence[Answer], k: int) -> BlockFigures:
    """What a manager may see of one complete block: n always, figures only as `released`
    allows. Values are rounded to two decimals."""
    figures = BlockFigures(n=len(answers))
    for c in released(answers, k):
        figure = Figure(round(c.value, 2), len(c.members))
        if c.kind == "trust":
            figures = BlockFigures(figures.n, figure, figures.needs, figures.items, figures.seen)
        elif c.kind == "need":
            figures.needs[c.name] = figure
        elif c.kind == "seen":
            figures.seen[c.name] = figure
        else:
            figures.items[c.name] = figure
    return figures
