"""The manager's side of the weekly pulse: open this week's round (an invitation and a mail
per active member), close it, and count participation.

Results are not computed here: `services/results.py` is the one place answers are aggregated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from trusthabits.core import instrument as pulse_instrument
from trusthabits.core.calendar import local_week_key
from trusthabits.core.i18n import translate
from trusthabits.db.models import (
    Invitation,
    Manager,
    Member,
    PulseRound,
    Team,
)
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, security, unsubscribe
from trusthabits.services.teams import owned_team

ROUND_OPEN_FOR = timedelta(days=3)
RESULT_WEEKS = 12
INVITE_KIND = "pulse_invite"
_shuffle = random.SystemRandom().shuffle


class RoundClosed(Exception):
    """This week's round has already closed; a new one starts next week."""


def is_closed(pulse_round: PulseRound, now: datetime) -> bool:
    return pulse_round.closed_at is not None or pulse_round.closes_at <= now


def pulse_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/pulse/{token}"


def local_time_text(moment: datetime, time_zone: str) -> str:
    return moment.astimezone(ZoneInfo(time_zone)).strftime("%Y-%m-%d %H:%M")


def send_this_weeks_pulse(
    session: Session, manager_id: int, team_id: int, now: datetime, base_url: str, log_links: bool = False
) -> int:
    """Open the round for the team's current ISO week (or reuse it) and invite every active
    member not yet invited. Returns how many were newly invited. Raises RoundClosed."""
    try:
        try:
            return _invite(session, manager_id, team_id, now, base_url, log_links)
        except IntegrityError:  # a second click raced us to the round or an invitation: once more
            session.rollback()
            return _invite(session, manager_id, team_id, now, base_url, log_links)
    except BaseException:  # refused (e.g. the daily mail limit): nothing of it stays
        session.rollback()
        raise


def _invite(session: Session, manager_id: int, team_id: int, now: datetime, base_url: str, log_links: bool) -> int:
    team = owned_team(session, manager_id, team_id)
    pulse_round = open_round(session, team, local_week_key(now, team.time_zone), now, now + ROUND_OPEN_FOR)
    count = invite_members(session, team, pulse_round, now, base_url, log_links)
    session.commit()
    return count


def open_round(session: Session, team: Team, week: str, now: datetime, closes_at: datetime) -> PulseRound:
    """The team's round for `week`, created if missing (flushed, not committed). Raises
    RoundClosed when it exists and is over."""
    pulse_round = session.exec(
        select(PulseRound).where(PulseRound.team_id == team.id, PulseRound.iso_week == week)
    ).first()
    if pulse_round is None:
        pulse_round = PulseRound(team_id=stored_id(team), iso_week=week,
            instrument_version=pulse_instrument.CURRENT.version,
                                 opened_at=now, closes_at=closes_at)
        session.add(pulse_round)
        session.flush()
    elif is_closed(pulse_round, now):
        raise RoundClosed(week)
    return pulse_round


def invite_members(session: Session, team: Team, pulse_round: PulseRound, now: datetime, base_url: str,
                   log_links: bool = False) -> int:
    """Invite (and queue mail for) every active member not yet invited. Does not commit: the
    caller commits it with whatever caused it. Returns how many were newly invited."""
    invited = set(session.exec(select(Invitation.member_id).where(Invitation.round_id == pulse_round.id)))
    members = [m for m in session.exec(select(Member).where(*mail_recipients(stored_id(team))).order_by(col(Member.id)))
               if m.id not in invited]
    # All or nothing: a round that would pass the manager's daily mail limit invites nobody.
    mail.ensure_room(session, team.manager_id, len(members), now)
    manager_name = required(session, Manager, team.manager_id).name
    closes = local_time_text(pulse_round.closes_at, team.time_zone)
    count = 0
    for member in members:
        token = security.new_token()
        session.add(Invitation(round_id=stored_id(pulse_round), member_id=stored_id(member),
                               token_hash=security.hash_token(token), sent_at=now))
        link = pulse_link(base_url, token)
        mail.queue(
            session, key=f"{INVITE_KIND}:{pulse_round.id}:{member.id}", manager_id=team.manager_id, kind=INVITE_KIND,
            to=member.email, link=link, now=now, log_link=log_links,
            subject=translate("mail.pulse_subject", team.language, manager=manager_name),
            body=translate("mail.pulse_body", team.language, manager=manager_name, team=team.name,
                           link=link, closes=closes) + unsubscribe.footer(session, member, team.language),
        )
        count += 1
    return count


def mail_recipients(team_id: int) -> tuple[ColumnElement[bool], ...]:
    """Who of a team gets its mail: active members who did not unsubscribe."""
    return (col(Member.team_id) == team_id, col(Member.active).is_(True), col(Member.unsubscribed_at).is_(None))


def close_round(session: Session, manager_id: int, round_id: int, now: datetime) -> None:
    """Close a round now: its links stop working and its comments are released."""
    pulse_round = session.get(PulseRound, round_id)
    if pulse_round is None:
        raise LookupError(round_id)
    owned_team(session, manager_id, pulse_round.team_id)
    if not is_closed(pulse_round, now):
        pulse_round.closed_at = now
        session.add(pulse_round)
        session.commit()


@dataclass(frozen=True)
class Participation:
    invited: int
    answered: int


def participation(session: Session, round_ids: list[int]) -> dict[int, Participation]:
    """How many were invited to and answered each round: counts only, never who. The one place
    participation is counted (the answer-storage side may change how "answered" is known)."""
    if not round_ids:
        return {}
    rows = session.exec(
        select(col(Invitation.round_id), func.count(), func.count(col(Invitation.used_at)))
        .where(col(Invitation.round_id).in_(round_ids)).group_by(col(Invitation.round_id))
    ).all()
    found = {round_id: Participation(invited, answered) for round_id, invited, answered in rows}
    return {round_id: found.get(round_id, Participation(0, 0)) for round_id in round_ids}
