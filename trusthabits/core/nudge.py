"""Rules of the daily nudge: a local time and the days of the week on which a manager wants one
reminder to log, in their own time zone.

Each nudge is keyed by (kind, manager, local day as YYYYMMDD), which is what makes it happen
once. A local time that does not exist on a spring-forward day moves forward by the gap; one
that happens twice in autumn takes its first occurrence (as `calendar.WeeklySchedule`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from trusthabits.core.calendar import DAYS_PER_WEEK, local_day, parse_time
from trusthabits.core.errors import FieldErrors

NUDGE_KIND = "daily_nudge"
DEFAULT_DAYS = (0, 1, 2, 3, 4)


def period_key(day: date) -> str:
    return day.strftime("%Y%m%d")


def parse_period(key: str) -> date:
    return datetime.strptime(key, "%Y%m%d").date()


def parse_days(raw: str) -> tuple[int, ...]:
    """Stored weekday digits ("01234") → (0, 1, 2, 3, 4); anything else is dropped."""
    return tuple(sorted({int(ch) for ch in raw or "" if ch.isdigit() and int(ch) < DAYS_PER_WEEK}))


def join_days(days: tuple[int, ...]) -> str:
    return "".join(str(day) for day in sorted(set(days)))


@dataclass(frozen=True)
class DailySchedule:
    days: tuple[int, ...]  # date.weekday() values
    at: time
    zone: str

    def __post_init__(self) -> None:
        ZoneInfo(self.zone)  # raises for an unknown zone

    def occurrence_on(self, day: date) -> datetime | None:
        """The UTC instant of the nudge on a local day, or None when that weekday is off."""
        if day.weekday() not in self.days:
            return None
        return datetime.combine(day, self.at, tzinfo=ZoneInfo(self.zone)).astimezone(UTC)

    def latest_at_or_before(self, instant: datetime) -> tuple[date, datetime] | None:
        today = local_day(instant, self.zone)
        for back in range(0, DAYS_PER_WEEK + 1):
            day = today - timedelta(days=back)
            due = self.occurrence_on(day)
            if due is not None and due <= instant:
                return day, due
        return None

    def next_after(self, instant: datetime) -> tuple[date, datetime] | None:
        today = local_day(instant, self.zone)
        for ahead in range(0, DAYS_PER_WEEK + 2):
            day = today + timedelta(days=ahead)
            due = self.occurrence_on(day)
            if due is not None and due > instant:
                return day, due
        return None


def validate(enabled: bool, at: str, days: list[str] | list[int], zone: str) -> DailySchedule | None:
    """None when the nudge is off; raises FieldErrors (catalogue keys) for a bad time or days."""
    if not enabled:
        return None
    errors = FieldErrors()
    try:
        clock = parse_time(at)
    except ValueError:
        errors.errors["nudge_time"] = "error.time_invalid"
        clock = time(0, 0)
    picked: set[int] = set()
    for raw in days:
        text = str(raw).strip()
        if not (text.isdigit() and len(text) == 1 and int(text) < DAYS_PER_WEEK):
            errors.errors["nudge_days"] = "error.nudge_days_invalid"
            break
        picked.add(int(text))
    if not picked and "nudge_days" not in errors.errors:
        errors.errors["nudge_days"] = "error.nudge_days_none"
    if errors:
        raise errors
    return DailySchedule(tuple(sorted(picked)), clock, zone)
