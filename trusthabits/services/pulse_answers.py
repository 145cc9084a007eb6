"""The team member's side of the pulse: open a link, answer, done. No account.

The token in `/pulse/<token>` is hostile input: it is only ever compared by hash, and every
answer is validated here. Submitting marks the invitation used and stores the response in one
transaction, and the response row gets nothing that could lead back to the invitation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from trusthabits.core import instrument as pulse_instrument
from trusthabits.core.pulse import MIN_K
from trusthabits.db.models import (
    Invitation,
    Manager,
    PulseComment,
    PulseResponse,
    PulseRound,
    Team,
)
from trusthabits.db.rows import required, stored_id
from trusthabits.services import security
from trusthabits.services.pulse_rounds import is_closed

MAX_TOKEN_LENGTH = 200


class PulseRefused(Exception):
    """The link cannot be used. `reason` is "unknown", "used" or "closed"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PulseForm:
    language: str
    manager_name: str
    team_name: str
    iso_week: str
    k: int  # the team's anonymity threshold, explained on the page
    items: list[tuple[str, str]]  # (item key, wording in the team's language)


def _usable(session: Session, token: str, now: datetime) -> tuple[Invitation, PulseRound, Team]:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise PulseRefused("unknown")
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == security.hash_token(token))
    ).first()
    if invitation is None:
        raise PulseRefused("unknown")
    pulse_round = required(session, PulseRound, invitation.round_id)
    if invitation.used_at is not None:
        raise PulseRefused("used")
    if is_closed(pulse_round, now):
        raise PulseRefused("closed")
    return invitation, pulse_round, required(session, Team, pulse_round.team_id)


def _items(pulse_round: PulseRound) -> tuple[pulse_instrument.Item, ...]:
    return pulse_instrument.instrument(pulse_round.instrument_version).items_for_week(pulse_round.iso_week)


def team_language(session: Session, token: str) -> str | None:
    """The language to show even a refusal in, when the token is known at all."""
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == security.hash_token(token or ""))
    ).first()
    if invitation is None:
        return None
    return required(session, Team, required(session, PulseRound, invitation.round_id).team_id).language


def open_pulse(session: Session, token: str, now: datetime) -> PulseForm:
    """What the answer page shows. Raises PulseRefused."""
    _, pulse_round, team = _usable(session, token, now)
    manager = required(session, Manager, team.manager_id)
    return PulseForm(
        language=team.language,
        manager_name=manager.name,
        team_name=team.name,
        iso_week=pulse_round.iso_week,
        k=max(team.k_threshold, MIN_K),
        items=[(item.key, item.text[team.language]) for item in _items(pulse_round)],
    )


def submit_pulse(session: Session, token: str, raw_answers: Mapping[str, object], comment: str | None,
                 now: datetime) -> None:
    """Store one anonymous response. Raises PulseRefused or InvalidAnswers; stores nothing then."""
    invitation, pulse_round, team = _usable(session, token, now)
    answers, text = pulse_instrument.clean_answers(_items(pulse_round), raw_answers, comment)
    try:
        # Conditional update: of two simultaneous submits with one link, only one wins.
        claimed = session.execute(
            update(Invitation).where(col(Invitation.id) == invitation.id, col(Invitation.used_at).is_(None))
            .values(used_at=now)
        )
        if not isinstance(claimed, CursorResult) or claimed.rowcount != 1:
            raise PulseRefused("used")
        session.add(PulseResponse(team_id=stored_id(team), iso_week=pulse_round.iso_week,
                                  instrument_version=pulse_round.instrument_version,
                                  answers=json.dumps(answers, sort_keys=True)))
        if text:
            session.add(PulseComment(team_id=stored_id(team), iso_week=pulse_round.iso_week, text=text))
        session.commit()
    except BaseException:
        session.rollback()
        raise
