"""Habit strength and streaks: smoothing over ISO weeks, pauses that freeze, local days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from trusthabits.core.calendar import local_day, week_start
from trusthabits.core.scoring import Pause, habit_strength, weekly_counts

MONDAY = date(2026, 1, 5)  # ISO week 2026-W02


def twice_a_week(weeks: int, start: date = MONDAY) -> list[date]:
    return [start + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2)]


def test_score_rises_with_met_weeks_and_decays_gently():
    days = twice_a_week(6)
    after_six = habit_strength(days, 2, [], MONDAY + timedelta(weeks=6))
    assert 70 <= after_six.score < 100
    assert after_six.streak == 6
    one_missed = habit_strength(days, 2, [], MONDAY + timedelta(weeks=7))
    assert one_missed.streak == 0
    # One missed week costs a fifth of the score, not all of it.
    assert one_missed.score == round(after_six.score * 0.8)


def test_pause_freezes_score_and_streak():
    days = twice_a_week(4)
    before = habit_strength(days, 2, [], MONDAY + timedelta(weeks=4))
    holiday = Pause(MONDAY + timedelta(weeks=4), MONDAY + timedelta(weeks=6, days=2))
    during = habit_strength(days, 2, [holiday], MONDAY + timedelta(weeks=6, days=1))
    after = habit_strength(days, 2, [holiday], MONDAY + timedelta(weeks=7))
    assert (during.score, during.streak) == (before.score, before.streak) == (after.score, after.streak)
    assert during.paused_now and not after.paused_now
    # Without the pause the same gap costs score and streak.
    unpaused = habit_strength(days, 2, [], MONDAY + timedelta(weeks=7))
    assert unpaused.score < before.score and unpaused.streak == 0


def test_a_week_that_met_its_target_counts_even_when_paused():
    days = twice_a_week(3)
    pause = Pause(MONDAY + timedelta(weeks=2, days=4), MONDAY + timedelta(weeks=2, days=6))
    assert habit_strength(days, 2, [pause], MONDAY + timedelta(weeks=3)) == habit_strength(
        days, 2, [], MONDAY + timedelta(weeks=3)
    )


def test_running_week_only_counts_once_the_target_is_met():
    days = twice_a_week(2)
    base = habit_strength(days, 2, [], MONDAY + timedelta(weeks=2))
    one = habit_strength(days + [MONDAY + timedelta(weeks=2)], 2, [], MONDAY + timedelta(weeks=2, days=1))
    assert (one.score, one.streak, one.this_week) == (base.score, base.streak, 1)
    met = habit_strength(
        days + [MONDAY + timedelta(weeks=2), MONDAY + timedelta(weeks=2, days=1)], 2, [], MONDAY + timedelta(weeks=2,
            days=1)
    )
    assert met.score > base.score and met.streak == 3


def test_target_scales_a_weeks_contribution():
    one_a_week = [MONDAY + timedelta(weeks=w) for w in range(5)]
    full = habit_strength(one_a_week, 1, [], MONDAY + timedelta(weeks=5))
    half = habit_strength(one_a_week, 2, [], MONDAY + timedelta(weeks=5))
    assert full.streak == 5 and half.streak == 0
    assert half.score == round(full.score / 2)


def test_no_entries_means_zero():
    assert habit_strength([], 2, [], MONDAY).score == 0
    assert habit_strength([], 2, [], MONDAY).streak == 0


def test_late_evening_counts_for_that_local_day():
    # 23:30 in New York on 10 June is already 11 June in UTC.
    instant = datetime(2026, 6, 11, 3, 30, tzinfo=UTC)
    assert local_day(instant, "America/New_York") == date(2026, 6, 10)
    assert local_day(instant, "Europe/Amsterdam") == date(2026, 6, 11)


def test_week_boundaries_follow_the_local_clock_across_daylight_saving_changes():
    amsterdam = "Europe/Amsterdam"
    # Clocks go forward on Sunday 29 March 2026: Sunday 23:30 CEST is 21:30 UTC.
    spring_sunday = local_day(datetime(2026, 3, 29, 21, 30, tzinfo=UTC), amsterdam)
    spring_monday = local_day(datetime(2026, 3, 29, 22, 30, tzinfo=UTC), amsterdam)
    assert spring_sunday == date(2026, 3, 29) and week_start(spring_sunday) == date(2026, 3, 23)
    assert spring_monday == date(2026, 3, 30) and week_start(spring_monday) == date(2026, 3, 30)
    # Clocks go back on Sunday 25 October 2026: Sunday 23:30 CET is 22:30 UTC.
    autumn_sunday = local_day(datetime(2026, 10, 25, 22, 30, tzinfo=UTC), amsterdam)
    autumn_monday = local_day(datetime(2026, 10, 25, 23, 30, tzinfo=UTC), amsterdam)
    assert week_start(autumn_sunday) == date(2026, 10, 19)
    assert week_start(autumn_monday) == date(2026, 10, 26)
    # The week of a change has seven days like any other and is scored as one week.
    counts = weekly_counts([spring_sunday, spring_monday, autumn_sunday, autumn_monday])
    assert counts == {date(2026, 3, 23): 1, date(2026, 3, 30): 1, date(2026, 10, 19): 1, date(2026, 10, 26): 1}
    two_in_dst_week = [date(2026, 3, 23), spring_sunday]
    assert habit_strength(two_in_dst_week, 2, [], date(2026, 3, 30)).streak == 1
