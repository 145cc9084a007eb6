"""Shared fixtures: a real, migrated SQLite database file per test.

The Alembic migrations run once per session into a template file; each test gets a copy, so
tests exercise the real schema without paying for migrations every time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from trusthabits.db.engine import build_engine
from trusthabits.db.migrate import upgrade_to_head


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_path(migrated_template, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "trusthabits.db"
    shutil.copy(migrated_template, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture
def engine(db_path):
    engine = build_engine(f"sqlite:///{db_path}")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def postgres_url():
    """A migrated database on a real, throwaway PostgreSQL server."""
    from tests.pg_server import running_postgres

    with running_postgres() as url:
        upgrade_to_head(url)
        yield url


def pytest_collection_modifyitems(config, items):
    # Fast tests first: a broken rule shows up before the slow production build starts.
    items.sort(key=lambda item: "e2e" in item.keywords)


os.environ.setdefault("TRUSTHABITS_SCHEDULER", "off")
