"""The manager's side of the weekly pulse: open this week's round (an invitation and a mail
per active member), close it (writing its held answers shuffled), and count participation.

Results are not computed here: `services/results.py` is the one place answers are aggregated.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, delete, insert, text, update
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, func, select

from trusthabits.core import instrument as pulse_instrument
from trusthabits.core.calendar import local_week_key
from trusthabits.core.errors import Refused
from trusthabits.core.i18n import translate
from trusthabits.core.pulse import MIN_K
from trusthabits.db.models import (
    HeldAnswer,
    HeldComment,
    Invitation,
    Manager,
    Member,
    PulseComment,
    PulseResponse,
    PulseRound,
    Team,
    random_id,
)
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, security, team_events, unsubscribe
from trusthabits.services.invitations import INVITE_KIND as INVITE_KIND
from trusthabits.services.teams import owned_team

log = logging.getLogger("trusthabits.pulse")

ROUND_OPEN_FOR = timedelta(days=3)
RESULT_WEEKS = 12
_shuffle = secrets.SystemRandom().shuffle


class RoundClosed(Exception):
    """This week's round has already closed; a new one starts next week."""


def is_closed(pulse_round: PulseRound, now: datetime) -> bool:
    return pulse_round.closed_at is not None or pulse_round.closes_at <= now


def pulse_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/pulse/{token}"


def local_time_text(moment: datetime, time_zone: str) -> str:
    return moment.astimezone(ZoneInfo(time_zone)).strftime("%Y-%m-%d %H:%M")


class RoundAlreadyOpen(Refused):
    """This week's round is open: its invitation list was fixed when it opened, so nobody new
    is invited into it (a member added or reactivated now is invited from the next round on)."""

    def __init__(self, closes_at: datetime):
        super().__init__("pulse.already_open", closes_at)
        self.closes_at = closes_at


class CloseRefused(Refused):
    """The manager may close a round early only once at least k people answered."""


def send_this_weeks_pulse(
    session: Session, manager_id: int, team_id: int, now: datetime, base_url: str, by_hand: bool = False
) -> int:
    """Open the round for the team's current ISO week and invite every active member; returns
    how many were invited. The invitation list is fixed at that moment: asking again while the
    round is open invites nobody and raises RoundAlreadyOpen (RoundClosed once it is over).
    `by_hand`: there is no mail server, so the manager hands the links out (and can read them)."""
    try:
        try:
            return _invite(session, manager_id, team_id, now, base_url, by_hand)
        except IntegrityError:  # a second click raced us to the round: once more (it now exists)
            session.rollback()
            return _invite(session, manager_id, team_id, now, base_url, by_hand)
    except BaseException:  # refused (e.g. the daily mail limit): nothing of it stays
        session.rollback()
        raise


def _invite(session: Session, manager_id: int, team_id: int, now: datetime, base_url: str, by_hand: bool) -> int:
    team = owned_team(session, manager_id, team_id)
    week = local_week_key(now, team.time_zone)
    existing = round_of(session, stored_id(team), week)
    if existing is not None:
        if is_closed(existing, now):
            raise RoundClosed(week)
        raise RoundAlreadyOpen(existing.closes_at)
    if not _recipients(session, team):
        return 0  # nobody to ask: no round is opened (so members added today still get this week's)
    pulse_round = open_round(session, team, week, now, now + ROUND_OPEN_FOR, by_hand)
    count = invite_members(session, team, pulse_round, now, base_url)
    session.commit()
    return count


def round_of(session: Session, team_id: int, week: str) -> PulseRound | None:
    return session.exec(select(PulseRound).where(PulseRound.team_id == team_id, PulseRound.iso_week == week)).first()


