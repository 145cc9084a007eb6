"""Share back: the manager sends the team a short summary of a closed round through the outbox.

Only aggregates leave, only when at least k answered (the same `week_summary` every results
view uses), and never while the round is open. One message per (round, active member), so a
second click queues nothing new. Comments are never included: they are for the manager only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from trusthabits.core.errors import Refused
from trusthabits.core.i18n import translate
from trusthabits.core.input_rules import hidden_characters_error
from trusthabits.core.instrument import NEEDS
from trusthabits.core.pulse import MIN_K
from trusthabits.db.models import Manager, Member, PulseResponse, PulseRound
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, team_events, unsubscribe
from trusthabits.services.pulse_rounds import close_due, is_closed, mail_recipients, week_summary
from trusthabits.services.teams import owned_team

KIND = "share_back"
MAX_NOTE_LENGTH = 1000
CHOICES = 12


class ShareRefused(Refused):
    """The summary cannot be shared; `key` is the catalogue text saying why."""


@dataclass(frozen=True)
class RoundChoice:
    round_id: int
    iso_week: str
    answered: int
    k: int

    @property
    def shareable(self) -> bool:
        return self.answered >= self.k


def closed_rounds(session: Session, manager_id: int, team_id: int, now: datetime) -> list[RoundChoice]:
    """The team's latest closed rounds, newest first, with how many answered."""
    team = owned_team(session, manager_id, team_id)
    close_due(session, now, team_id=stored_id(team))  # a round past its closing time releases its answers
    rounds = session.exec(
        select(PulseRound).where(PulseRound.team_id == team.id)
        .order_by(col(PulseRound.iso_week).desc()).limit(CHOICES + 1)
    ).all()
    closed = [r for r in rounds if is_closed(r, now)][:CHOICES]
    # Counts only (one grouped query): whether a week may be shared is decided again, through
    # week_summary, when it is shared.
    answered = dict(session.exec(
        select(col(PulseResponse.iso_week), func.count()).where(
            PulseResponse.team_id == team.id, col(PulseResponse.iso_week).in_([r.iso_week for r in closed]))
        .group_by(PulseResponse.iso_week)
    ).all())
    k = max(team.k_threshold, MIN_K)
    return [RoundChoice(stored_id(r), r.iso_week, answered.get(r.iso_week, 0), k) for r in closed]


def note_error(note: str) -> str | None:
    if len(note or "") > MAX_NOTE_LENGTH:
        return "error.share_note_too_long"
    return hidden_characters_error(note, "share_note", multiline=True)


def share_round(session: Session, manager_id: int, round_id: int, note: str, now: datetime) -> int:
    """Queue the summary for every active member; returns how many were newly queued.
    Raises ShareRefused (nothing queued) when the round is open, below k or the note too long."""
    pulse_round = session.get(PulseRound, round_id)
    if pulse_round is None:
        raise LookupError(round_id)
    team = owned_team(session, manager_id, pulse_round.team_id)
    close_due(session, now, team_id=stored_id(team))
    note = (note or "").strip()
    if key := note_error(note):
        raise ShareRefused(key)
    if not is_closed(pulse_round, now):
        raise ShareRefused("share.refused_open")
    summary = week_summary(session, team, pulse_round.iso_week)
    if not summary.shown:
        raise ShareRefused("share.refused_below_k")
    language, manager = team.language, required(session, Manager, manager_id).name
    needs = "\n".join(
        translate("mail.share_need", language, need=translate(f"results.need_{need}", language), value=f"{value:.2f}")
        for need in NEEDS if (value := summary.needs.get(need)) is not None
    )
    body = translate("mail.share_body", language, manager=manager, team=team.name, week=pulse_round.iso_week,
                     answered=summary.answered, trust=f"{summary.trust_index:.2f}", needs=needs)
    if note:
        body += "\n\n" + translate("mail.share_note", language, manager=manager, note=note)
    members = session.exec(select(Member).where(*mail_recipients(stored_id(team))).order_by(col(Member.id))).all()
    mail.ensure_room(session, manager_id, len(members), now)
    queued = sum(
        mail.queue(session, key=f"{KIND}:{pulse_round.id}:{member.id}", manager_id=manager_id, kind=KIND,
                   to=member.email, link="", now=now,
                   subject=translate("mail.share_subject", language, team=team.name, week=pulse_round.iso_week),
                   body=body + "\n\nTrustHabits" + unsubscribe.footer(session, member, language))
        for member in members
    )
    if queued:  # the team's public page lists it (a second click queues nothing and lists nothing)
        team_events.record_team_event(session, stored_id(team), team_events.SHARED_BACK, now,
                                      iso_week=pulse_round.iso_week)
    session.commit()
    return queued
