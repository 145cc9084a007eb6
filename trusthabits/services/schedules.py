"""Editing the weekly schedules, and the status a manager sees: what comes next, what went out.

Times are shown in the manager's own zone (a team may live in another). A saved schedule sets
its `*_since` to now, so it never fires retroactively for a moment earlier in the week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from trusthabits.core import schedule_rules
from trusthabits.core.calendar import format_time
from trusthabits.core.i18n import translate
from trusthabits.db.models import Manager, OutboxMessage, PulseRound
from trusthabits.db.rows import required
from trusthabits.services import mail, pulse_rounds, scheduler
from trusthabits.services.teams import owned_team

STATUS_ROUNDS = 4


@dataclass(frozen=True)
class PulseScheduleForm:
    weekday: int
    time: str
    reminder_hours: int
    close_after_days: int
    zone: str


@dataclass(frozen=True)
class ReflectionScheduleForm:
    weekday: int
    time: str
    zone: str


@dataclass(frozen=True)
class RoundStatus:
    week: str
    sent: int
    failed: int
    waiting: int

    @property
    def undelivered(self) -> bool:
        """Opened, but not one mail got through and at least one failed or is erroring."""
        return self.sent == 0 and self.failed > 0


@dataclass(frozen=True)
class TeamStatus:
    next_pulse: str
    next_prompt: str
    rounds: list[RoundStatus]


def pulse_schedule(session: Session, manager_id: int, team_id: int) -> PulseScheduleForm:
    team = owned_team(session, manager_id, team_id)
    return PulseScheduleForm(team.pulse_weekday, team.pulse_time, team.reminder_hours, team.close_after_days,
                             team.time_zone)


def update_pulse_schedule(session: Session, manager_id: int, team_id: int, *, weekday: str | int, time: str,
                          reminder_hours: str | int, close_after_days: str | int, now: datetime) -> PulseScheduleForm:
    team = owned_team(session, manager_id, team_id)
    valid = schedule_rules.validate_pulse(weekday, time, reminder_hours, close_after_days, team.time_zone)
    team.pulse_weekday, team.pulse_time = valid.weekday, format_time(valid.at)
    team.reminder_hours, team.close_after_days, team.pulse_since = valid.reminder_hours, valid.close_after_days, now
    session.add(team)
    session.commit()
    return pulse_schedule(session, manager_id, team_id)


def reflection_schedule(session: Session, manager_id: int) -> ReflectionScheduleForm:
    manager = required(session, Manager, manager_id)
    return ReflectionScheduleForm(manager.reflect_weekday, manager.reflect_time, manager.time_zone)


def update_reflection_schedule(session: Session, manager_id: int, *, weekday: str | int, time: str,
                               now: datetime) -> ReflectionScheduleForm:
    manager = required(session, Manager, manager_id)
    valid = schedule_rules.validate_reflection(weekday, time, manager.time_zone)
    manager.reflect_weekday, manager.reflect_time = valid.weekday, format_time(valid.at)
    manager.reflect_since = now
    session.add(manager)
    session.commit()
    return reflection_schedule(session, manager_id)


def _when(moment: datetime, manager: Manager) -> str:
    day = translate(f"weekday.short.{moment.astimezone(ZoneInfo(manager.time_zone)).weekday()}", manager.locale)
    return f"{day} {pulse_rounds.local_time_text(moment, manager.time_zone)}"


def _round_status(session: Session, pulse_round: PulseRound) -> RoundStatus:
    counts = dict(session.exec(
        select(col(OutboxMessage.status), func.count()).where(
            col(OutboxMessage.idempotency_key).like(f"{pulse_rounds.INVITE_KIND}:{pulse_round.id}:%")
            | col(OutboxMessage.idempotency_key).like(f"{scheduler.REMIND_KIND}:{pulse_round.id}:%")
        ).group_by(OutboxMessage.status)
    ).all())
    waiting = counts.get(mail.QUEUED, 0) + counts.get(mail.SENDING, 0)
    return RoundStatus(pulse_round.iso_week, counts.get(mail.SENT, 0), counts.get(mail.FAILED, 0), waiting)


def team_status(session: Session, manager_id: int, team_id: int, now: datetime) -> TeamStatus:
    team = owned_team(session, manager_id, team_id)
    manager = required(session, Manager, manager_id)
    _, next_pulse = scheduler.team_schedule(team).weekly.next_after(now)
    _, next_prompt = scheduler.reflection_schedule(manager).next_after(now)
    rounds = session.exec(
        select(PulseRound).where(PulseRound.team_id == team.id)
        .order_by(col(PulseRound.iso_week).desc()).limit(STATUS_ROUNDS)
    ).all()
    return TeamStatus(_when(next_pulse, manager), _when(next_prompt, manager),
                      [_round_status(session, r) for r in rounds])
