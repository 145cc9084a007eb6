"""The engine and session factory. `DATABASE_URL` picks SQLite (default) or PostgreSQL."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from trusthabits.config import get_settings


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # WAL lets the app read while the scheduler writes; busy_timeout waits instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, not left in free pages: the answers held while a
    # round is open leave no trace in the file once the closing transaction removes them.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def build_engine(url: str, pool_size: int = 5, max_overflow: int = 5) -> Engine:
    """An engine for `url`. On a server database each process keeps up to `pool_size` idle
    connections and opens up to `max_overflow` more under load; the production guide has the
    arithmetic (processes × (pool_size + max_overflow) must stay below max_connections)."""
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow)


@lru_cache(maxsize=8)
def _engine_for(url: str, pool_size: int, max_overflow: int) -> Engine:
    return build_engine(url, pool_size, max_overflow)


def get_engine() -> Engine:
    settings = get_settings()
    return _engine_for(settings.database_url, settings.db_pool_size, settings.db_max_overflow)


def new_session() -> Session:
    """A session on the configured database; use as `with new_session() as session:`."""
    return Session(get_engine(), expire_on_commit=False)
