"""Share back: the manager sends the team a short summary of a shown reporting block through
the outbox.

Only aggregates leave, and only the figures `services.results.visible_results` shows (a complete
block, every round in it closed, at least k answers): the same figures the manager sees. A round
is chosen, and the block it belongs to is shared. One message per (block, active member), so a
second click queues nothing new. Comments are never included: they are for the manager only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from trusthabits.core.errors import Refused
from trusthabits.core.i18n import translate
from trusthabits.core.input_rules import hidden_characters_error
from trusthabits.core.instrument import NEEDS
from trusthabits.db.models import Manager, Member, PulseRound
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, results, team_events, unsubscribe
from trusthabits.services.pulse_rounds import close_due, is_closed, mail_recipients
from trusthabits.services.teams import owned_team

KIND = "share_back"
MAX_NOTE_LENGTH = 1000
CHOICES = 12


class ShareRefused(Refused):
    """The summary cannot be shared; `key` is the catalogue text saying why."""


@dataclass(frozen=True)
class RoundChoice:
    round_id: int  # a round of the block (its latest): sharing it shares the block
    iso_week: str  # the block's weeks as text ("2026-W47" or "2026-W47–W48")
    answered: int
    k: int
    shown: bool = True

    @property
    def shareable(self) -> bool:
        return self.shown


def block_label(start: str, end: str) -> str:
    return start if start == end else f"{start}–{end[-3:]}"


def closed_rounds(session: Session, manager_id: int, team_id: int, now: datetime) -> list[RoundChoice]:
    """The team's latest complete blocks with a round, newest first, with how many answered."""
    return round_choices(results.visible_results(session, manager_id, team_id, now))


def round_choices(found: results.TeamResults) -> list[RoundChoice]:
    """`closed_rounds` from results already read (Trends reads them for its charts)."""
    blocks = [b for b in reversed(found.blocks) if b.complete and b.round_ids][:CHOICES]
    return [RoundChoice(b.round_ids[-1], block_label(b.start_week, b.end_week), b.answered, found.k, b.shown)
            for b in blocks]


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
    block = results.visible_results(session, manager_id, stored_id(team), now).block_with_round(round_id)
    if block is None or not block.complete:
        raise ShareRefused("share.refused_open")
    if not block.shown or block.trust is None:
        raise ShareRefused("share.refused_below_k")
    language, manager = team.language, required(session, Manager, manager_id).name
    needs = "\n".join(
        translate("mail.share_need", language, need=translate(f"results.need_{need}", language),
                  value=f"{figure.value:.2f}")
        for need in NEEDS if (figure := block.needs.get(need)) is not None
    )
    label = block_label(block.start_week, block.end_week)
    period = (translate("mail.share_period_week", language, week=label) if block.start_week == block.end_week
              else translate("mail.share_period_block", language, weeks=label))
    body = translate("mail.share_body", language, manager=manager, team=team.name, period=period,
                     answered=block.n, trust=f"{block.trust.value:.2f}", needs=needs)
    if note:
        body += "\n\n" + translate("mail.share_note", language, manager=manager, note=note)
    members = session.exec(select(Member).where(*mail_recipients(stored_id(team))).order_by(col(Member.id))).all()
    mail.ensure_room(session, manager_id, len(members), now)
    queued = sum(
        mail.queue(session, key=f"{KIND}:{team.id}:{block.start_week}:{member.id}", manager_id=manager_id, kind=KIND,
                   to=member.email, link="", now=now,
                   subject=translate("mail.share_subject", language, team=team.name, period=period),
                   body=body + "\n\nTrustHabits" + unsubscribe.footer(session, member, language))
        for member in members
    )
    if queued:  # the team's public page lists it (a second click queues nothing and lists nothing)
        team_events.record_team_event(session, stored_id(team), team_events.SHARED_BACK, now,
                                      iso_week=pulse_round.iso_week)
    session.commit()
    return queued
