"""What a manager did with a team's results, kept for the team's public page: "shared back the
results of week 48", "closed the round of week 48 early", "chose results per block of 2 weeks,
from week 50". A date only (in the team's time zone), never a time, never anything about who
answered or what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from trusthabits.core import anonymity, clock
from trusthabits.core.anonymity import PeriodChange
from trusthabits.core.calendar import local_week_key
from trusthabits.core.pulse import MIN_K
from trusthabits.db.models import Manager, PulseRound, ReportPeriod, Team, TeamEvent
from trusthabits.db.rows import required

SHARED_BACK = "shared_back"
CLOSED_EARLY = "closed_early"
# A change of the reporting period: which period applies from the event's week on.
PERIOD_KINDS = {weeks: f"period_{weeks}" for weeks in anonymity.PERIODS}
KINDS = (SHARED_BACK, CLOSED_EARLY, "what_i_heard", *PERIOD_KINDS.values())


def record_team_event(session: Session, team_id: int, kind: str, now: datetime, iso_week: str = "") -> None:
    """Note that the manager did `kind` (one of KINDS) today. Does not commit: the caller
    commits it with what it records. Share-back, closing early and (later) "what I heard" call it."""
    if kind not in KINDS:
        raise ValueError(kind)
    team = session.get(Team, team_id)
    if team is None:
        raise LookupError(team_id)
    day = now.astimezone(ZoneInfo(team.time_zone)).date()
    session.add(TeamEvent(team_id=team_id, kind=kind, iso_week=iso_week[:8], day=day))


@dataclass(frozen=True)
class PublicTeamPage:
    """What the team's public page shows: how answers are kept, never a result."""

    team_name: str
    manager_name: str
    language: str
    k: int
    reporting_weeks: int
    links_by_hand: bool  # the latest round's links were handed out by the manager (no mail server)
    events: list[tuple[date, str, str]]  # (day, kind, ISO week), newest first


MAX_PUBLIC_ID_LENGTH = 32
MAX_EVENTS = 200


def _reporting_weeks(session: Session, team: Team) -> int:
    """The team's reporting period in weeks now (pooling for small teams; 1 until it is chosen).
    The same rule as services/results.py (which cannot be imported here without a cycle)."""
    changes = [PeriodChange(r.from_week, r.weeks)
               for r in session.exec(select(ReportPeriod).where(ReportPeriod.team_id == team.id))]
    return anonymity.period_at(changes, local_week_key(clock.now(), team.time_zone))


def public_page(session: Session, public_id: str) -> PublicTeamPage | None:
    """The page at /anonymity/<public_id>, or None for an id that is not a team's. The id is
    hostile input: only compared, never shown back."""
    if not isinstance(public_id, str) or not public_id or len(public_id) > MAX_PUBLIC_ID_LENGTH:
        return None
    team = session.exec(select(Team).where(Team.public_id == public_id)).first()
    if team is None:
        return None
    manager = required(session, Manager, team.manager_id)
    latest = session.exec(select(PulseRound.links_by_hand).where(PulseRound.team_id == team.id)
                          .order_by(col(PulseRound.iso_week).desc())).first()
    events = session.exec(
        select(TeamEvent).where(TeamEvent.team_id == team.id)
        .order_by(col(TeamEvent.day).desc(), col(TeamEvent.id).desc()).limit(MAX_EVENTS)
    ).all()
    return PublicTeamPage(team.name, manager.name, team.language, max(team.k_threshold, MIN_K),
                          _reporting_weeks(session, team), bool(latest),
                          [(event.day, event.kind, event.iso_week) for event in events])
