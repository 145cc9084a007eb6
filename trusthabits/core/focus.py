"""Rules of a manager's personal focus: one to three behaviours in focus (shown first on Today,
named by the daily nudge and the reflection prompt), behaviours hidden from Today (their history
is kept, and they can be shown again at any time), and the manager's own micro-actions.

Errors are message-catalogue keys. Behaviour lists are stored as comma-separated keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trusthabits.core import behaviours

MAX_FOCUS = 3
MAX_OWN_PER_BEHAVIOUR = 20
MAX_OWN_LENGTH = 80
OWN_PREFIX = "own:"


def parse_keys(raw: str | None) -> list[str]:
    """Stored keys, in order, without unknown (retired) behaviours or repeats."""
    seen: list[str] = []
    for key in (raw or "").split(","):
        key = key.strip()
        if behaviours.is_behaviour(key) and key not in seen:
            seen.append(key)
    return seen


def join_keys(keys: Iterable[str]) -> str:
    return ",".join(keys)


def focus_error(keys: Sequence[str], hidden: Sequence[str]) -> str | None:
    """At most MAX_FOCUS known, distinct, visible behaviours (none is fine: no focus)."""
    if any(not behaviours.is_behaviour(key) for key in keys):
        return "error.behaviour_unknown"
    if len(set(keys)) != len(keys):
        return "error.focus_repeated"
    if len(keys) > MAX_FOCUS:
        return "error.focus_too_many"
    if any(key in hidden for key in keys):
        return "error.focus_hidden"
    return None


def hidden_error(hidden: Sequence[str]) -> str | None:
    """Unknown keys are refused, and at least one behaviour stays on Today."""
    if any(not behaviours.is_behaviour(key) for key in hidden):
        return "error.behaviour_unknown"
    if len(set(hidden)) >= len(behaviours.KEYS):
        return "error.hide_all"
    return None


def normalise_own_text(text: str | None) -> str:
    return " ".join((text or "").split())


def own_text_error(text: str, existing: Sequence[str]) -> str | None:
    """`text` is normalised. Any language: the manager's words are stored as typed."""
    if not text:
        return "error.own_micro_empty"
    if len(text) > MAX_OWN_LENGTH:
        return "error.own_micro_too_long"
    if any(not ch.isprintable() for ch in text):
        return "error.own_micro_invalid"
    if text.casefold() in {item.casefold() for item in existing}:
        return "error.own_micro_exists"
    if len(existing) >= MAX_OWN_PER_BEHAVIOUR:
        return "error.own_micro_too_many"
    return None


def own_key(own_id: int) -> str:
    return f"{OWN_PREFIX}{own_id}"


def own_id(micro_action: str | None) -> int | None:
    """The id in an `own:<id>` micro-action key, or None for a catalogue key."""
    if not micro_action or not micro_action.startswith(OWN_PREFIX):
        return None
    digits = micro_action[len(OWN_PREFIX):]
    return int(digits) if digits.isdigit() and len(digits) <= 18 else -1


def today_order(focus: Sequence[str], hidden: Sequence[str]) -> list[str]:
    """The behaviours Today shows, in order: those in focus first (in the order chosen), then the
    rest in catalogue order; hidden ones are left out."""
    shown = [key for key in focus if key not in hidden and behaviours.is_behaviour(key)]
    return shown + [key for key in behaviours.KEYS if key not in shown and key not in hidden]
