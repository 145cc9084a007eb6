"""The anonymity promise as a property (issue 10, item 3), on the real results service over a
real, migrated SQLite file.

Hypothesis generates a team (its k, its size, its reporting period and changes of it) and weeks
of rounds played out in time: rounds opened in their week or late, answered by a random number
of members with random values on instrument 1 or 2, closed in their week, the week after or
never. Between the steps the manager looks: `visible_results` at that moment. Every figure seen
at any moment is paired with the answer set it must be computed over (worked out here from the
generated answers, and checked against the figure's value and n), and the suite's own checker
(tests/anonymity_check.py) proves that no combination of all those figures isolates a group of
fewer than k answers. Answers are written at answer time, the most telling way to store them:
the rule must hold without help from the storage side.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from statistics import fmean

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tests.anonymity_check import assert_no_group_below
from trusthabits.core import anonymity
from trusthabits.core.calendar import week_monday
from trusthabits.core.instrument import NEEDS, TRUST, instrument, seen_behaviour
from trusthabits.db.models import Invitation, Manager, Member, PulseComment, PulseResponse, PulseRound, Team
from trusthabits.services import results

EXAMPLES = 220
MAX_ITEMS = 8


@dataclass(frozen=True)
class WeekPlan:
    has_round: bool
    answered: int
    version: int
    close: str  # "same_week", "next_week" or "never"
    late: bool  # opened in the week after its own
    period: int | None  # a period the manager asks for on this week's Monday
    values: tuple[tuple[int, ...], ...]
    comments: int


@st.composite
def scenarios(draw):
    k = draw(st.integers(3, 5))
    size = draw(st.integers(2, 8))
    start = draw(st.integers(1350, 1400))  # an epoch week index: 2025–2026, any block alignment
    initial = draw(st.sampled_from([None, 2, 4]))
    plans = []
    for _ in range(draw(st.integers(2, 7))):
        answered = draw(st.integers(0, size))
        plans.append(WeekPlan(
            has_round=draw(st.integers(0, 5)) > 0,
            answered=answered,
            version=draw(st.sampled_from([1, 2, 2])),
            close=draw(st.sampled_from(["same_week", "same_week", "next_week", "never"])),
            late=draw(st.integers(0, 7)) == 0,
            period=draw(st.sampled_from([None, None, None, None, 1, 2, 4])),
            values=tuple(tuple(draw(st.lists(st.integers(1, 5), min_size=MAX_ITEMS, max_size=MAX_ITEMS)))
                         for _ in range(answered)),
            comments=draw(st.integers(0, answered)),
        ))
    return k, size, start, initial, plans


@dataclass
class Given:
    """One stored response as this test knows it."""

    id: int
    week: str
    version: int
    answers: dict[str, int]
    counts: bool  # its round was opened in its own week


@dataclass
class World:
    session: object
    manager_id: int
    team_id: int
    responses: list[Given] = field(default_factory=list)
    rounds: dict[str, PulseRound] = field(default_factory=dict)
    seen_sets: set[frozenset[int]] = field(default_factory=set)
    comments: dict[str, int] = field(default_factory=dict)  # week → comments of a counted round
    late_weeks: set[str] = field(default_factory=set)  # weeks whose round was opened in a later week
    looks: int = 0


def _at(week: str, day: int, hour: int) -> datetime:
    return datetime.combine(week_monday(week) + timedelta(days=day), time(hour), tzinfo=UTC)


def _setup(session, k: int, size: int) -> World:
    manager = Manager(email=f"{secrets.token_hex(6)}@example.com", name="M", password_hash="x", locale="en")
    session.add(manager)
    session.flush()
    team = Team(manager_id=manager.id, name="T", language="en", time_zone="Europe/Amsterdam", k_threshold=k)
    session.add(team)
    session.flush()
    session.add_all(Member(team_id=team.id, email=f"m{i}@x.nl") for i in range(size))
    session.commit()
    return World(session, manager.id, team.id)


def _open(world: World, week: str, plan: WeekPlan, opened_at: datetime) -> None:
    session = world.session
    pulse_round = PulseRound(team_id=world.team_id, iso_week=week, instrument_version=plan.version,
                             opened_at=opened_at, closes_at=opened_at + timedelta(days=20))
    session.add(pulse_round)
    session.flush()
    members = session.exec(select(Member).where(Member.team_id == world.team_id)).all()
    items = instrument(plan.version).items_for_week(week)
    for index, member in enumerate(members):
        session.add(Invitation(round_id=pulse_round.id, member_id=member.id, token_hash=secrets.token_hex(32),
                               used=index < plan.answered))
    for values in plan.values:
        answers = {item.key: value for item, value in zip(items, values, strict=False)}
        response = PulseResponse(team_id=world.team_id, iso_week=week, instrument_version=plan.version,
                                 answers=json.dumps(answers))
        session.add(response)
        world.responses.append(Given(response.id, week, plan.version, answers, counts=not plan.late))
    session.add_all(PulseComment(team_id=world.team_id, iso_week=week, text=f"c{i}") for i in range(plan.comments))
    if not plan.late:
        world.comments[week] = plan.comments
    else:
        world.late_weeks.add(week)
    session.commit()
    world.rounds[week] = pulse_round


def _close(world: World, week: str, at: datetime) -> None:
    pulse_round = world.rounds[week]
    pulse_round.closed_at = at
    world.session.add(pulse_round)
    world.session.commit()


def _scores(given: Given) -> dict[str, list[tuple[str, int]]]:
    """construct → [(item key, score)] of one response."""
    found: dict[str, list[tuple[str, int]]] = {}
    for key, value in given.answers.items():
        item = instrument(given.version).item(key)
        found.setdefault(item.construct, []).append((key, item.score(value)))
    return found


def _expected(members: list[Given], kind: str, name: str) -> tuple[float, frozenset[int]]:
    """The value a figure must have over `members`, and the part of them it is computed over."""
    values: dict[int, list[int]] = {}
    for response in members:
        for construct, scored in _scores(response).items():
            for key, score in scored:
                if (kind == "trust" and construct == TRUST) or (kind == "need" and construct == name) or (
                        kind == "seen" and seen_behaviour(construct) == name) or (kind == "item" and key == name):
                    values.setdefault(response.id, []).append(score)
    if kind == "trust":
        return fmean(fmean(v) for v in values.values()), frozenset(values)
    return fmean(s for v in values.values() for s in v), frozenset(values)


def _look(world: World, now: datetime, k: int) -> None:
    """The manager looks: record every figure with its answer set, checking value and n."""
    found = results.visible_results(world.session, world.manager_id, world.team_id, now)
    world.looks += 1
    # A round opened late never counts (its answers are never shown): it may stay open beside a block.
    open_weeks = {r.iso_week for r in found.open_rounds} - world.late_weeks
    for block in found.blocks:
        figures = [("trust", TRUST, block.trust)] if block.trust else []
        figures += [("need", n, f) for n, f in block.needs.items()]
        figures += [("seen", b, f) for b, f in block.seen.items()]
        figures += [("item", key, f) for key, f in block.items.items()]
        if not block.shown:
            assert not figures and not block.comments
            continue
        assert not open_weeks & set(block.weeks), "a figure while a round of its block is open"
        members = [g for g in world.responses if g.week in block.weeks and g.counts]
        assert block.n == len(members) >= k
        assert all(need in block.needs for need in NEEDS)
        for kind, name, figure in figures:
            value, answer_set = _expected(members, kind, name)
            assert figure.n == len(answer_set) and abs(figure.value - value) < 0.0051, (kind, name)
            world.seen_sets.add(answer_set)
        # Comments: those of the block's counted rounds, all together, never a week's alone.
        assert len(block.comments) == sum(world.comments.get(w, 0) for w in block.weeks)


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(scenarios())
def test_no_combination_of_visible_figures_isolates_fewer_than_k_answers(session, scenario):
    k, size, start, initial, plans = scenario
    world = _setup(session, k, size)
    weeks = [anonymity.week_at(start + i) for i in range(len(plans) + 2)]
    if initial:
        results.set_period(session, world.manager_id, world.team_id, initial, _at(weeks[0], 0, 9) - timedelta(weeks=5))
    for index, plan in enumerate(plans):
        week = weeks[index]
        if plan.period:
            results.set_period(session, world.manager_id, world.team_id, plan.period, _at(week, 0, 9))
        _look(world, _at(week, 0, 10), k)
        previous = plans[index - 1] if index else None
        if previous and previous.has_round and previous.late:  # last week's round, opened only now
            _open(world, weeks[index - 1], previous, _at(week, 1, 9))
            _look(world, _at(week, 1, 10), k)
            if previous.close != "never":
                _close(world, weeks[index - 1], _at(week, 1, 11))
        if previous and previous.has_round and not previous.late and previous.close == "next_week":
            _close(world, weeks[index - 1], _at(week, 1, 12))
        _look(world, _at(week, 1, 13), k)
        if plan.has_round and not plan.late:
            _open(world, week, plan, _at(week, 4, 11))
            _look(world, _at(week, 4, 13), k)  # the round is open: answers are in the database
            if plan.close == "same_week":
                _close(world, week, _at(week, 5, 12))
                _look(world, _at(week, 5, 13), k)
    _look(world, _at(weeks[-1], 2, 12), k)
    _look(world, _at(weeks[-1], 2, 12) + timedelta(weeks=10), k)
    assert_no_group_below(world.seen_sets, k)
