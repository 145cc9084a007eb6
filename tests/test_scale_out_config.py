"""The scale-out settings: which Reflex state manager a process gets, what a backend-only worker's
Reflex config holds, and the PostgreSQL pool per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from trusthabits.config import ENVIRONMENT_VARIABLES, Settings
from trusthabits.db.engine import build_engine

ROOT = Path(__file__).resolve().parents[1]

# Reflex's own choice, made the way a starting worker makes it: load rxconfig, then ask Reflex.
PROBE = """
import json, sys
from reflex_base.config import get_config
from reflex.istate.manager import StateManager
config = get_config()
manager = StateManager.create()
print(json.dumps({"manager": type(manager).__name__, "redis_url": config.redis_url,
                  "frontend_port": config.frontend_port, "backend_port": config.backend_port,
                  "lock_warning_ms": getattr(manager, "lock_warning_threshold", None),
                  "hold_ms": getattr(manager, "oplock_hold_time_ms", None) if getattr(manager, "_oplock_enabled", False)
                  else 0}))
"""


@pytest.fixture
def clean_env(monkeypatch):
    for name in ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _reflex_config(argv: list[str], **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_VARIABLES and not k.startswith("REFLEX_")}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_single_process_keeps_state_in_memory_and_redis_url_switches_to_redis(clean_env):
    assert Settings().state_manager == "memory" and Settings().redis_url is None
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    assert (Settings().state_manager, Settings().redis_url) == ("redis", "redis://127.0.0.1:6390/0")
    clean_env.delenv("REDIS_URL")
    clean_env.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6391/0")  # Reflex's own name works too
    assert (Settings().state_manager, Settings().redis_url) == ("redis", "redis://127.0.0.1:6391/0")


def test_a_bad_redis_setting_stops_the_start(clean_env):
    clean_env.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ValidationError, match="redis://"):
        Settings()
    clean_env.delenv("REDIS_URL")
    clean_env.setenv("TRUSTHABITS_STATE_MANAGER", "redis")
    with pytest.raises(ValidationError, match="needs REDIS_URL"):
        Settings()


def test_reflex_gets_the_memory_manager_alone_and_the_redis_manager_with_redis_url():
    alone = _reflex_config([], PORT="3999")
    assert alone["manager"] == "StateManagerMemory" and alone["frontend_port"] == 3999
    workers = _reflex_config([], PORT="3999", REDIS_URL="redis://127.0.0.1:6390/0")
    assert workers["manager"] == "StateManagerRedis" and workers["redis_url"] == "redis://127.0.0.1:6390/0"


def test_reflex_warns_about_a_slow_event_only_well_before_its_state_lock_expires(clean_env):
    worker = _reflex_config(["--backend-only"], PORT="8101", REDIS_URL="redis://127.0.0.1:6390/0")
    assert worker["lock_warning_ms"] == 5000  # Reflex's own default is 1000
    worker = _reflex_config(["--backend-only"], PORT="8101", REDIS_URL="redis://127.0.0.1:6390/0",
                            TRUSTHABITS_STATE_LOCK_WARNING_MS="2500")
    assert worker["lock_warning_ms"] == 2500
    clean_env.setenv("TRUSTHABITS_STATE_LOCK_WARNING_MS", "10000")  # Reflex's lock expires at 10 s
    with pytest.raises(ValidationError, match="TRUSTHABITS_STATE_LOCK_WARNING_MS"):
        Settings()


def test_slow_lock_warnings_are_printed_once_per_interval_with_a_count(monkeypatch):
    import logging

    from trusthabits import config

    now = [100.0]
    monkeypatch.setattr("time.monotonic", lambda: now[0])
    gate = config._SlowLockWarnings(interval_s=10)

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord(config.REFLEX_STATE_LOGGER, logging.WARNING, __file__, 1, msg, None, None)

    first = record("Lock for token a was held too long time_taken=1.2s")
    assert gate.filter(first) and first.getMessage().endswith("1.2s")
    assert not any(gate.filter(record(f"Lock for token {n} was held too long")) for n in range(50))
    assert gate.filter(record("State lock for x missing while finalizing lease."))  # others pass
    now[0] += 10
    later = record("Lock for token b was held too long time_taken=1.5s")
    assert gate.filter(later) and "(50 more such warnings in the last 10 s)" in later.getMessage()


def test_a_worker_keeps_a_tabs_state_between_events_only_when_told(clean_env):
    worker = _reflex_config(["--backend-only"], PORT="8101", REDIS_URL="redis://127.0.0.1:6390/0")
    assert worker["hold_ms"] == 0  # Reflex's opportunistic lock is off: every event saves to Redis
    worker = _reflex_config(["--backend-only"], PORT="8101", REDIS_URL="redis://127.0.0.1:6390/0",
                            TRUSTHABITS_STATE_HOLD_MS="1000")
    assert worker["hold_ms"] == 1000
    clean_env.setenv("TRUSTHABITS_STATE_HOLD_MS", "10000")  # must stay below the 10 s lock expiry
    with pytest.raises(ValidationError, match="TRUSTHABITS_STATE_HOLD_MS"):
        Settings()


def test_a_backend_only_worker_sets_no_frontend_port(clean_env):
    # `reflex run --backend-only` refuses a configured frontend port.
    worker = _reflex_config(["--backend-only"], PORT="8101", REDIS_URL="redis://127.0.0.1:6390/0")
    assert worker["frontend_port"] is None and worker["backend_port"] == 8101


def test_pool_size_and_overflow_bound_each_process_connections(postgres_url):
    engine = build_engine(postgres_url, pool_size=3, max_overflow=2)
    try:
        assert (engine.pool.size(), engine.pool._max_overflow) == (3, 2)
    finally:
        engine.dispose()


def test_an_event_that_only_read_keeps_its_prepared_statements_and_one_that_wrote_rolls_back(postgres_url):
    """psycopg forgets its prepared statements on every ROLLBACK, and closing a session rolls
    back: AppSession ends a read-only transaction with COMMIT instead. Writes left uncommitted
    (or an exception) still roll back."""
    from sqlalchemy import func, select, text

    from trusthabits.db.engine import AppSession
    from trusthabits.db.models import Manager

    engine = build_engine(postgres_url, pool_size=1, max_overflow=0)
    try:
        for _ in range(7):  # psycopg prepares a statement on its 5th use on a connection
            with AppSession(engine) as db:
                db.exec(select(func.count()).select_from(Manager).where(Manager.id > 0)).one()
        with engine.connect() as connection:
            assert connection.connection.dbapi_connection._prepared._names  # still prepared
        with AppSession(engine) as db:
            db.exec(text("CREATE TEMP TABLE IF NOT EXISTS t_probe (n int)"))
            db.commit()
        with AppSession(engine) as db:
            db.exec(text("INSERT INTO t_probe VALUES (1)"))  # not committed: rolled back at exit
        with pytest.raises(RuntimeError), AppSession(engine) as db:
            db.exec(text("INSERT INTO t_probe VALUES (2)"))
            db.commit()
            db.exec(select(func.count()).select_from(Manager)).one()
            raise RuntimeError("after a commit, then a read: the exception still rolls back")
        with AppSession(engine) as db:
            assert db.exec(text("SELECT n FROM t_probe ORDER BY n")).all() == [(2,)]
    finally:
        engine.dispose()


def test_a_connection_idle_for_a_while_is_checked_and_replaced_when_dead(postgres_url, monkeypatch):
    from sqlalchemy import text

    from trusthabits.db import engine as engine_module

    engine = build_engine(postgres_url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        with engine.connect() as connection:  # used a moment ago: no check, same connection
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() == first
        admin = build_engine(postgres_url)
        with admin.connect() as connection:  # the server drops it (a restart, a failover)
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        admin.dispose()
        monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)  # as if idle for long
        with engine.connect() as connection:  # checked, found dead, replaced: no error
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() != first
    finally:
        engine.dispose()
