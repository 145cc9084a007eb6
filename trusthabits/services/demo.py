"""A demo workspace, so a newcomer sees full charts at once: a manager with 26 weeks of daily
logs and a team of six whose simulated pulse answers respond to some behaviours with a lag.

Everything goes through the real tables with the same shapes the app writes: rounds with one
invitation per member, anonymous responses holding only team, week and answers (including the
weekly "seen by the team" item) and a comment every other week, and a few weeks where fewer than
k answered (they must show as gaps), and the manager's weekly reflections (most weeks finished,
a few skipped, as in real life), each with a commitment for the week after and, a week later, whether it happened. One
personal experiment ("more empowerment", four weeks) ended a few weeks ago. A seeded RNG makes
it repeatable.
"""

from __future__ import annotations

import json
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from trusthabits.core.behaviours import BEHAVIOURS, BY_KEY
from trusthabits.core.calendar import (
    DEFAULT_TIME_ZONE,
    iso_week_key,
    local_day,
    shift_week,
    week_monday,
)
from trusthabits.core.instrument import CURRENT, SCALE_MAX, SCALE_MIN, TRUST, seen_construct
from trusthabits.db.models import (
    ActionLog,
    Experiment,
    Invitation,
    Manager,
    Member,
    PulseComment,
    PulseResponse,
    PulseRound,
)
from trusthabits.db.rows import stored_id
from trusthabits.services import accounts, commitments, reflections, security, teams

DEMO_EMAIL = "demo@trusthabits.example"
DEMO_NAME = "Demo Manager"
WEEKS = 26
TEAM_SIZE = 6
K = 3
# Weeks (0 = oldest) where only two people answered: below k, so they must stay gaps.
THIN_WEEKS = frozenset({6, 15, 23})
# How the simulated team responds: trust a week after empowerment, two after humility.
# Sample reflections, in the manager's (English) words, keyed by the behaviour in focus.
REFLECTION_SAMPLES = {
    "empowerment": ("Let Sam run the planning meeting; it went better than when I do it.",
                    "Hand the supplier decision to the team and only ask for their reasoning."),
    "stewardship": ("Explained why the migration matters for our customers next year.",
                    "Start Monday's stand-up with one minute on where we are heading."),
    "courage": ("Pushed back on the extra scope for the team, and said so to them.",
                "Raise the workload issue with my own manager instead of absorbing it."),
    "humility": ("Asked Priya to explain the new tooling to me; learned a lot.",
                 "Say \"I don't know\" out loud at least once when I don't."),
    "standing_back": ("Made sure Jo presented the results herself at the review.",
                      "Thank people by name in the team channel for the release."),
    "forgiveness": ("Treated the failed deploy as a lesson in the retro, not a blame session.",
                    "Tell the team about a mistake of my own and what I learned."),
}
SKIPPED_REFLECTION_EVERY = 5  # one week in five has no reflection

LAGGED_EFFECTS = {"empowerment": (1, 0.16), "humility": (2, 0.13)}
# The experiment: this behaviour, for this many weeks, starting this many weeks ago; the manager
# logged EXPERIMENT_EXTRA more entries of it a week while it ran.
EXPERIMENT = ("empowerment", 4, 10)
EXPERIMENT_EXTRA = 3
UNSEEN_BEHAVIOURS = frozenset({"stewardship"})
# Comments to "what could you do more of?", one every other week (those of weeks below k stay
# hidden like any other): the reflection shows the released ones.
COMMENT_SAMPLES = (
    "Tell us earlier when priorities change.",
    "More time in the one-on-ones to talk about where I want to grow.",
    "Let us decide how we split the on-call weeks.",
    "Share what you hear from the management meeting.",
    "Ask the team before promising dates to other departments.",
)


class DemoExists(Exception):
    """A manager with the demo email already exists; nothing was changed."""


@dataclass(frozen=True)
class DemoWorkspace:
    email: str
    password: str
    manager_id: int
    team_id: int


