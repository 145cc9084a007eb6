"""The daily action log: log a behaviour, add details, backdate, edit, delete (and so undo),
and the week at a glance.

Every function takes the signed-in manager's id and touches only that manager's rows: an entry
id of someone else is answered exactly like an id that does not exist. "Today" is computed
here from the manager's stored time zone, never taken from the browser.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from trusthabits.core import action_log as rules
from trusthabits.core import behaviours, clock
from trusthabits.core import focus as focus_rules
from trusthabits.core.calendar import DAYS_PER_WEEK, local_day, week_days
from trusthabits.core.errors import FieldErrors, NotFound
from trusthabits.db.models import ActionLog, Manager
from trusthabits.db.rows import stored_id
from trusthabits.services import focus


class EntryNotFound(NotFound):
    """No entry with this id belongs to this manager."""


@dataclass(frozen=True)
class Entry:
    id: int
    uid: str
    behaviour: str
    micro_action: str | None
    note: str
    day: date
    created_at: datetime
    updated_at: datetime


def to_entry(row: ActionLog) -> Entry:
    return Entry(stored_id(row), row.uid, row.behaviour, row.micro_action, row.note, row.day, row.created_at,
        row.updated_at)


def manager_today(session: Session, manager_id: int, now: datetime | None = None) -> date:
    """The manager's local calendar day at `now` (default: this moment)."""
    time_zone = session.exec(select(Manager.time_zone).where(Manager.id == manager_id)).one()
    return local_day(now or clock.now(), time_zone)


def _owned(session: Session, manager_id: int, entry_id: int) -> ActionLog:
    row = session.exec(
        select(ActionLog).where(ActionLog.id == entry_id, ActionLog.manager_id == manager_id)
    ).first()
    if row is None:
        raise EntryNotFound(entry_id)
    return row


def _check(session: Session, manager_id: int, behaviour: str, micro_action: str | None, note: str, day: date,
           today: date) -> None:
    own = focus_rules.own_id(micro_action) is not None
    errors = rules.entry_errors(behaviour, None if own else micro_action, note, day, today)
    if own and not errors.get("behaviour") and not focus.own_action_exists(session, manager_id, behaviour,
                                                                           micro_action or ""):
        errors["micro_action"] = "error.micro_action_unknown"
    if errors:
        raise FieldErrors(errors)


