"""The one clock: what time it is for every service, the scheduler and the pages.

Everything asks `clock.now()` (an aware UTC datetime) or `clock.today_in(zone)` (someone's local
calendar day), never `datetime.now()`. Use cases that decide something about time also take a
`now` argument, so a test can pass the instant it means; what has no such argument follows
whichever clock is installed. A test, or a process started by a test, installs a fixed one with
`clock.frozen(at)` or `clock.install(FixedClock(at))`; production code reads no test switches.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from trusthabits.core.calendar import local_day


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still at `at` until moved on with `advance`."""

    at: datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("a FixedClock needs an aware datetime")
        self.at = self.at.astimezone(UTC)

    def now(self) -> datetime:
        return self.at

    def advance(self, by: timedelta) -> None:
        self.at += by


_installed: Clock = SystemClock()


def now() -> datetime:
    """This instant, aware, in UTC."""
    return _installed.now()


def today_in(zone: str) -> date:
    """Today's calendar day for someone in the IANA time zone `zone`."""
    return local_day(now(), zone)


def install(clock: Clock) -> Clock:
    """Make `clock` the one everything reads; returns the one it replaces."""
    global _installed
    previous, _installed = _installed, clock
    return previous


@contextmanager
def frozen(at: datetime) -> Iterator[FixedClock]:
    """`with clock.frozen(at) as fixed:` — time stands still at `at` (move it with
    `fixed.advance`) and runs on again afterwards."""
    fixed = FixedClock(at)
    previous = install(fixed)
    try:
        yield fixed
    finally:
        install(previous)