def _weekly_counts(rng: random.Random, weeks: list[str]) -> dict[str, list[int]]:
    """Per behaviour, a count per week that drifts in phases of a few weeks (as real habits do)."""
    counts: dict[str, list[int]] = {}
    for behaviour in BEHAVIOURS:
        level, series = rng.uniform(1, 4), []
        for index in range(len(weeks)):
            if index % rng.choice((3, 4, 5)) == 0:
                level = min(6.0, max(0.8, level + rng.uniform(-2.0, 2.0)))
            series.append(max(0, round(rng.gauss(level, 0.8))))
        counts[behaviour.key] = series
    return counts


def _log_days(session: Session, rng: random.Random, manager_id: int, weeks: list[str],
              counts: dict[str, list[int]], today: date) -> None:
    for index, week in enumerate(weeks):
        workdays = [d for d in (week_monday(week) + timedelta(days=i) for i in range(5)) if d <= today]
        for behaviour in BEHAVIOURS:
            for _ in range(counts[behaviour.key][index] if workdays else 0):
                action = rng.choice(behaviour.micro_actions).key if rng.random() < 0.8 else None
                session.add(ActionLog(uid=uuid.uuid4().hex, manager_id=manager_id, behaviour=behaviour.key,
                                      micro_action=action, day=rng.choice(workdays)))


def _scale(value: float) -> int:
    return int(min(SCALE_MAX, max(SCALE_MIN, round(value))))


def _team_level(counts: dict[str, list[int]], index: int) -> float:
    level = 2.7
    for behaviour, (lag, weight) in LAGGED_EFFECTS.items():
        if index - lag >= 0:
            level += weight * counts[behaviour][index - lag]
    return level


def _seen_level(counts: dict[str, list[int]], index: int, behaviour: str) -> float:
    """How much the simulated team notices a behaviour: more when it was logged more, except
    that stewardship stays mostly unseen however often it is logged (so logged vs seen has a
    difference to show)."""
    return 2.2 + 0.3 * counts[behaviour][index] - (1.1 if behaviour in UNSEEN_BEHAVIOURS else 0.0)


def _answers(rng: random.Random, week: str, wanted: dict[str, float], person_bias: float) -> dict[str, int]:
    answers = {}
    for item in CURRENT.items_for_week(week):
        score = _scale(wanted[item.construct] + person_bias + rng.gauss(0, 0.45))
        answers[item.key] = SCALE_MIN + SCALE_MAX - score if item.reverse else score
    return answers