def open_round(session: Session, team: Team, week: str, now: datetime, closes_at: datetime,
               by_hand: bool = False) -> PulseRound:
    """The team's round for `week`, created if missing (flushed, not committed). Raises
    RoundClosed when it exists and is over."""
    pulse_round = round_of(session, stored_id(team), week)
    if pulse_round is None:
        pulse_round = PulseRound(team_id=stored_id(team), iso_week=week,
                                 instrument_version=pulse_instrument.CURRENT.version,
                                 opened_at=now, closes_at=closes_at, links_by_hand=by_hand)
        session.add(pulse_round)
        session.flush()
    elif is_closed(pulse_round, now):
        raise RoundClosed(week)
    return pulse_round


def _recipients(session: Session, team: Team) -> list[Member]:
    return list(session.exec(select(Member).where(*mail_recipients(stored_id(team))).order_by(col(Member.id))))


def invite_members(session: Session, team: Team, pulse_round: PulseRound, now: datetime, base_url: str) -> int:
    """Invite (and queue mail for) the round's members: called once, when the round opens, so
    the list is fixed then. Does not commit: the caller commits it with the round. Returns how
    many were invited."""
    if session.exec(select(Invitation.id).where(Invitation.round_id == pulse_round.id)).first() is not None:
        return 0  # the list was fixed when the round opened
    members = _recipients(session, team)
    # All or nothing: a round that would pass the manager's daily mail limit invites nobody.
    mail.ensure_room(session, team.manager_id, len(members), now)
    manager_name = required(session, Manager, team.manager_id).name
    closes = local_time_text(pulse_round.closes_at, team.time_zone)
    for member in members:
        token = security.new_token()
        session.add(Invitation(round_id=stored_id(pulse_round), member_id=stored_id(member),
                               token_hash=security.hash_token(token)))
        link = pulse_link(base_url, token)
        mail.queue(
            session, key=f"{INVITE_KIND}:{pulse_round.id}:{member.id}", manager_id=team.manager_id, kind=INVITE_KIND,
            to=member.email, link=link, now=now,
            subject=translate("mail.pulse_subject", team.language, manager=manager_name),
            body=translate("mail.pulse_body", team.language, manager=manager_name, team=team.name,
                           link=link, closes=closes) + unsubscribe.footer(session, member, team.language),
        )
    return len(members)


def mail_recipients(team_id: int) -> tuple[ColumnElement[bool], ...]:
    """Who of a team gets its mail: active members who did not unsubscribe."""
    return (col(Member.team_id) == team_id, col(Member.active).is_(True), col(Member.unsubscribed_at).is_(None))


def answered_count(session: Session, round_id: int) -> int:
    """How many used their link: what a manager may see of a round while it is open."""
    return session.exec(select(func.count()).select_from(Invitation).where(
        Invitation.round_id == round_id, col(Invitation.used).is_(True))).one()


def invited_count(session: Session, round_id: int) -> int:
    return session.exec(select(func.count()).select_from(Invitation).where(Invitation.round_id == round_id)).one()


def close_round(session: Session, manager_id: int, round_id: int, now: datetime) -> None:
    """The manager closes a round early: allowed once at least k people answered (checked here,
    whatever the page showed). Its links stop working, its answers are released as the round's
    responses, and the team's public page lists "closed early" on today's date. Closing a
    closed round changes nothing; a closed round never reopens."""
    pulse_round = session.get(PulseRound, round_id)
    if pulse_round is None:
        raise LookupError(round_id)
    team = owned_team(session, manager_id, pulse_round.team_id)
    if is_closed(pulse_round, now):
        close_due(session, now, team_id=stored_id(team))
        return
    if answered_count(session, round_id) < max(team.k_threshold, MIN_K):
        raise CloseRefused("pulse.close_below_k")
    team_events.record_team_event(session, stored_id(team), team_events.CLOSED_EARLY, now,
                                  iso_week=pulse_round.iso_week)
    if not finalize(session, round_id, now):
        session.rollback()  # someone else closed it in the meantime: no event either


