""""What I heard, what I'll try": from the reflection the manager sends the team one short message
with the latest shown block's figures, one sentence of what they heard, and their commitment.

- Figures come only from `services.results.visible_results` (a complete block, every round closed,
  at least k answers): trust and the needs, the same figures the manager sees. Comments never
  leave, nor any item or "seen by the team" figure (those are for the manager's reflection).
- One message per team per block at most: a second send for the same block is refused (no mail
  bombing the team), and each member's mail has an idempotency key besides. The manager's daily
  sending limit (`services.mail.ensure_room`) applies: the send goes out whole or not at all.
- The sentence is hostile input: one line, at most MAX_HEARD_LENGTH characters, no invisible
  characters (core.input_rules), never empty.
- Written in the team's language; recorded with `record_team_event` (a date only), so the team
  page and the team's public page list that it was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from trusthabits.core.behaviours import BY_KEY
from trusthabits.core.calendar import local_week_key
from trusthabits.core.errors import Refused
from trusthabits.core.i18n import translate
from trusthabits.core.input_rules import hidden_characters_error
from trusthabits.core.instrument import NEEDS
from trusthabits.db.models import Manager, Member, TeamEvent
from trusthabits.db.rows import required, stored_id
from trusthabits.services import commitments, mail, results, team_events, team_reflection, unsubscribe
from trusthabits.services.commitments import CommitmentView
from trusthabits.services.pulse_rounds import mail_recipients
from trusthabits.services.share_back import block_label
from trusthabits.services.teams import owned_team

KIND = "what_i_heard"
MAX_HEARD_LENGTH = 300


class HeardRefused(Refused):
    """Nothing was sent; `key` is the catalogue text saying why."""


@dataclass(frozen=True)
class HeardStatus:
    """Per team, for the form on Reflect: which block would be shared and whether it was already."""

    team_id: int
    team_name: str
    block: str  # the block's weeks ("" when no block may be shown yet)
    sent: bool


def heard_error(text: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return "error.heard_empty"
    if len(text) > MAX_HEARD_LENGTH:
        return "error.heard_too_long"
    return hidden_characters_error(text, "share_note")  # one line: no newline either


def _already(session: Session, team_id: int, start_week: str) -> bool:
    return session.exec(select(TeamEvent.id).where(
        TeamEvent.team_id == team_id, TeamEvent.kind == KIND, TeamEvent.iso_week == start_week[:8])).first() is not None


def statuses(session: Session, manager_id: int, now: datetime) -> list[HeardStatus]:
    found = []
    for entry in team_reflection.team_results(session, manager_id, now):
        block = entry.block
        found.append(HeardStatus(entry.team_id, entry.team_name,
                                 block_label(block.start_week, block.end_week) if block else "",
                                 bool(block and _already(session, entry.team_id, block.start_week))))
    return found


def current_commitment(session: Session, manager_id: int, now: datetime) -> CommitmentView | None:
    """The commitment made in this week's reflection, else the one for this week."""
    week = local_week_key(now, required(session, Manager, manager_id).time_zone)
    shown = commitments.on_today(session, manager_id, now)
    return next((c for c in shown if c.made_in_week == week), shown[0] if shown else None)


def _commitment_text(found: CommitmentView | None, language: str) -> str:
    if found is None or found.behaviour not in BY_KEY:
        return translate("heard.no_commitment", language)
    behaviour = BY_KEY[found.behaviour]
    micro = next((m.text.get(language, m.text["en"]) for m in behaviour.micro_actions if m.key == found.micro_action),
                 "")
    name = behaviour.name.get(language, behaviour.name["en"])
    text = translate("heard.commitment", language, behaviour=name, week=found.for_week)
    return text + (f"\n{micro}" if micro else "")


def message(session: Session, manager_id: int, team_id: int, heard: str, now: datetime) -> tuple[str, str, str]:
    """(block start week, subject, body) of the message, in the team's language. Raises
    HeardRefused when the sentence is not valid or no block may be shown."""
    team = owned_team(session, manager_id, team_id)
    heard = (heard or "").strip()
    if key := heard_error(heard):
        raise HeardRefused(key)
    block, _ = team_reflection.latest_shown(results.visible_results(session, manager_id, team_id, now))
    if block is None or block.trust is None:
        raise HeardRefused("heard.refused_nothing")
    language, manager = team.language, required(session, Manager, manager_id).name
    week = block_label(block.start_week, block.end_week)
    figures = "\n".join([
        translate("mail.share_need", language, need=translate("results.trust_index", language),
                  value=f"{block.trust.value:.2f}"),
        *(translate("mail.share_need", language, need=translate(f"results.need_{need}", language),
                    value=f"{figure.value:.2f}") for need in NEEDS if (figure := block.needs.get(need)) is not None),
    ])
    body = translate("heard.body", language, manager=manager, team=team.name, week=week, answered=block.n,
                     figures=figures, heard=heard,
                     commitment=_commitment_text(current_commitment(session, manager_id, now), language))
    return block.start_week, translate("heard.subject", language, team=team.name, week=week), body


def send(session: Session, manager_id: int, team_id: int, heard: str, now: datetime) -> int:
    """Queue the message for every active member; returns how many were queued. Raises
    HeardRefused (nothing queued) for an invalid sentence, no shown block or a block already
    sent, and mail.DailyLimitReached when the team does not fit in today's sending limit."""
    team = owned_team(session, manager_id, team_id)
    start_week, subject, body = message(session, manager_id, team_id, heard, now)
    if _already(session, stored_id(team), start_week):
        raise HeardRefused("heard.refused_already")
    members = session.exec(select(Member).where(*mail_recipients(stored_id(team))).order_by(col(Member.id))).all()
    if not members:
        raise HeardRefused("heard.refused_no_members")
    mail.ensure_room(session, manager_id, len(members), now)
    queued = sum(
        mail.queue(session, key=f"{KIND}:{team.id}:{start_week}:{member.id}", manager_id=manager_id, kind=KIND,
                   to=member.email, link="", now=now, subject=subject,
                   body=body + "\n\nTrustHabits" + unsubscribe.footer(session, member, team.language))
        for member in members
    )
    team_events.record_team_event(session, stored_id(team), KIND, now, iso_week=start_week)
    session.commit()
    return queued
