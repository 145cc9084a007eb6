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
