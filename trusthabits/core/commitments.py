"""Commitments: "what I'll try next week" as a behaviour and a micro-action, and the "did you?"
asked a week later.

A commitment made in the reflection of ISO week W is for week W + 1; the reflection of W + 1
asks whether it happened, with that week's matching log entries already listed and an answer
suggested from them. Errors are catalogue keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from trusthabits.core import behaviours
from trusthabits.core.calendar import shift_week

YES, PARTLY, NO = "yes", "partly", "no"
OUTCOMES = (YES, PARTLY, NO)


def for_week(made_in_week: str) -> str:
    """The week a commitment made in `made_in_week`'s reflection is for."""
    return shift_week(made_in_week, 1)


def made_in(week: str) -> str:
    """The reflection week in which the commitment for `week` was made."""
    return shift_week(week, -1)


def choice_errors(behaviour: str, micro_action: str | None) -> dict[str, str]:
    if not behaviours.is_behaviour(behaviour):
        return {"commit_behaviour": "error.behaviour_unknown"}
    if micro_action and not behaviours.is_micro_action(behaviour, micro_action):
        return {"commit_micro_action": "error.micro_action_unknown"}
    return {}


def outcome_error(outcome: str) -> str | None:
    return None if outcome in OUTCOMES else "error.outcome_unknown"


def suggested_outcome(micro_action: str | None, logged: Iterable[str | None]) -> str:
    """From the week's entries of the committed behaviour (their micro-actions): "yes" when the
    chosen micro-action (or, without one, the behaviour) was logged, "partly" when the behaviour
    was logged but not that micro-action, else "no"."""
    logged = list(logged)
    if not logged:
        return NO
    if micro_action is None or micro_action in logged:
        return YES
    return PARTLY
