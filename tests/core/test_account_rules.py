"""Pure account rules: email normalisation, password length, time zones and languages."""

from __future__ import annotations

import pytest

from trusthabits.core import accounts


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
