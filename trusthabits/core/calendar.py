"""Calendar and week rules: local days, ISO weeks, clock times, and weekly local-time schedules
that stay correct across daylight-saving changes. The one home for date arithmetic.

Days are always someone's local calendar days: an instant becomes a day in an IANA time zone
once, at the edge (`local_day`), and everything after that works with dates. A week runs
Monday to Sunday (ISO 8601) and is keyed "2026-W48".

A schedule is "every <weekday> at <hh:mm> in <IANA zone>". Its occurrence in an ISO week is
that local wall-clock time converted to UTC with the zone's offset *on that date*, so a team at
Friday 13:00 Europe/Amsterdam is asked at 12:00 UTC in winter and 11:00 UTC in summer. The ISO
week ("2026-W48") is the period key that makes every weekly send happen once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS_PER_WEEK = 7
# Where a new account or team starts when nothing better is known (the browser usually says).
DEFAULT_TIME_ZONE = "Europe/Amsterdam"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def iso_week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"  # four digits: keys sort as text in calendar order


def parse_iso_week(key: str) -> tuple[int, int]:
    year, _, week = key.partition("-W")
    return int(year), int(week)


def week_monday(key: str) -> date:
    year, week = parse_iso_week(key)
    return date.fromisocalendar(year, week, 1)


def shift_week(key: str, weeks: int) -> str:
    return iso_week_key(week_monday(key) + timedelta(weeks=weeks))


def local_day(instant: datetime, zone: str) -> date:
    """The calendar day an aware instant falls on for someone in `zone`."""
    if instant.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return instant.astimezone(ZoneInfo(zone)).date()


def local_week_key(instant: datetime, zone: str) -> str:
    return iso_week_key(local_day(instant, zone))


def week_start(day: date) -> date:
    """The Monday of the ISO week `day` belongs to."""
    return day - timedelta(days=day.weekday())


def week_days(day: date) -> list[date]:
    start = week_start(day)
    return [start + timedelta(days=offset) for offset in range(DAYS_PER_WEEK)]


def parse_day(raw: str) -> date | None:
    """A YYYY-MM-DD string from a date field, or None when it is not one."""
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def parse_time(raw: str) -> time:
    """'9:05' or '09:05' → time(9, 5); anything else raises ValueError('error.time_invalid')."""
    match = _TIME.match((raw or "").strip())
    if not match:
        raise ValueError("error.time_invalid")
    return time(int(match.group(1)), int(match.group(2)))


def format_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


@dataclass(frozen=True)
class WeeklySchedule:
    weekday: int  # 0 = Monday … 6 = Sunday, as date.weekday()
    at: time
    zone: str

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        ZoneInfo(self.zone)  # raises for an unknown zone

    def occurrence_in(self, week_key: str) -> datetime:
        """The UTC instant of this schedule in the given ISO week.

        A wall-clock time that does not exist (skipped by a spring-forward change) moves forward
        by the gap; an ambiguous one (repeated in autumn) takes its first occurrence.
        """
        day = week_monday(week_key) + timedelta(days=self.weekday)
        # fold=0 gives exactly the documented behaviour: the pre-transition offset for both a
        # skipped and a repeated wall-clock time.
        local = datetime.combine(day, self.at, tzinfo=ZoneInfo(self.zone))
        return local.astimezone(UTC)

    def next_after(self, instant: datetime) -> tuple[str, datetime]:
        """The first occurrence strictly after `instant`, with its ISO week key."""
        week = local_week_key(instant, self.zone)
        for offset in range(0, 3):
            key = shift_week(week, offset)
            due = self.occurrence_in(key)
            if due > instant:
                return key, due
        raise AssertionError("a weekly schedule always occurs within three weeks")  # pragma: no cover

    def latest_at_or_before(self, instant: datetime) -> tuple[str, datetime]:
        """The most recent occurrence at or before `instant` (what a catch-up should consider)."""
        week = local_week_key(instant, self.zone)
        for offset in range(0, -3, -1):
            key = shift_week(week, offset)
            due = self.occurrence_in(key)
            if due <= instant:
                return key, due
        raise AssertionError("a weekly schedule always occurs within three weeks")  # pragma: no cover
