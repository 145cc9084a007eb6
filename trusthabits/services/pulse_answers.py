"""The team member's side of the pulse: open a link, answer, done. No account.

The token in `/pulse/<token>` is hostile input: it is only ever compared by hash, and every
answer is validated here. Submitting flips the invitation's plain `used` flag and holds the
answer apart (held_answer / held_comment: no invitation, no time, random ids, rewritten in a
fresh random order by every answer) in one transaction; the round's closing transaction writes
the held answers as its responses in shuffled order (services/pulse_rounds.py: `finalize`), so
nothing stored after the close links an answer to a person.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, insert, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from trusthabits.core import instrument as pulse_instrument
from trusthabits.core.pulse import MIN_K
from trusthabits.db.models import (
    HeldAnswer,
    HeldComment,
    Invitation,
    Manager,
    PulseRound,
    Team,
    random_id,
)
from trusthabits.db.rows import required, stored_id
from trusthabits.services import security
from trusthabits.services.pulse_rounds import is_closed

MAX_TOKEN_LENGTH = 200
_shuffle = secrets.SystemRandom().shuffle


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
    links_by_hand: bool = False  # no mail server: the manager handed the links out and could read them
    public_id: str = ""  # the team's public "how anonymous?" page: /anonymity/<public_id>


def _usable(session: Session, token: str, now: datetime) -> tuple[Invitation, PulseRound, Team]:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise PulseRefused("unknown")
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == security.hash_token(token))
    ).first()
    if invitation is None:
        raise PulseRefused("unknown")
    pulse_round = required(session, PulseRound, invitation.round_id)
    if invitation.used:
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
        links_by_hand=pulse_round.links_by_hand,
        public_id=team.public_id,
    )


def submit_pulse(session: Session, token: str, raw_answers: Mapping[str, object], comment: str | None,
                 now: datetime) -> None:
    """Hold one anonymous answer until the round closes. Raises PulseRefused or InvalidAnswers;
    stores nothing then. A round that closed (or is closing) takes no more answers."""
    invitation, pulse_round, _ = _usable(session, token, now)
    answers, text = pulse_instrument.clean_answers(_items(pulse_round), raw_answers, comment)
    round_id = stored_id(pulse_round)
    still_open = (col(PulseRound.id) == round_id, col(PulseRound.closed_at).is_(None), col(PulseRound.closes_at) > now)
    try:
        # PostgreSQL: lock the round's row, so the answers of one round are stored one after the
        # other and a closing transaction waits for this one and then sees it (or has committed,
        # and this finds the round closed). SQLite ignores it; there the write lock that the
        # UPDATE below takes does the same.
        if session.exec(select(PulseRound.id).where(*still_open).with_for_update()).first() is None:
            raise PulseRefused("closed")
        # Conditional update: of two simultaneous submits with one link, only one wins; and not
        # once the round has closed.
        claimed = session.execute(
            update(Invitation).where(col(Invitation.id) == invitation.id, col(Invitation.used).is_(False),
                                     exists().where(*still_open))
            .values(used=True)
        )
        if not isinstance(claimed, CursorResult) or claimed.rowcount != 1:
            closed = session.exec(select(PulseRound.id).where(*still_open)).first() is None
            raise PulseRefused("closed" if closed else "used")
        _hold(session, HeldAnswer, round_id, json.dumps(answers, sort_keys=True))
        if text:
            _hold(session, HeldComment, round_id, text)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _hold(session: Session, table: type[HeldAnswer] | type[HeldComment], round_id: int, value: str) -> None:
    """Add `value` to the round's held rows by writing them all again in a fresh random order
    with new random ids: a copy of the database taken while the round is open shows the held
    answers in no particular order (not in the order people answered), all written by the
    latest answer's transaction."""
    column = HeldAnswer.answers if table is HeldAnswer else HeldComment.text
    held = [*session.exec(select(column).where(col(table.round_id) == round_id)), value]
    _shuffle(held)
    session.execute(delete(table).where(col(table.round_id) == round_id))
    key = "answers" if table is HeldAnswer else "text"
    session.execute(insert(table), [{"id": random_id(), "round_id": round_id, key: item} for item in held])
