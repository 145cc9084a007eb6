"""Rules for manager accounts: what a valid name, email, password, language and time zone are.
Errors are message-catalogue keys. How fast sign-ins may be retried: core/signin_throttle.py."""

from __future__ import annotations

from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email

from trusthabits.core.i18n import LANGUAGES
from trusthabits.core.input_rules import hidden_characters_error

MIN_PASSWORD_LENGTH = 10
# Argon2 hashes any length, but an unbounded input is a cheap way to burn our CPU.
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 120


def normalise_email(raw: str) -> str:
    """The canonical form used for storage and lookup, or ValueError("error.email_invalid")."""
    try:
        result = validate_email((raw or "").strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError("error.email_invalid") from exc
    return result.normalized.lower()


def name_error(name: str) -> str | None:
    name = (name or "").strip()
    if not name:
        return "error.name_required"
    if len(name) > MAX_NAME_LENGTH:
        return "error.name_too_long"
    # A name goes into mail subjects and other people's inboxes: one line, shown as typed.
    return hidden_characters_error(name, "name")


def password_error(password: str) -> str | None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return "error.password_too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "error.password_too_long"
    return None


def language_error(language: str) -> str | None:
    return None if language in LANGUAGES else "error.language_invalid"


def time_zone_error(time_zone: str) -> str | None:
    return None if time_zone in _known_time_zones() else "error.time_zone_invalid"


def known_time_zones() -> list[str]:
    return sorted(_known_time_zones())


def _known_time_zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(z for z in available_timezones() if "/" in z or z == "UTC")
    return _ZONES


_ZONES: frozenset[str] | None = None