def _pulse_rounds(session: Session, rng: random.Random, team_id: int, member_ids: list[int],
                  weeks: list[str], counts: dict[str, list[int]]) -> None:
    biases = [rng.gauss(0, 0.3) for _ in member_ids]
    for index, week in enumerate(weeks):
        opened = datetime.combine(week_monday(week) + timedelta(days=4), time(12), tzinfo=UTC)
        pulse_round = PulseRound(team_id=team_id, iso_week=week, instrument_version=CURRENT.version,
                                 opened_at=opened, closes_at=opened + timedelta(days=3),
                                 closed_at=opened + timedelta(days=3))
        session.add(pulse_round)
        session.flush()
        answered = 2 if index in THIN_WEEKS else rng.choice((4, 5, 5, 6, 6))
        who = set(rng.sample(range(len(member_ids)), answered))
        for position, member_id in enumerate(member_ids):
            session.add(Invitation(round_id=stored_id(pulse_round), member_id=member_id,
                                   token_hash=security.hash_token(security.new_token()), used=position in who))
        trust = _team_level(counts, index)
        wanted = {TRUST: trust, "autonomy": 2.8 + 0.14 * counts["empowerment"][index], "relatedness": trust - 0.2,
                  "competence": 3.6, **{seen_construct(b.key): _seen_level(counts, index, b.key) for b in BEHAVIOURS}}
        if index % 2 == 1:
            session.add(PulseComment(team_id=team_id, iso_week=week,
                                     text=COMMENT_SAMPLES[index // 2 % len(COMMENT_SAMPLES)]))
        # Responses carry no member: like real ones, nothing ties them to an invitation.
        for position in rng.sample(sorted(who), len(who)):
            session.add(PulseResponse(team_id=team_id, iso_week=week, instrument_version=CURRENT.version,
                                      answers=json.dumps(_answers(rng, week, wanted, biases[position]))))


def _reflections(session: Session, manager_id: int, weeks: list[str], now: datetime) -> None:
    """Finished reflections through the real services, so each has its week's behaviour in focus
    and question, and a commitment to that behaviour for the week after, answered in the next
    week's reflection from what was logged. The latest one's commitment is this week's (Today
    shows it; this week's reflection asks "did you?")."""
    for index, week in enumerate(weeks):
        if index % SKIPPED_REFLECTION_EVERY == 2:
            continue
        focus = reflections.week_reflection(session, manager_id, week).focus
        went_well, try_next = REFLECTION_SAMPLES.get(focus, REFLECTION_SAMPLES["empowerment"])
        reflections.save(session, manager_id, week, went_well, try_next, now, finish=True)
        micro_actions = BY_KEY[focus].micro_actions
        commitments.commit(session, manager_id, week, focus, micro_actions[index % len(micro_actions)].key, now)
        if index + 1 < len(weeks) and (question := commitments.did_you(session, manager_id, weeks[index + 1])):
            commitments.answer(session, manager_id, weeks[index + 1], question.suggested, now)


def _experiment(session: Session, manager_id: int, current: str, counts: dict[str, list[int]],
                weeks: list[str]) -> None:
    """The ended experiment: declared the week before it began, and practised (more entries)."""
    behaviour, length, weeks_ago = EXPERIMENT
    start = shift_week(current, -weeks_ago)
    for offset in range(length):
        counts[behaviour][weeks.index(shift_week(start, offset))] += EXPERIMENT_EXTRA
    declared = datetime.combine(week_monday(shift_week(start, -1)), time(9), tzinfo=UTC)
    session.add(Experiment(manager_id=manager_id, behaviour=behaviour, start_week=start, weeks=length,
                           created_at=declared))


def create_demo(session: Session, now: datetime, *, email: str = DEMO_EMAIL, password: str | None = None,
                seed: int = 2026, time_zone: str = DEFAULT_TIME_ZONE) -> DemoWorkspace:
    """Create the demo manager, their team and 26 weeks of history. Raises DemoExists."""
    if session.exec(select(Manager.id).where(Manager.email == email)).first() is not None:
        raise DemoExists(email)
    rng = random.Random(seed)
    password = password or secrets.token_urlsafe(12)
    profile = accounts.register(session, name=DEMO_NAME, email=email, password=password, locale="en",
                                time_zone=time_zone)
    team = teams.create_team(session, profile.id, name="Demo team", language="en", time_zone=time_zone, k=K)
    teams.add_members(session, profile.id, team.id, "\n".join(f"member{i}@demo.example" for i in range(1,
        TEAM_SIZE + 1)))
    member_ids = [stored_id(member) for member in session.exec(
        select(Member).where(Member.team_id == team.id).order_by(col(Member.id)))]

    today = local_day(now, time_zone)
    current = iso_week_key(today)
    past_weeks = [shift_week(current, -offset) for offset in range(WEEKS, 0, -1)]
    counts = _weekly_counts(rng, past_weeks + [current])
    _experiment(session, profile.id, current, counts, past_weeks + [current])
    _log_days(session, rng, profile.id, past_weeks + [current], counts, today)
    _pulse_rounds(session, rng, team.id, member_ids, past_weeks, counts)
    session.commit()
    _reflections(session, profile.id, past_weeks, now)
    return DemoWorkspace(email, password, profile.id, team.id)

