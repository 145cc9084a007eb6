"""The one clock: fixed in tests, the system's otherwise, and everything reads the installed one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from trusthabits.core import clock

INSTANT = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)


def test_a_frozen_clock_stands_still_moves_on_request_and_is_undone_afterwards():
    with clock.frozen(INSTANT) as fixed:
        assert clock.now() == INSTANT
        assert clock.today_in("Europe/Amsterdam") == date(2026, 11, 28)  # already Saturday there
        assert clock.today_in("America/New_York") == date(2026, 11, 27)
        fixed.advance(timedelta(hours=1))
        assert clock.now() == INSTANT + timedelta(hours=1)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_clock_is_always_aware_utc():
    assert clock.now().tzinfo is UTC
    with pytest.raises(ValueError):
        clock.FixedClock(datetime(2026, 11, 27, 12, 0))
    amsterdam_noon = datetime.fromisoformat("2026-11-27T12:00:00+01:00")
    assert clock.FixedClock(amsterdam_noon).now() == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)


def test_rows_created_under_a_frozen_clock_carry_its_time(session):
    from trusthabits.services import accounts

    with clock.frozen(INSTANT):
        accounts.register(session, name="Ann", email="ann@example.com", password="long enough pw",
                          locale="en", time_zone="Europe/Amsterdam")
    from sqlmodel import select

    from trusthabits.db.models import Manager

    assert session.exec(select(Manager)).one().created_at == INSTANT
