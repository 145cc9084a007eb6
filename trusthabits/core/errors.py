"""The errors a use case raises when it says no, shared by every layer.

Each carries message-catalogue keys, never text: the page translates them into the user's
language. `FieldErrors` names what is wrong with each form field (all at once, so the user fixes
everything in one go); `Refused` says why an action cannot happen at all; `NotFound` is the
same answer for "does not exist" and "is someone else's", so probing ids tells nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldErrors(Exception):
    """Validation failures by form field, each a message-catalogue key."""

    errors: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.errors)


class Refused(Exception):
    """An action that cannot happen; `key` is the catalogue text saying why."""

    def __init__(self, key: str, *details: object):
        super().__init__(key, *details)
        self.key = key


class NotFound(LookupError):
    """No such thing for this manager, whether it does not exist or belongs to someone else."""
