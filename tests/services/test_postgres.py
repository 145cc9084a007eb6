"""`DATABASE_URL` pointing at PostgreSQL works with no code change: the same migrations and
account services run against a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from trusthabits.core.errors import FieldErrors
from trusthabits.db.engine import build_engine
from trusthabits.db.models import Manager
from trusthabits.services import accounts


@pytest.fixture
def pg_session(postgres_url):
    engine = build_engine(postgres_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
        session.rollback()
        for table in reversed(SQLModel.metadata.sorted_tables):
            session.exec(table.delete())
        session.commit()
    engine.dispose()


def test_migrations_match_the_models_on_postgres(postgres_url):
    engine = build_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.dialect.name == "postgresql"
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_accounts_on_postgres(pg_session):
    profile = accounts.register(
        pg_session, name="Ann", email="Ann@Example.com", password="long enough pw", locale="nl",
            time_zone="Europe/Amsterdam"
    )
    with pytest.raises(FieldErrors):
        accounts.register(
            pg_session, name="Ann", email="ann@example.com", password="long enough pw", locale="nl", time_zone="UTC"
        )
    signed_in, token = accounts.sign_in(pg_session, email="ann@example.com", password="long enough pw")
    assert signed_in == profile
    assert accounts.resolve_session(pg_session, token) == profile
    accounts.sign_out(pg_session, token)
    assert accounts.resolve_session(pg_session, token) is None
    created = pg_session.exec(select(Manager.created_at)).one()
    assert created.tzinfo is not None and created.utcoffset() == UTC.utcoffset(None)