def finalize(session: Session, round_id: int, closed_at: datetime) -> bool:
    """The closing transaction: mark the round closed and write its held answers and comments
    as responses and comments in a fresh random order (secrets-grade shuffle, new random ids),
    deleting the held rows, all in one commit. Nothing written here carries the order in which
    people answered: not the row order, not the physical position, not the transaction id
    (every response of the round shares this one transaction, which touches no invitation).
    Returns False (and writes nothing) when the round was already closed."""
    # The UPDATE comes first: it takes the round's row (PostgreSQL) or the write lock (SQLite),
    # so an answer still being stored finishes before the held rows are read (pulse_answers).
    marked = session.execute(
        update(PulseRound).where(col(PulseRound.id) == round_id, col(PulseRound.closed_at).is_(None))
        .values(closed_at=closed_at)
    )
    if not isinstance(marked, CursorResult) or marked.rowcount != 1:
        session.rollback()
        return False
    pulse_round = required(session, PulseRound, round_id)
    answers = list(session.exec(select(HeldAnswer.answers).where(HeldAnswer.round_id == round_id)))
    comments = list(session.exec(select(HeldComment.text).where(HeldComment.round_id == round_id)))
    _shuffle(answers)
    _shuffle(comments)
    common = {"team_id": pulse_round.team_id, "iso_week": pulse_round.iso_week}
    if answers:
        session.execute(insert(PulseResponse), [
            {"id": random_id(), **common, "instrument_version": pulse_round.instrument_version, "answers": held}
            for held in answers])
    if comments:
        session.execute(insert(PulseComment), [{"id": random_id(), **common, "text": held} for held in comments])
    session.execute(delete(HeldAnswer).where(col(HeldAnswer.round_id) == round_id))
    session.execute(delete(HeldComment).where(col(HeldComment.round_id) == round_id))
    session.commit()
    _forget_old_pages(session)
    return True


def _forget_old_pages(session: Session) -> None:
    """Shorten how long old copies of the held rows stay readable below SQL, best effort.
    SQLite in WAL mode keeps earlier copies of changed pages in the -wal file until a checkpoint:
    copy them home and truncate it (when no reader is in the way; secure_delete zeroes the rest).
    PostgreSQL keeps the deleted held rows (with their transaction ids) as dead tuples until
    VACUUM: run it now on the held tables instead of waiting for autovacuum."""
    bind = session.get_bind()
    try:
        if bind.dialect.name == "sqlite":
            session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            session.commit()
        elif bind.dialect.name == "postgresql" and isinstance(bind, Engine):
            with bind.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM held_answer, held_comment")
    except DBAPIError:  # e.g. not the tables' owner: the close itself has committed
        session.rollback()
        log.warning("could not vacuum the held answers after closing a round", exc_info=True)


def close_due(session: Session, now: datetime, team_id: int | None = None) -> int:
    """Close every round whose closing time has passed (the scheduler does this each tick; the
    team page does it for its team before reading). Returns how many were closed now."""
    due = select(PulseRound.id, PulseRound.closes_at).where(
        col(PulseRound.closed_at).is_(None), col(PulseRound.closes_at) <= now)
    if team_id is not None:
        due = due.where(PulseRound.team_id == team_id)
    return sum(finalize(session, round_id, closes_at) for round_id, closes_at in session.exec(due).all()
               if round_id is not None)


@dataclass(frozen=True)
class Participation:
    invited: int
    answered: int


def participation(session: Session, round_ids: list[int]) -> dict[int, Participation]:
    """How many were invited to and answered (used their link in) each round: counts only, never
    who. The one place participation is counted for the results views."""
    if not round_ids:
        return {}
    invited = dict(session.exec(
        select(col(Invitation.round_id), func.count()).where(col(Invitation.round_id).in_(round_ids))
        .group_by(col(Invitation.round_id))).all())
    answered = dict(session.exec(
        select(col(Invitation.round_id), func.count())
        .where(col(Invitation.round_id).in_(round_ids), col(Invitation.used).is_(True))
        .group_by(col(Invitation.round_id))).all())
    return {r: Participation(invited.get(r, 0), answered.get(r, 0)) for r in round_ids}
