"""Deployment settings, read from environment variables only (the README documents each one).

Read at call time rather than import time so tests and the CLI can point a process at another
database by setting the environment first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    base_url: str
    port: int
    scheduler_enabled: bool
    log_level: str
    smtp_url: str | None = None
    mail_from: str = "TrustHabits <no-reply@localhost>"
    mail_sender_enabled: bool = True
    # Reflex state: in this process's memory (one worker), on disk, or in Redis (several workers).
    redis_url: str | None = None
    state_manager: str = "memory"
    # PostgreSQL connections per worker process: pool + overflow (see the production guide).
    db_pool_size: int = 5
    db_max_overflow: int = 5
    # Advisory locks need a session of their own: a direct URL past PgBouncer's transaction mode.
    lock_database_url: str = ""
    # The weekly rhythm's heartbeat, how often a follower asks to lead, and how long a claim
    # whose holder cannot be checked (see services/presence.py) waits before another takes it.
    tick_seconds: float = 30.0
    leader_retry_seconds: float = 2.0
    claim_lease_seconds: float = 300.0
    sender_poll_seconds: float = 2.0


def data_dir() -> Path:
    return Path(os.environ.get("TRUSTHABITS_DATA_DIR", PROJECT_ROOT / "data"))


STATE_MANAGERS = ("memory", "disk", "redis")


def get_settings() -> Settings:
    port = int(os.environ.get("PORT", "3000"))
    default_db = f"sqlite:///{data_dir() / 'trusthabits.db'}"
    database_url = os.environ.get("DATABASE_URL", default_db)
    # Reflex itself reads only REFLEX_REDIS_URL; REDIS_URL is the name deployments expect.
    redis_url = os.environ.get("REDIS_URL") or os.environ.get("REFLEX_REDIS_URL") or None
    state_manager = os.environ.get("TRUSTHABITS_STATE_MANAGER", "").lower() or ("redis" if redis_url else "memory")
    if state_manager not in STATE_MANAGERS or (state_manager == "redis" and not redis_url):
        raise ValueError(f"TRUSTHABITS_STATE_MANAGER must be one of {', '.join(STATE_MANAGERS)} "
                         "(redis needs REDIS_URL)")
    return Settings(
        database_url=database_url,
        base_url=os.environ.get("TRUSTHABITS_BASE_URL", f"http://localhost:{port}").rstrip("/"),
        port=port,
        scheduler_enabled=_switch("TRUSTHABITS_SCHEDULER"),
        log_level=os.environ.get("TRUSTHABITS_LOG_LEVEL", "INFO").upper(),
        smtp_url=os.environ.get("SMTP_URL") or None,
        mail_from=os.environ.get("TRUSTHABITS_MAIL_FROM", "TrustHabits <no-reply@localhost>"),
        mail_sender_enabled=_switch("TRUSTHABITS_MAIL_SENDER"),
        redis_url=redis_url,
        state_manager=state_manager,
        db_pool_size=_number("TRUSTHABITS_DB_POOL_SIZE", 5, int, low=1),
        db_max_overflow=_number("TRUSTHABITS_DB_MAX_OVERFLOW", 5, int, low=0),
        lock_database_url=os.environ.get("TRUSTHABITS_LOCK_DATABASE_URL") or database_url,
        tick_seconds=_number("TRUSTHABITS_TICK_S", 30.0, float, low=0.1),
        leader_retry_seconds=_number("TRUSTHABITS_LEADER_RETRY_S", 2.0, float, low=0.05),
        claim_lease_seconds=_number("TRUSTHABITS_CLAIM_LEASE_S", 300.0, float, low=1),
        sender_poll_seconds=_number("TRUSTHABITS_SENDER_POLL_S", 2.0, float, low=0.05),
    )


def _number(name: str, default, kind, low):
    raw = os.environ.get(name)
    if not raw:
        return default
    value = kind(raw)
    if value < low:
        raise ValueError(f"{name} must be at least {low} (got {raw!r})")
    return value


def _switch(name: str) -> bool:
    return os.environ.get(name, "on").lower() not in ("off", "0", "false")


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe for logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is logged as-is minus credentials
        return url.split("@")[-1]
