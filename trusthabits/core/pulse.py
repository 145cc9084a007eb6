"""Rules of the weekly pulse that need no database: the anonymity threshold k, team names and
reading a pasted list of member emails. The aggregation of answers is `core/anonymity.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trusthabits.core.accounts import normalise_email
from trusthabits.core.input_rules import hidden_characters_error

# Below three answers a manager could work out who said what; never allow less.
MIN_K = 3
DEFAULT_K = 3
MAX_K = 50
MAX_TEAM_NAME_LENGTH = 80
MAX_MEMBERS_PER_PASTE = 200


def k_error(k: object) -> str | None:
    try:
        value = int(str(k).strip())
    except ValueError:
        return "error.k_invalid"
    return None if MIN_K <= value <= MAX_K else "error.k_invalid"


def team_name_error(name: str) -> str | None:
    name = (name or "").strip()
    if not name:
        return "error.team_name_required"
    if len(name) > MAX_TEAM_NAME_LENGTH:
        return "error.team_name_too_long"
    return hidden_characters_error(name, "team_name")


@dataclass(frozen=True)
class ParsedEmails:
    valid: list[str]
    invalid: list[tuple[str, str]]  # (what was typed, error key)


def parse_member_emails(pasted: str) -> ParsedEmails:
    """Emails pasted one per line or comma/semicolon-separated, normalised and de-duplicated.
    Invalid entries come back with the reason; valid ones are kept either way."""
    valid: list[str] = []
    invalid: list[tuple[str, str]] = []
    for raw in (part.strip() for part in re.split(r"[,;\n\r]+", pasted or "")):
        if not raw:
            continue
        if len(valid) + len(invalid) >= MAX_MEMBERS_PER_PASTE:
            invalid.append((raw, "error.too_many_members"))
            continue
        # Mail programs paste "Ann de Vries <ann@example.com>": keep the address.
        bracketed = re.search(r"<([^<>]+)>", raw)
        try:
            email = normalise_email(bracketed.group(1) if bracketed else raw)
        except ValueError as exc:
            invalid.append((raw, str(exc)))
            continue
        if email not in valid:
            valid.append(email)
    return ParsedEmails(valid, invalid)
