"""The migrations build exactly the schema the models describe; datetimes stay UTC-aware."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel, select

from trusthabits.db.models import Manager


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_sqlite_runs_in_wal_mode(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_datetimes_come_back_timezone_aware_utc(session):
    amsterdam = timezone(timedelta(hours=1))
    session.add(Manager(email="a@example.com", name="A", password_hash="x", created_at=datetime(2026, 3, 29, 3, 30,
        tzinfo=amsterdam)))
    session.commit()
    session.expunge_all()
    stored = session.exec(select(Manager)).one().created_at
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)


def test_naive_datetimes_are_refused(session):
    session.add(Manager(email="b@example.com", name="B", password_hash="x", created_at=datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive datetime"):
        session.commit()
