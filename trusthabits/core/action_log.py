"""Rules of the daily action log: what a valid entry is and how far back it may be dated.

Days are the manager's local calendar days (`core/calendar.py` turns an instant into one).
Errors are message-catalogue keys.
"""

from __future__ import annotations

from datetime import date, timedelta

from trusthabits.core import behaviours
from trusthabits.core.input_rules import hidden_characters_error

MAX_NOTE_LENGTH = 280
BACKDATE_DAYS = 7


def earliest_allowed_day(today: date) -> date:
    return today - timedelta(days=BACKDATE_DAYS)


def day_error(day: date, today: date) -> str | None:
    """Entries may be dated today or up to BACKDATE_DAYS back, never in the future."""
    if day > today:
        return "error.day_in_future"
    if day < earliest_allowed_day(today):
        return "error.day_too_old"
    return None


def note_error(note: str) -> str | None:
    if len(note or "") > MAX_NOTE_LENGTH:
        return "error.note_too_long"
    return hidden_characters_error(note, "note", multiline=True)


def normalise_note(note: str | None) -> str:
    # Trailing spaces and newlines add nothing; the text itself is never shortened.
    return (note or "").strip()


def entry_errors(behaviour: str, micro_action: str | None, note: str, day: date, today: date) -> dict[str, str]:
    """Every problem with an entry, by field. Empty when the entry is valid."""
    errors: dict[str, str] = {}
    if not behaviours.is_behaviour(behaviour):
        errors["behaviour"] = "error.behaviour_unknown"
    elif micro_action and not behaviours.is_micro_action(behaviour, micro_action):
        errors["micro_action"] = "error.micro_action_unknown"
    if key := note_error(note):
        errors["note"] = key
    if key := day_error(day, today):
        errors["day"] = key
    return errors
