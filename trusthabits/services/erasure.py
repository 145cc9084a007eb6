"""Erasure on request: a manager deletes their account; a member's address is erased by the
manager or by the member.

Deleting an account walks the foreign keys of every table on `SQLModel.metadata`, children
first: whatever points at the manager (logs, habits, reflections, commitments, experiments,
teams, sessions, links, outbox) and, transitively, at what they own (members, rounds,
invitations, responses, comments) goes, including tables added after this was written, as long
as they reference their owner by a foreign key. The few rows that name an owner without one are
listed here by hand (`scheduled_send` targets, sign-in attempts by address); the test walks all
tables and fails if anything of the manager is left.

Erasing a member deletes their invitations, the mail in the manager's outbox to them, and their
member row. Past answers were never linked to a member (see the anonymity note in
db/models.py), so they stay as what they always were: anonymous answers counted in aggregates.
A member who erases their own address also asked for no more mail: their row stays as a
keyed hash of the address (`erased:` + HMAC), so pasting the address again does not add it
back, while the address itself is gone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import ColumnElement, Table, delete, or_
from sqlmodel import Session, SQLModel, col, select

from trusthabits.core import schedule_rules
from trusthabits.core.errors import FieldErrors, NotFound
from trusthabits.db.models import LoginAttempt, Manager, Member, OutboxMessage, ScheduledSend, Team
from trusthabits.db.rows import required, stored_id
from trusthabits.services import nudge, security, teams, unsubscribe

# What a `scheduled_send.target_id` points at, per kind (it has no foreign key). A new kind
# must be added here: tests/services/test_erasure.py checks every kind the scheduler handles.
TEAM_TARGETS = frozenset({schedule_rules.PULSE_OPEN, schedule_rules.PULSE_REMIND, schedule_rules.PULSE_CLOSE})
MANAGER_TARGETS = frozenset({schedule_rules.REFLECT_PROMPT, nudge.KIND})


def _delete_tree(session: Session, table: Table, where: ColumnElement[bool]) -> int:
    """Delete the rows of `table` matching `where` and, first, every row that references them
    through a foreign key, at any depth. Returns how many rows of `table` went."""
    for child in SQLModel.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                _delete_tree(session, child, fk.parent.in_(select(fk.column).where(where)))
    result = session.execute(delete(table).where(where))
    return int(getattr(result, "rowcount", 0) or 0)


def erase_manager(session: Session, manager_id: int) -> None:
    """Remove the manager and everything they own. Commits."""
    manager = required(session, Manager, manager_id)
    team_ids = [stored_id(t) for t in session.exec(select(Team).where(Team.manager_id == manager_id))]
    session.execute(delete(ScheduledSend).where(or_(
        col(ScheduledSend.kind).in_(MANAGER_TARGETS) & (col(ScheduledSend.target_id) == manager_id),
        col(ScheduledSend.kind).in_(TEAM_TARGETS) & col(ScheduledSend.target_id).in_(team_ids))))
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.email) == manager.email))
    session.expunge_all()
    _delete_tree(session, Manager.__table__, Manager.__table__.c.id == manager_id)  # type: ignore[attr-defined]
    session.commit()


def delete_account(session: Session, manager_id: int, *, password: str) -> None:
    """The manager deletes their own account: only with their password, asked again."""
    manager = required(session, Manager, manager_id)
    if not security.verify_password(manager.password_hash, password):
        raise FieldErrors({"delete_password": "error.current_password_wrong"})
    erase_manager(session, manager_id)


def _forget_member(session: Session, member: Member, manager_id: int) -> None:
    from trusthabits.db.models import Invitation

    session.execute(delete(Invitation).where(col(Invitation.member_id) == member.id))
    session.execute(delete(OutboxMessage).where(col(OutboxMessage.manager_id) == manager_id,
                                                col(OutboxMessage.to_address) == member.email))


def erase_member(session: Session, manager_id: int, team_id: int, member_id: int) -> None:
    """The manager erases a member of their team: nothing of the address remains. Commits."""
    team = teams.owned_team(session, manager_id, team_id)
    member = session.get(Member, member_id)
    if member is None or member.team_id != team.id:
        raise NotFound("member")
    _forget_member(session, member, manager_id)
    session.delete(member)
    session.commit()


def erase_own_address(session: Session, token: str, now: datetime) -> unsubscribe.Subscription:
    """The member, from their unsubscribe link: stop the mail and erase the address. Commits."""
    found = unsubscribe.unsubscribe(session, token, now)
    member = unsubscribe.member_for(session, token)
    team = required(session, Team, member.team_id)
    _forget_member(session, member, team.manager_id)
    # The link is signed over the address (services/unsubscribe.py): once the address is gone,
    # the link is dead too, and nothing that reaches this server identifies the member any more.
    member.email = unsubscribe.erased_marker(session, stored_id(team), member.email)
    member.active = False
    session.add(member)
    session.commit()
    return replace(found, erased=True)
