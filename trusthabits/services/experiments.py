"""Personal experiments: declare "for the next N weeks: more <behaviour>", see where it stands,
stop it, and once it has ended compare the team's figures with the weeks before.

The weeks are fixed at declaration (from the manager's next ISO week), and one experiment runs
at a time, so the comparison window is never picked after seeing the figures. A stopped
experiment is not evaluated (its window would be chosen after the fact). Every query is scoped
by the signed-in manager's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from trusthabits.core import behaviours
from trusthabits.core import experiments as rules
from trusthabits.core.calendar import local_week_key, shift_week, week_monday
from trusthabits.core.errors import FieldErrors, NotFound, Refused
from trusthabits.db.models import ActionLog, Experiment, Manager

STOPPED = "stopped"
SHOWN = 12  # experiments listed, newest first


class ExperimentNotFound(NotFound):
    """No experiment with this id belongs to this manager."""


@dataclass(frozen=True)
class ExperimentView:
    id: int
    behaviour: str
    start_week: str
    weeks: int
    status: str  # core.experiments NOT_STARTED / RUNNING / ENDED, or STOPPED
    week_number: int  # which week of it is running now (0 when not running)
    logged_before: float  # the manager's own entries of the behaviour per week, N weeks before
    logged_during: float  # … and in the experiment's weeks so far

    @property
    def span(self) -> rules.Windows:
        return rules.windows(self.start_week, self.weeks)


def _current_week(session: Session, manager_id: int, now: datetime) -> str:
    time_zone = session.exec(select(Manager.time_zone).where(Manager.id == manager_id)).one()
    return local_week_key(now, time_zone)


def _per_week(session: Session, manager_id: int, behaviour: str, weeks: tuple[str, ...]) -> float:
    if not weeks:
        return 0.0
    first, last = week_monday(weeks[0]), week_monday(shift_week(weeks[-1], 1))
    count = session.exec(select(func.count()).select_from(ActionLog).where(
        ActionLog.manager_id == manager_id, ActionLog.behaviour == behaviour,
        ActionLog.day >= first, ActionLog.day < last)).one()
    return count / len(weeks)


def _view(session: Session, row: Experiment, current_week: str) -> ExperimentView:
    state = STOPPED if row.stopped_at else rules.status(row.start_week, row.weeks, current_week)
    span = rules.windows(row.start_week, row.weeks)
    so_far = tuple(w for w in span.during if w <= current_week)
    assert row.id is not None
    return ExperimentView(
        row.id, row.behaviour, row.start_week, row.weeks, state,
        rules.week_number(row.start_week, current_week) if state == rules.RUNNING else 0,
        _per_week(session, row.manager_id, row.behaviour, span.before),
        _per_week(session, row.manager_id, row.behaviour, so_far),
    )


def _open(session: Session, manager_id: int, current_week: str) -> Experiment | None:
    """The experiment not yet ended and not stopped, if any (at most one exists)."""
    rows = session.exec(select(Experiment).where(Experiment.manager_id == manager_id,
                                                 col(Experiment.stopped_at).is_(None))).all()
    return next((r for r in rows if rules.status(r.start_week, r.weeks, current_week) != rules.ENDED), None)


def declare(session: Session, manager_id: int, behaviour: str, weeks: object, now: datetime) -> ExperimentView:
    """Start "more <behaviour>" for `weeks` weeks from next week. Raises FieldErrors on a bad
    behaviour or length, Refused while another experiment has not ended."""
    errors = {field: key for field, key in (
        ("experiment_behaviour", None if behaviours.is_behaviour(behaviour) else "error.behaviour_unknown"),
        ("experiment_weeks", rules.weeks_error(weeks))) if key}
    if errors:
        raise FieldErrors(errors)
    current = _current_week(session, manager_id, now)
    if _open(session, manager_id, current):
        raise Refused("experiment.refused_running")
    row = Experiment(manager_id=manager_id, behaviour=behaviour, start_week=shift_week(current, 1),
                     weeks=int(str(weeks).strip()), created_at=now)
    session.add(row)
    session.commit()
    return _view(session, row, current)


def _owned(session: Session, manager_id: int, experiment_id: int) -> Experiment:
    row = session.exec(select(Experiment).where(Experiment.id == experiment_id,
                                                Experiment.manager_id == manager_id)).first()
    if row is None:
        raise ExperimentNotFound(experiment_id)
    return row


def stop(session: Session, manager_id: int, experiment_id: int, now: datetime) -> ExperimentView:
    """Stop an experiment before it ends; it will not be evaluated."""
    row = _owned(session, manager_id, experiment_id)
    current = _current_week(session, manager_id, now)
    if row.stopped_at is None and rules.status(row.start_week, row.weeks, current) != rules.ENDED:
        row.stopped_at = now
        session.add(row)
        session.commit()
    return _view(session, row, current)


def experiments_of(session: Session, manager_id: int, now: datetime) -> list[ExperimentView]:
    """The manager's experiments, newest first."""
    current = _current_week(session, manager_id, now)
    rows = session.exec(select(Experiment).where(Experiment.manager_id == manager_id)
                        .order_by(col(Experiment.start_week).desc(), col(Experiment.id).desc()).limit(SHOWN)).all()
    return [_view(session, row, current) for row in rows]


def experiment(session: Session, manager_id: int, experiment_id: int, now: datetime) -> ExperimentView:
    return _view(session, _owned(session, manager_id, experiment_id), _current_week(session, manager_id, now))