def log_action(
    session: Session,
    manager_id: int,
    behaviour: str,
    *,
    day: date | None = None,
    micro_action: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Entry:
    """Log one practised behaviour, for today unless `day` says otherwise."""
    now = now or clock.now()
    today = manager_today(session, manager_id, now)
    day = day or today
    note = rules.normalise_note(note)
    micro_action = micro_action or None
    _check(session, manager_id, behaviour, micro_action, note, day, today)
    row = ActionLog(
        uid=uuid.uuid4().hex,
        manager_id=manager_id,
        behaviour=behaviour,
        micro_action=micro_action,
        note=note,
        day=day,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.commit()
    return to_entry(row)


def update_entry(
    session: Session,
    manager_id: int,
    entry_id: int,
    *,
    micro_action: str | None,
    note: str,
    day: date | None,
    now: datetime | None = None,
) -> Entry:
    """Change the details of an own entry. Its day may move within the backdating window; an
    older entry keeps its day unless it is moved into the window."""
    now = now or clock.now()
    row = _owned(session, manager_id, entry_id)
    today = manager_today(session, manager_id, now)
    note = rules.normalise_note(note)
    micro_action = micro_action or None
    if day is None:
        raise FieldErrors({"day": "error.day_invalid"})
    # Editing the note of an old entry must stay possible: only a *changed* day is checked.
    check_day = day if day != row.day else today
    _check(session, manager_id, row.behaviour, micro_action, note, check_day, today)
    row.micro_action, row.note, row.day, row.updated_at = micro_action, note, day, now
    session.add(row)
    session.commit()
    return to_entry(row)


def delete_entry(session: Session, manager_id: int, entry_id: int) -> Entry:
    """Delete an own entry (this is also what Undo does). Returns what was deleted."""
    row = _owned(session, manager_id, entry_id)
    deleted = to_entry(row)
    session.delete(row)
    session.commit()
    return deleted


def get_entry(session: Session, manager_id: int, entry_id: int) -> Entry:
    return to_entry(_owned(session, manager_id, entry_id))


def recent_entries(session: Session, manager_id: int, since: date, limit: int | None = None) -> list[Entry]:
    """Own entries dated `since` or later, newest first (at most `limit`)."""
    rows = session.exec(
        select(ActionLog)
        .where(ActionLog.manager_id == manager_id, ActionLog.day >= since)
        .order_by(col(ActionLog.day).desc(), col(ActionLog.created_at).desc(), col(ActionLog.id).desc())
        .limit(limit)
    ).all()
    return [to_entry(row) for row in rows]


@dataclass(frozen=True)
class WeekSummary:
    """This ISO week: per behaviour, the number of entries on each day Monday…Sunday."""

    days: list[date]
    per_behaviour: dict[str, list[int]]

    def untouched(self) -> list[str]:
        return [key for key, counts in self.per_behaviour.items() if not any(counts)]


def week_summary(session: Session, manager_id: int, today: date) -> WeekSummary:
    days = week_days(today)
    per_behaviour = {key: [0] * DAYS_PER_WEEK for key in behaviours.KEYS}
    rows = session.exec(
        select(col(ActionLog.behaviour), col(ActionLog.day)).where(
            ActionLog.manager_id == manager_id, ActionLog.day >= days[0], ActionLog.day <= days[-1]
        )
    ).all()
    for behaviour, day in rows:
        if behaviour in per_behaviour:  # an entry of a behaviour since retired is not shown
            per_behaviour[behaviour][day.weekday()] += 1
    return WeekSummary(days, per_behaviour)


# --- Taps made without a connection ----------------------------------------------------------

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)
# More entries on one day than anyone taps: what a phone's waiting taps may add to a day.
MAX_QUEUED_PER_DAY = 100


def _uid_ok(uid: object) -> bool:
    return isinstance(uid, str) and len(uid) == 32 and all(ch in "0123456789abcdef" for ch in uid)


def log_queued_tap(session: Session, manager_id: int, *, uid: str, behaviour: str, tapped_at: datetime,
                   now: datetime | None = None) -> tuple[Entry, bool]:
    """A tap a phone saved while offline and sends when it is back: logged on the manager's
    local day of `tapped_at` (within the backdating window, never in the future). The phone's
    uid makes it idempotent: sending it again returns the entry already made, never a second
    one. Returns (entry, whether it was new)."""
    now = now or clock.now()
    if not _uid_ok(uid):
        raise FieldErrors({"uid": "error.tap_uid"})
    if tapped_at.tzinfo is None or tapped_at > now + CLOCK_SKEW:
        raise FieldErrors({"day": "error.day_in_future"})
    existing = session.exec(select(ActionLog).where(ActionLog.manager_id == manager_id, ActionLog.uid == uid)).first()
    if existing is not None:
        return to_entry(existing), False
    time_zone = session.exec(select(Manager.time_zone).where(Manager.id == manager_id)).one()
    today, day = local_day(now, time_zone), local_day(min(tapped_at, now), time_zone)
    _check(session, manager_id, behaviour, None, "", day, today)
    logged_that_day = session.exec(select(func.count()).select_from(ActionLog).where(
        ActionLog.manager_id == manager_id, ActionLog.day == day)).one()
    if logged_that_day >= MAX_QUEUED_PER_DAY:  # a script replaying fresh uids fills no table
        raise FieldErrors({"day": "error.tap_too_many"})
    row = ActionLog(uid=uid, manager_id=manager_id, behaviour=behaviour, micro_action=None, note="", day=day,
                    created_at=now, updated_at=now)
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # the same tap, sent twice at once: the other request made it
        session.rollback()
        found = session.exec(select(ActionLog).where(ActionLog.manager_id == manager_id, ActionLog.uid == uid)).one()
        return to_entry(found), False
    return to_entry(row), True
