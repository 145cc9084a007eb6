"""Habit strength: a 0–100 score per behaviour that rises and decays gently, and a streak of
weeks that met the manager's weekly target. Pure functions over dates; no database.

The score follows the idea of Loop Habit Tracker's: exponential smoothing, here over ISO weeks
(Monday–Sunday in the manager's time zone, so callers pass local days). Each finished week
moves the score a fraction `SMOOTHING` of the way towards that week's result, where a week's
result is min(count / target, 1). One good week after a long gap does not make a habit, and
one missed week does not destroy one.

Pauses (holiday, sick leave) freeze instead of punishing: a week that touches a pause and did
not meet its target leaves score and streak exactly as they were. A week that met the target
always counts, paused or not. The running week can only help: it counts once it has met the
target, and until then the score shows where the finished weeks left it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trusthabits.core.calendar import week_start

DEFAULT_TARGET = 2
MIN_TARGET, MAX_TARGET = 1, 7
# A week moves the score 20 % of the way to its result: about 3 weeks to half-forget.
SMOOTHING = 0.2
# Every habit computation checks each week against every pause: both stay bounded. A pause lies
# between EARLIEST_DAY (core/input_rules.py) and a year ahead.
MAX_PAUSES = 50
PAUSE_AHEAD_DAYS = 366


@dataclass(frozen=True)
class Pause:
    start: date
    end: date  # inclusive

    def touches_week(self, monday: date) -> bool:
        return self.start <= monday + timedelta(days=6) and self.end >= monday


@dataclass(frozen=True)
class HabitStrength:
    score: int  # 0–100
    streak: int  # weeks in a row that met the target (paused weeks skipped)
    this_week: int  # entries in the running week
    target: int
    paused_now: bool


def target_error(target: int) -> str | None:
    return None if isinstance(target, int) and MIN_TARGET <= target <= MAX_TARGET else "error.target_invalid"


def pause_error(start: date, end: date) -> str | None:
    return "error.pause_order" if end < start else None


def weekly_counts(days: Iterable[date]) -> Counter[date]:
    """Entries per week, keyed by the week's Monday."""
    return Counter(week_start(day) for day in days)


def _is_paused(monday: date, pauses: Iterable[Pause]) -> bool:
    return any(p.touches_week(monday) for p in pauses)


def habit_strength(days: Iterable[date], target: int, pauses: Iterable[Pause], today: date) -> HabitStrength:
    """The strength of one behaviour's habit on `today`, from the local days it was logged."""
    pauses = tuple(pauses)
    counts = weekly_counts(d for d in days if d <= today)
    current = week_start(today)
    score, streak = 0.0, 0
    if counts:
        monday = min(counts)
        while monday < current:
            count = counts.get(monday, 0)
            met = count >= target
            if met or not _is_paused(monday, pauses):
                score += SMOOTHING * (min(count / target, 1.0) - score)
                streak = streak + 1 if met else 0
            monday += timedelta(days=7)
    this_week = counts.get(current, 0)
    if this_week >= target:
        score += SMOOTHING * (1.0 - score)
        streak += 1
    return HabitStrength(
        score=round(score * 100),
        streak=streak,
        this_week=this_week,
        target=target,
        paused_now=any(p.start <= today <= p.end for p in pauses),
    )
