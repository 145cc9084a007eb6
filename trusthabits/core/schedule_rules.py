"""Rules of the weekly rhythm: what a valid pulse or reflection schedule is, and which sends fall
due when.

A team's pulse opens at its weekday/time in the team's zone, reminds non-responders
`reminder_hours` later and closes `close_after_days` after opening. A manager's reflection
prompt goes out at their weekday/time in their own zone. Each send is keyed by (kind, target,
ISO week), which is what makes it happen once; `calendar.WeeklySchedule` does the DST arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from trusthabits.core.calendar import WeeklySchedule, parse_time
from trusthabits.core.errors import FieldErrors

PULSE_OPEN, PULSE_REMIND, PULSE_CLOSE, REFLECT_PROMPT = "pulse_open", "pulse_remind", "pulse_close", "reflect_prompt"
TEAM_KINDS = (PULSE_OPEN, PULSE_REMIND, PULSE_CLOSE)
REMINDER_HOURS = (1, 24 * 7)
CLOSE_AFTER_DAYS = (1, 6)  # a round must close before the next week's opens


@dataclass(frozen=True)
class PulseSchedule:
    weekday: int
    at: time
    zone: str
    reminder_hours: int = 48
    close_after_days: int = 5

    @property
    def weekly(self) -> WeeklySchedule:
        return WeeklySchedule(self.weekday, self.at, self.zone)

    def reminder_due(self, opens: datetime) -> datetime | None:
        """No reminder when it would come at or after the close."""
        due = opens + timedelta(hours=self.reminder_hours)
        return due if due < self.closes(opens) else None

    def closes(self, opens: datetime) -> datetime:
        return opens + timedelta(days=self.close_after_days)


def validate_pulse(weekday: str | int, at: str, reminder_hours: str | int, close_after_days: str | int,
                   zone: str) -> PulseSchedule:
    errors = FieldErrors()
    day = _weekday(weekday, errors)
    clock = _clock(at, errors)
    hours = _number(reminder_hours, REMINDER_HOURS, "reminder_hours", "error.reminder_hours", errors)
    days = _number(close_after_days, CLOSE_AFTER_DAYS, "close_after_days", "error.close_after_days", errors)
    if errors:
        raise errors
    return PulseSchedule(day, clock, zone, hours, days)


def validate_reflection(weekday: str | int, at: str, zone: str) -> WeeklySchedule:
    errors = FieldErrors()
    day = _weekday(weekday, errors)
    clock = _clock(at, errors)
    if errors:
        raise errors
    return WeeklySchedule(day, clock, zone)


def _weekday(raw: str | int, errors: FieldErrors) -> int:
    try:
        day = int(raw)
    except (TypeError, ValueError):
        day = -1
    if not 0 <= day <= 6:
        errors.errors["weekday"] = "error.weekday_invalid"
    return day


def _clock(raw: str, errors: FieldErrors) -> time:
    try:
        return parse_time(raw)
    except ValueError:
        errors.errors["time"] = "error.time_invalid"
        return time(0, 0)


def _number(raw: str | int, bounds: tuple[int, int], field: str, key: str, errors: FieldErrors) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = bounds[0] - 1
    if not bounds[0] <= value <= bounds[1]:
        errors.errors[field] = key
    return value
