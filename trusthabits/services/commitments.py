"""Commitments: in the reflection of week W the manager commits to a behaviour and a micro-action
for week W + 1 (the optional sentence is that reflection's "try next week"); Today shows it all
that week; the reflection of W + 1 asks "did you?" with the week's matching entries listed.

Every query is scoped by the signed-in manager's id: someone else's commitment does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from trusthabits.core import commitments as rules
from trusthabits.core.calendar import local_week_key, week_monday
from trusthabits.core.errors import FieldErrors
from trusthabits.db.models import ActionLog, Commitment, Manager, Reflection
from trusthabits.services.reflections import valid_week


@dataclass(frozen=True)
class CommitmentView:
    made_in_week: str
    for_week: str
    behaviour: str
    micro_action: str | None
    sentence: str  # the reflection's "try next week", possibly empty
    outcome: str  # "" until answered


@dataclass(frozen=True)
class MatchingEntry:
    day: date
    micro_action: str | None
    note: str


@dataclass(frozen=True)
class DidYou:
    """The question in the reflection of `commitment.for_week`."""

    commitment: CommitmentView
    entries: list[MatchingEntry]  # that week's entries of the committed behaviour, oldest first
    suggested: str  # from the entries (core.commitments.suggested_outcome)

    @property
    def answer(self) -> str:
        """What the form shows as chosen: the stored answer, else the suggestion."""
        return self.commitment.outcome or self.suggested


def _row(session: Session, manager_id: int, made_in_week: str) -> Commitment | None:
    return session.exec(select(Commitment).where(Commitment.manager_id == manager_id,
                                                 Commitment.made_in_week == made_in_week)).first()


def _view(session: Session, row: Commitment) -> CommitmentView:
    sentence = session.exec(select(Reflection.try_next).where(
        Reflection.manager_id == row.manager_id, Reflection.iso_week == row.made_in_week)).first()
    return CommitmentView(row.made_in_week, rules.for_week(row.made_in_week), row.behaviour, row.micro_action,
                          sentence or "", row.outcome)


def made_in(session: Session, manager_id: int, week: str) -> CommitmentView | None:
    """The commitment made in the reflection of `week` (for the week after), if any."""
    row = _row(session, manager_id, week) if valid_week(week) else None
    return _view(session, row) if row else None


def commit(session: Session, manager_id: int, week: str, behaviour: str, micro_action: str | None,
           now: datetime) -> CommitmentView | None:
    """Make, change or (with an empty behaviour) withdraw the commitment of `week`'s reflection.
    Raises FieldErrors and changes nothing on an unknown behaviour or micro-action."""
    if not valid_week(week):
        raise LookupError(week)
    row = _row(session, manager_id, week)
    if not behaviour:
        if row:
            session.delete(row)
            session.commit()
        return None
    micro_action = micro_action or None
    if errors := rules.choice_errors(behaviour, micro_action):
        raise FieldErrors(errors)
    row = row or Commitment(manager_id=manager_id, made_in_week=week, behaviour=behaviour, created_at=now)
    if row.behaviour != behaviour or row.micro_action != micro_action:
        row.outcome = ""  # a changed commitment has not been answered yet
    row.behaviour, row.micro_action, row.updated_at = behaviour, micro_action, now
    session.add(row)
    session.commit()
    return _view(session, row)


def did_you(session: Session, manager_id: int, week: str) -> DidYou | None:
    """For the reflection of `week`: last week's commitment with this week's matching entries."""
    if not valid_week(week):
        return None
    row = _row(session, manager_id, rules.made_in(week))
    if row is None:
        return None
    monday = week_monday(week)
    found = session.exec(
        select(ActionLog).where(ActionLog.manager_id == manager_id, ActionLog.behaviour == row.behaviour,
                                ActionLog.day >= monday, ActionLog.day <= date.fromordinal(monday.toordinal() + 6))
        .order_by(col(ActionLog.day), col(ActionLog.created_at))
    ).all()
    entries = [MatchingEntry(e.day, e.micro_action, e.note) for e in found]
    suggested = rules.suggested_outcome(row.micro_action, [e.micro_action for e in found])
    return DidYou(_view(session, row), entries, suggested)


def answer(session: Session, manager_id: int, week: str, outcome: str, now: datetime) -> DidYou:
    """Store the answer to "did you?" in the reflection of `week`. Raises FieldErrors on an
    unknown answer and LookupError when there was no commitment for that week."""
    if key := rules.outcome_error(outcome):
        raise FieldErrors({"outcome": key})
    row = _row(session, manager_id, rules.made_in(week)) if valid_week(week) else None
    if row is None:
        raise LookupError(week)
    row.outcome, row.updated_at = outcome, now
    session.add(row)
    session.commit()
    found = did_you(session, manager_id, week)
    assert found is not None
    return found


def on_today(session: Session, manager_id: int, now: datetime) -> list[CommitmentView]:
    """What Today shows: the commitment for the manager's current week (all week long), then the
    one already made for next week in this week's reflection; either may be missing."""
    time_zone = session.exec(select(Manager.time_zone).where(Manager.id == manager_id)).one()
    week = local_week_key(now, time_zone)
    rows = session.exec(select(Commitment).where(Commitment.manager_id == manager_id,
                                                 col(Commitment.made_in_week).in_([rules.made_in(week), week]))
                        .order_by(col(Commitment.made_in_week))).all()
    return [_view(session, row) for row in rows]


def logged_in_week(session: Session, manager_id: int, commitment: CommitmentView) -> int:
    """How many entries of the committed behaviour the manager logged in the week it is for."""
    monday = week_monday(commitment.for_week)
    return len(session.exec(
        select(ActionLog.id).where(ActionLog.manager_id == manager_id, ActionLog.behaviour == commitment.behaviour,
                                   ActionLog.day >= monday, ActionLog.day <= date.fromordinal(monday.toordinal() + 6))
    ).all())
