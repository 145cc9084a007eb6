"""Setting up managers, teams and rounds for the pulse service tests."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from trusthabits.core.instrument import CURRENT
from trusthabits.db.models import OutboxMessage
from trusthabits.services import accounts, pulse_rounds, teams

BASE_URL = "http://pulse.test"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # Wednesday of 2026-W48


def manager(session, email="ann@example.com", name="Ann"):
    return accounts.register(session, name=name, email=email, password="correct horse battery",
                             locale="en", time_zone="Europe/Amsterdam")


def team_with_members(session, manager_id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"), k=3, language="en"):
    team = teams.create_team(session, manager_id, name="Support", language=language, time_zone="Europe/Amsterdam", k=k)
    teams.add_members(session, manager_id, team.id, "\n".join(emails))
    return team


def send_round(session, manager_id, team_id, now=NOW) -> dict[str, str]:
    """Open the round and return {member email: the token from their mail's link}."""
    pulse_rounds.send_this_weeks_pulse(session, manager_id, team_id, now, BASE_URL)
    messages = session.exec(select(OutboxMessage).where(OutboxMessage.manager_id == manager_id)).all()
    return {m.to_address: m.link.rsplit("/pulse/", 1)[1] for m in messages if "/pulse/" in m.link}


def answers(week="2026-W48", value=4, **overrides) -> dict[str, str]:
    return {item.key: str(overrides.get(item.key, value)) for item in CURRENT.items_for_week(week)}


def past_round(session, team_id, week, responses, comments=(), opened_late=False, closed=True):
    """A round of `week` written straight to the database, as it is once closed: opened on the
    week's Friday, an invitation per active member (the first len(responses) used), the
    responses ({item key: 1–5} each, instrument version 2) and comments. Returns the round."""
    import json
    import secrets
    from datetime import time, timedelta

    from trusthabits.core.calendar import week_monday
    from trusthabits.db.models import Invitation, Member, PulseComment, PulseResponse, PulseRound

    friday = datetime.combine(week_monday(week) + timedelta(days=4 + (7 if opened_late else 0)), time(12), tzinfo=UTC)
    pulse_round = PulseRound(team_id=team_id, iso_week=week, instrument_version=CURRENT.version, opened_at=friday,
                             closes_at=friday + timedelta(days=3),
                             closed_at=friday + timedelta(days=2) if closed else None)
    session.add(pulse_round)
    session.flush()
    members = session.exec(select(Member).where(Member.team_id == team_id, Member.active)).all()
    assert len(members) >= len(responses), "more responses than members"
    for index, member in enumerate(members):
        session.add(Invitation(round_id=pulse_round.id, member_id=member.id, token_hash=secrets.token_hex(32),
                               used=index < len(responses)))
    for answers_given in responses:
        session.add(PulseResponse(team_id=team_id, iso_week=week, instrument_version=CURRENT.version,
                                  answers=json.dumps(answers_given)))
    for text in comments:
        session.add(PulseComment(team_id=team_id, iso_week=week, text=text))
    session.commit()
    return pulse_round
