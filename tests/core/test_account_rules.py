"""Pure account rules: email normalisation, password length, lockout windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from trusthabits.core import accounts

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [(" Ann@Example.com ", "ann@example.com"), ("bob.smith+team@sub.example.nl", "bob.smith+team@sub.example.nl")],
)
def test_emails_are_normalised(raw, normal):
    assert accounts.normalise_email(raw) == normal


@pytest.mark.parametrize("raw", ["", "ann", "ann@", "@example.com", "ann@example", "a b@example.com"])
def test_invalid_emails_are_refused(raw):
    with pytest.raises(ValueError, match="error.email_invalid"):
        accounts.normalise_email(raw)


def test_password_length_rules():
    assert accounts.password_error("x" * 9) == "error.password_too_short"
    assert accounts.password_error("x" * 10) is None
    assert accounts.password_error("x" * 1025) == "error.password_too_long"


def test_time_zones_and_languages():
    assert accounts.time_zone_error("Europe/Amsterdam") is None
    assert accounts.time_zone_error("America/New_York") is None
    assert accounts.time_zone_error("Europe/Atlantis") == "error.time_zone_invalid"
    assert accounts.language_error("nl") is None
    assert accounts.language_error("fr") == "error.language_invalid"
    assert "Europe/Amsterdam" in accounts.known_time_zones()


def test_four_failures_never_lock():
    assert accounts.lockout_until([T0 + timedelta(minutes=i) for i in range(4)]) is None


def test_five_failures_within_fifteen_minutes_lock_for_fifteen_minutes_from_the_fifth():
    failures = [T0 + timedelta(minutes=3 * i) for i in range(5)]  # 0, 3, …, 12 minutes
    assert accounts.lockout_until(failures) == T0 + timedelta(minutes=12 + 15)


def test_five_failures_spread_over_more_than_fifteen_minutes_do_not_lock():
    failures = [T0 + timedelta(minutes=4 * i) for i in range(5)]  # spans 16 minutes
    assert accounts.lockout_until(failures) is None


def test_the_latest_qualifying_burst_decides():
    early = [T0 + timedelta(minutes=i) for i in range(5)]
    late = [T0 + timedelta(minutes=40 + i) for i in range(5)]
    assert accounts.lockout_until(late + early) == T0 + timedelta(minutes=44 + 15)
