"""The manager's weekly reflection: their own week, one question, two answers, drafts kept.

Every query is scoped by the signed-in manager's id: a reflection is private to its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from trusthabits.core import behaviours
from trusthabits.core.calendar import (
    WeeklySchedule,
    local_week_key,
    parse_time,
    shift_week,
    week_monday,
)
from trusthabits.core.errors import FieldErrors
from trusthabits.core.input_rules import EARLIEST_DAY, hidden_characters_error
from trusthabits.core.reflection import (
    behaviour_in_focus,
    question_for_week,
    questions_for,
)
from trusthabits.db.models import Manager, Reflection
from trusthabits.db.rows import required
from trusthabits.services import actions

MAX_LENGTH = 1000
PAST_LIMIT = 26
_LAST_MONDAY = date(9998, 12, 28)
_WEEK = re.compile(r"^[0-9]{4}-W[0-9]{2}$")


@dataclass(frozen=True)
class WeekReflection:
    week: str
    counts: dict[str, int]  # behaviour → entries logged that week
    not_practised: list[str]
    focus: str
    question_key: str
    went_well: str
    try_next: str
    finished: bool


@dataclass(frozen=True)
class PastReflection:
    week: str
    try_next: str
    finished: bool


def valid_week(key: str) -> bool:
    if not _WEEK.match(key or ""):
        return False
    try:
        # Rejects W00 and a W53 the year does not have; no week before EARLIEST_DAY, and none so
        # late that the week after it is past the calendar's end (9999-W52).
        return shift_week(key, 0) == key and EARLIEST_DAY <= week_monday(key) <= _LAST_MONDAY
    except ValueError:
        return False


def this_week(session: Session, manager_id: int, now: datetime) -> str:
    return local_week_key(now, required(session, Manager, manager_id).time_zone)


def _stored(session: Session, manager_id: int, week: str) -> Reflection | None:
    return session.exec(
        select(Reflection).where(Reflection.manager_id == manager_id, Reflection.iso_week == week)
    ).first()


def question_text(question_key: str, language: str) -> str:
    behaviour = question_key.split(".", 1)[0]
    return next(q.text[language] for q in questions_for(behaviour) if q.key == question_key)


def week_reflection(session: Session, manager_id: int, week: str) -> WeekReflection:
    if not valid_week(week):
        raise LookupError(week)
    summary = actions.week_summary(session, manager_id, week_monday(week))
    counts = {key: sum(days) for key, days in summary.per_behaviour.items()}
    stored = _stored(session, manager_id, week)
    if stored and stored.question_key:
        question_key = stored.question_key  # once answered, the question no longer moves
    else:
        question_key = question_for_week(behaviour_in_focus(counts, list(behaviours.KEYS), week), week).key
    return WeekReflection(
        week, counts, summary.untouched(), question_key.split(".", 1)[0], question_key,
        stored.went_well if stored else "", stored.try_next if stored else "",
        bool(stored and stored.finished_at),
    )


def _text_error(value: str) -> str | None:
    if len(value) > MAX_LENGTH:
        return "error.reflection_too_long"
    return hidden_characters_error(value, "reflection", multiline=True)


def save(session: Session, manager_id: int, week: str, went_well: str, try_next: str, now: datetime,
         finish: bool = False) -> WeekReflection:
    """Keep a draft (or finish it). Over-long text raises FieldErrors and stores nothing."""
    view = week_reflection(session, manager_id, week)
    went_well, try_next = (went_well or "").strip(), (try_next or "").strip()
    errors = FieldErrors({name: key for name, value in (("went_well", went_well), ("try_next", try_next))
                          if (key := _text_error(value))})
    if errors:
        raise errors
    row = _stored(session, manager_id, week) or Reflection(manager_id=manager_id, iso_week=week)
    row.question_key = row.question_key or view.question_key
    row.went_well, row.try_next, row.updated_at = went_well, try_next, now
    if finish and row.finished_at is None:
        row.finished_at = now
    session.add(row)
    session.commit()
    return week_reflection(session, manager_id, week)


def past(session: Session, manager_id: int, limit: int = PAST_LIMIT) -> list[PastReflection]:
    rows = session.exec(
        select(Reflection).where(Reflection.manager_id == manager_id)
        .order_by(col(Reflection.iso_week).desc()).limit(limit)
    ).all()
    return [PastReflection(r.iso_week, r.try_next, r.finished_at is not None) for r in rows]


def last_weeks_plan(session: Session, manager_id: int, now: datetime) -> str:
    """What the manager last said they would try: from this week's reflection once written
    (it is about the days ahead), else from last week's. Older plans are not shown."""
    week = this_week(session, manager_id, now)
    for candidate in (week, shift_week(week, -1)):
        stored = _stored(session, manager_id, candidate)
        if stored and stored.try_next:
            return stored.try_next
    return ""


def prompt_waiting(session: Session, manager_id: int, now: datetime) -> str:
    """The week whose prompt time has passed while its reflection is not finished, or "":
    the in-app counterpart of the prompt mail."""
    manager = required(session, Manager, manager_id)
    schedule = WeeklySchedule(manager.reflect_weekday, parse_time(manager.reflect_time), manager.time_zone)
    week, _ = schedule.latest_at_or_before(now)
    if week != local_week_key(now, manager.time_zone):
        return ""
    stored = _stored(session, manager_id, week)
    return "" if stored and stored.finished_at else week
