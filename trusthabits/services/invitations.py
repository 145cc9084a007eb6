"""Taking a member's links back: a member who is deactivated or unsubscribes keeps no link to a
round that still works (services/teams.py and services/unsubscribe.py call this)."""

from __future__ import annotations

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from trusthabits.db.models import Invitation, OutboxMessage, PulseRound
from trusthabits.services import mail

INVITE_KIND = "pulse_invite"


def revoke_open_links(session: Session, member_id: int) -> int:
    """Remove the member's unused invitations to rounds still open, with the invitation and
    reminder mail not yet sent. An answer already given stays (it cannot be told apart from the
    others). Does not commit. Returns how many invitations were removed."""
    rows = session.exec(
        select(Invitation, PulseRound).join(PulseRound, col(PulseRound.id) == col(Invitation.round_id))
        .where(Invitation.member_id == member_id, col(Invitation.used).is_(False),
               col(PulseRound.closed_at).is_(None))
    ).all()
    for invitation, pulse_round in rows:
        keys = [f"{kind}:{pulse_round.id}:{member_id}" for kind in (INVITE_KIND, *mail.PRIVATE_KINDS)]
        session.execute(delete(OutboxMessage).where(
            col(OutboxMessage.idempotency_key).in_(keys),
            or_(col(OutboxMessage.status) == mail.QUEUED, col(OutboxMessage.status) == mail.FAILED)))
        session.delete(invitation)
    return len(rows)
