"""Habit strength per behaviour, the manager's weekly targets and their pauses.

Reads the manager's days per behaviour (one indexed query, only the two columns needed) and
hands them to `core.scoring`; everything is scoped by manager_id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, func, select

from trusthabits.core import behaviours, scoring
from trusthabits.core.errors import FieldErrors, NotFound
from trusthabits.core.input_rules import day_problem
from trusthabits.db.models import ActionLog, HabitPause, HabitTarget
from trusthabits.db.rows import stored_id
from trusthabits.services.actions import manager_today


class PauseNotFound(NotFound):
    """No pause with this id belongs to this manager."""


@dataclass(frozen=True)
class PauseView:
    id: int
    start: date
    end: date


def targets(session: Session, manager_id: int) -> dict[str, int]:
    """The weekly target of every behaviour in the catalogue (default where none was set)."""
    chosen = dict(
        session.exec(
            select(col(HabitTarget.behaviour), col(HabitTarget.per_week)).where(HabitTarget.manager_id == manager_id)
        ).all()
    )
    return {key: chosen.get(key, scoring.DEFAULT_TARGET) for key in behaviours.KEYS}


def set_target(session: Session, manager_id: int, behaviour: str, per_week: int) -> None:
    if not behaviours.is_behaviour(behaviour):
        raise FieldErrors({"behaviour": "error.behaviour_unknown"})
    if key := scoring.target_error(per_week):
        raise FieldErrors({"target": key})
    row = session.exec(
        select(HabitTarget).where(HabitTarget.manager_id == manager_id, HabitTarget.behaviour == behaviour)
    ).first() or HabitTarget(manager_id=manager_id, behaviour=behaviour, per_week=per_week)
    row.per_week = per_week
    session.add(row)
    session.commit()


def pauses(session: Session, manager_id: int) -> list[PauseView]:
    rows = session.exec(
        select(HabitPause).where(HabitPause.manager_id == manager_id).order_by(col(HabitPause.start).desc())
    ).all()
    return [PauseView(stored_id(row), row.start, row.end) for row in rows]


def add_pause(session: Session, manager_id: int, start: date | None, end: date | None) -> PauseView:
    if start is None or end is None:
        raise FieldErrors({"pause": "error.day_invalid"})
    if key := scoring.pause_error(start, end):
        raise FieldErrors({"pause": key})
    latest = manager_today(session, manager_id) + timedelta(days=scoring.PAUSE_AHEAD_DAYS)
    if key := day_problem(start, latest) or day_problem(end, latest):
        raise FieldErrors({"pause": key})
    held = session.exec(select(func.count()).select_from(HabitPause).where(HabitPause.manager_id == manager_id)).one()
    if held >= scoring.MAX_PAUSES:
        raise FieldErrors({"pause": "error.too_many_pauses"})
    row = HabitPause(manager_id=manager_id, start=start, end=end)
    session.add(row)
    session.commit()
    return PauseView(stored_id(row), row.start, row.end)


def delete_pause(session: Session, manager_id: int, pause_id: int) -> None:
    row = session.exec(
        select(HabitPause).where(HabitPause.id == pause_id, HabitPause.manager_id == manager_id)
    ).first()
    if row is None:
        raise PauseNotFound(pause_id)
    session.delete(row)
    session.commit()


def strengths(session: Session, manager_id: int, now: datetime | None = None) -> dict[str, scoring.HabitStrength]:
    """Habit strength of every behaviour in the catalogue, as of the manager's today."""
    today = manager_today(session, manager_id, now)
    days_by_behaviour: dict[str, list[date]] = defaultdict(list)
    for behaviour, day in session.exec(
        select(col(ActionLog.behaviour), col(ActionLog.day)).where(ActionLog.manager_id == manager_id)
    ):
        days_by_behaviour[behaviour].append(day)
    paused = [scoring.Pause(p.start, p.end) for p in pauses(session, manager_id)]
    goal = targets(session, manager_id)
    return {
        key: scoring.habit_strength(days_by_behaviour[key], goal[key], paused, today)
        for key in behaviours.KEYS
    }
