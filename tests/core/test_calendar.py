"""ISO weeks and weekly schedules in local time, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from trusthabits.core.calendar import (
    WeeklySchedule,
    iso_week_key,
    local_day,
    local_week_key,
    shift_week,
    week_monday,
)

UTC = UTC
FRIDAY = 4


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_iso_week_keys_and_year_boundaries():
    assert iso_week_key(date(2026, 11, 26)) == "2026-W48"
    assert iso_week_key(date(2027, 1, 1)) == "2026-W53"  # 2026 has 53 ISO weeks
    assert iso_week_key(date(2027, 1, 4)) == "2027-W01"
    assert week_monday("2026-W53") == date(2026, 12, 28)
    assert shift_week("2026-W53", 1) == "2027-W01"
    assert shift_week("2027-W01", -1) == "2026-W53"


def test_late_evening_counts_for_the_local_day_and_week():
    # Sunday 23:30 in Amsterdam (winter) is Sunday 22:30 UTC.
    sunday_night = utc(2026, 11, 29, 22, 30)
    assert local_day(sunday_night, "Europe/Amsterdam") == date(2026, 11, 29)
    assert local_week_key(sunday_night, "Europe/Amsterdam") == "2026-W48"
    # 23:30 Sunday in New York is Monday 04:30 UTC: still Sunday, still week 48 for them.
    ny_sunday_night = utc(2026, 11, 30, 4, 30)
    assert local_day(ny_sunday_night, "America/New_York") == date(2026, 11, 29)
    assert local_week_key(ny_sunday_night, "America/New_York") == "2026-W48"
    assert local_week_key(ny_sunday_night, "Europe/Amsterdam") == "2026-W49"


@pytest.mark.parametrize(
    ("week", "expected_utc"),
    [
        ("2026-W12", utc(2026, 3, 20, 12, 0)),  # before spring-forward (29 March): CET, UTC+1
        ("2026-W13", utc(2026, 3, 27, 12, 0)),  # the Friday before the change: still CET
        ("2026-W14", utc(2026, 4, 3, 11, 0)),  # after: CEST, UTC+2
        ("2026-W43", utc(2026, 10, 23, 11, 0)),  # before fall-back (25 October): CEST
        ("2026-W44", utc(2026, 10, 30, 12, 0)),  # after: CET
    ],
)
def test_friday_13_00_amsterdam_stays_13_00_local_across_dst(week, expected_utc):
    schedule = WeeklySchedule(FRIDAY, time(13, 0), "Europe/Amsterdam")
    due = schedule.occurrence_in(week)
    assert due == expected_utc
    assert due.astimezone(ZoneInfo("Europe/Amsterdam")).time() == time(13, 0)


def test_new_york_manager_gets_local_time_across_their_own_dst_dates():
    schedule = WeeklySchedule(FRIDAY, time(16, 0), "America/New_York")
    assert schedule.occurrence_in("2026-W10") == utc(2026, 3, 6, 21, 0)  # EST, UTC-5
    assert schedule.occurrence_in("2026-W11") == utc(2026, 3, 13, 20, 0)  # EDT from 8 March


def test_a_wall_clock_time_skipped_by_spring_forward_moves_forward():
    schedule = WeeklySchedule(6, time(2, 30), "Europe/Amsterdam")  # Sunday 02:30
    assert schedule.occurrence_in("2026-W13") == utc(2026, 3, 29, 1, 30)  # = 03:30 CEST


def test_a_repeated_wall_clock_time_happens_once_at_its_first_occurrence():
    schedule = WeeklySchedule(6, time(2, 30), "Europe/Amsterdam")
    assert schedule.occurrence_in("2026-W43") == utc(2026, 10, 25, 0, 30)  # 02:30 CEST


def test_next_after_and_latest_at_or_before():
    schedule = WeeklySchedule(FRIDAY, time(13, 0), "Europe/Amsterdam")
    assert schedule.next_after(utc(2026, 11, 27, 11, 59)) == ("2026-W48", utc(2026, 11, 27, 12, 0))
    assert schedule.next_after(utc(2026, 11, 27, 12, 0)) == ("2026-W49", utc(2026, 12, 4, 12, 0))
    assert schedule.latest_at_or_before(utc(2026, 11, 27, 12, 0)) == ("2026-W48", utc(2026, 11, 27, 12, 0))
    assert schedule.latest_at_or_before(utc(2026, 11, 27, 11, 59)) == ("2026-W47", utc(2026, 11, 20, 12, 0))


def test_invalid_schedules_are_refused():
    with pytest.raises(ValueError):
        WeeklySchedule(7, time(9, 0), "Europe/Amsterdam")
    with pytest.raises(ZoneInfoNotFoundError):
        WeeklySchedule(0, time(9, 0), "Mars/Olympus_Mons")
