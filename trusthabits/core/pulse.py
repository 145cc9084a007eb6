"""Rules of the weekly pulse that need no database: ISO week keys, the anonymity threshold k,
the one aggregation every results view uses, and reading a pasted list of member emails."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import fmean

from trusthabits.core.accounts import normalise_email
from trusthabits.core.input_rules import hidden_characters_error
from trusthabits.core.instrument import NEEDS, TRUST, instrument

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
class Summary:
    """What a manager may see of one team-week. Means are None below the threshold."""

    answered: int
    k: int
    trust_index: float | None = None
    needs: dict[str, float | None] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.trust_index is not None


def summarise(responses: list[tuple[int, dict[str, int]]], k: int) -> Summary:
    """Aggregate (instrument version, answers) pairs of one team-week.

    The trust index is the mean over respondents of their mean trust score; each need's mean
    is over the answers to that need's item. Reverse items are flipped first. Nothing but the
    count is returned when fewer than k (never below MIN_K) people answered.
    """
    k = max(k, MIN_K)
    if len(responses) < k:
        return Summary(answered=len(responses), k=k)
    trust_means: list[float] = []
    by_need: dict[str, list[int]] = {need: [] for need in NEEDS}
    for version, answers in responses:
        scored = [(item.construct, item.score(value)) for key, value in answers.items()
                  if (item := instrument(version).item(key)) is not None]
        trust = [score for construct, score in scored if construct == TRUST]
        if trust:
            trust_means.append(fmean(trust))
        for construct, score in scored:
            if construct in by_need:
                by_need[construct].append(score)
    return Summary(
        answered=len(responses),
        k=k,
        trust_index=round(fmean(trust_means), 2) if trust_means else None,
        needs={need: round(fmean(scores), 2) if scores else None for need, scores in by_need.items()},
    )


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
