"""A manager's teams and their members: create a team, paste member emails, deactivate.

Every function takes the signed-in `manager_id` and reaches a team only through
`owned_team`, so one manager can never read or change another manager's team.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from trusthabits.config import get_settings
from trusthabits.core import accounts as account_rules
from trusthabits.core import clock
from trusthabits.core import pulse as rules
from trusthabits.core.errors import FieldErrors, NotFound, Refused
from trusthabits.db.models import Member, Team
from trusthabits.db.rows import stored_id
from trusthabits.services import invitations, unsubscribe


class TeamNotFound(NotFound):
    """No such team for this manager (whether it does not exist or is someone else's)."""


@dataclass(frozen=True)
class TeamSummary:
    id: int
    name: str
    language: str
    time_zone: str
    k: int
    active_members: int
    # Members who used their unsubscribe link: a count only, never who.
    unsubscribed: int = 0
    public_id: str = ""  # the team's public "how anonymous?" page: /anonymity/<public_id>


@dataclass(frozen=True)
class MemberInfo:
    id: int
    email: str
    active: bool


@dataclass(frozen=True)
class AddedMembers:
    added: list[str]
    already: list[str]
    invalid: list[tuple[str, str]]  # (what was typed, error key)
    # Valid addresses left out because the team would pass TRUSTHABITS_MAX_MEMBERS_PER_TEAM.
    over_limit: list[str] = field(default_factory=list)


def owned_team(session: Session, manager_id: int, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None or team.manager_id != manager_id:
        raise TeamNotFound(team_id)
    return team


def _active_count(session: Session, team_id: int) -> int:
    return session.exec(select(func.count()).select_from(Member).where(Member.team_id == team_id, Member.active)).one()


def _summary(session: Session, team: Team) -> TeamSummary:
    unsubscribed = session.exec(select(func.count()).select_from(Member).where(
        Member.team_id == team.id, col(Member.unsubscribed_at).is_not(None))).one()
    return TeamSummary(stored_id(team), team.name, team.language, team.time_zone, team.k_threshold,
                       _active_count(session, stored_id(team)), unsubscribed, team.public_id)


def create_team(
    session: Session, manager_id: int, *, name: str, language: str, time_zone: str, k: object = rules.DEFAULT_K
) -> TeamSummary:
    checks = {
        "name": rules.team_name_error(name),
        "language": account_rules.language_error(language),
        "time_zone": account_rules.time_zone_error(time_zone),
        "k": rules.k_error(k),
    }
    if errors := {field: key for field, key in checks.items() if key}:
        raise FieldErrors(errors)
    owned = session.exec(select(func.count()).select_from(Team).where(Team.manager_id == manager_id)).one()
    if owned >= get_settings().max_teams_per_manager:
        raise FieldErrors({"name": "error.too_many_teams"})
    team = Team(manager_id=manager_id, name=name.strip(), language=language, time_zone=time_zone,
                k_threshold=int(str(k).strip()), created_at=clock.now())
    session.add(team)
    session.commit()
    session.refresh(team)
    return _summary(session, team)


def list_teams(session: Session, manager_id: int) -> list[TeamSummary]:
    teams = session.exec(select(Team).where(Team.manager_id == manager_id).order_by(col(Team.name), col(Team.id))).all()
    return [_summary(session, team) for team in teams]


def get_team(session: Session, manager_id: int, team_id: int) -> TeamSummary:
    return _summary(session, owned_team(session, manager_id, team_id))


def list_members(session: Session, manager_id: int, team_id: int) -> list[MemberInfo]:
    owned_team(session, manager_id, team_id)
    members = session.exec(
        select(Member).where(Member.team_id == team_id, ~col(Member.email).startswith(unsubscribe.ERASED))
        .order_by(col(Member.active).desc(), col(Member.email))
    ).all()
    return [MemberInfo(stored_id(m), m.email, m.active) for m in members]


def add_members(session: Session, manager_id: int, team_id: int, pasted: str) -> AddedMembers:
    """Add every valid address (reactivating one that was deactivated) while the team has room
    (TRUSTHABITS_MAX_MEMBERS_PER_TEAM active members); report the rest. An address that
    unsubscribed stays unsubscribed: pasting it again does not make it receive mail."""
    owned_team(session, manager_id, team_id)
    parsed = rules.parse_member_emails(pasted)
    existing = {m.email: m for m in session.exec(select(Member).where(Member.team_id == team_id))}
    room = get_settings().max_members_per_team - _active_count(session, team_id)
    added: list[str] = []
    already: list[str] = []
    over_limit: list[str] = []
    for email in parsed.valid:
        member = existing.get(email) or existing.get(unsubscribe.erased_marker(session, team_id, email))
        if member is not None and (member.active or member.email.startswith(unsubscribe.ERASED)):
            # An address its owner erased stays out, told apart from nothing else.
            already.append(email)
        elif len(added) >= room:
            over_limit.append(email)
        elif member is None:
            session.add(Member(team_id=team_id, email=email, active=True, created_at=clock.now()))
            added.append(email)
        else:
            member.active = True
            session.add(member)
            added.append(email)
    session.commit()
    return AddedMembers(added, already, parsed.invalid, over_limit)


def set_member_active(session: Session, manager_id: int, team_id: int, member_id: int, active: bool) -> None:
    owned_team(session, manager_id, team_id)
    member = session.get(Member, member_id)
    if member is None or member.team_id != team_id:
        raise TeamNotFound(team_id)
    if active and not member.active and _active_count(session, team_id) >= get_settings().max_members_per_team:
        raise Refused("error.team_full")
    member.active = active
    session.add(member)
    if not active:  # no link of theirs keeps working; reactivated, they are invited from the next round on
        invitations.revoke_open_links(session, member_id)
    session.commit()
