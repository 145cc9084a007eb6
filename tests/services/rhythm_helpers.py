"""Setting up managers and teams with schedules, and running ticks on a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from trusthabits.db.models import Manager, OutboxMessage, Team
from trusthabits.services import accounts, scheduler, teams

BASE_URL = "http://rhythm.test"
LONG_AGO = datetime(2025, 12, 1, tzinfo=UTC)


def local(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def manager(session, email="ann@example.com", name="Ann", zone="Europe/Amsterdam", locale="en") -> Manager:
    profile = accounts.register(session, name=name, email=email, password="correct horse battery",
                                locale=locale, time_zone=zone)
    row = session.get(Manager, profile.id)
    row.created_at = LONG_AGO  # schedules only fire for moments after the account existed
    session.add(row)
    session.commit()
    return row


def team(session, manager_id, members=5, name="Support", zone="Europe/Amsterdam", prefix="m") -> Team:
    summary = teams.create_team(session, manager_id, name=name, language="en", time_zone=zone, k=3)
    teams.add_members(session, manager_id, summary.id, "\n".join(f"{prefix}{i}@x.nl" for i in range(members)))
    row = session.get(Team, summary.id)
    row.created_at = LONG_AGO
    session.add(row)
    session.commit()
    return row


def tick(engine, now: datetime, worker="test", smtp_url=None) -> scheduler.TickReport:
    ctx = scheduler.Context(now=now, base_url=BASE_URL, worker=worker)
    return scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx, smtp_url)


def outbox(session, kind=None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(session.exec(query, execution_options={"populate_existing": True}))
