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


def data_dir() -> Path:
    return Path(os.environ.get("TRUSTHABITS_DATA_DIR", PROJECT_ROOT / "data"))


def get_settings() -> Settings:
    port = int(os.environ.get("PORT", "3000"))
    default_db = f"sqlite:///{data_dir() / 'trusthabits.db'}"
    return Settings(
        database_url=os.environ.get("DATABASE_URL", default_db),
        base_url=os.environ.get("TRUSTHABITS_BASE_URL", f"http://localhost:{port}").rstrip("/"),
        port=port,
        scheduler_enabled=_switch("TRUSTHABITS_SCHEDULER"),
        log_level=os.environ.get("TRUSTHABITS_LOG_LEVEL", "INFO").upper(),
        smtp_url=os.environ.get("SMTP_URL") or None,
        mail_from=os.environ.get("TRUSTHABITS_MAIL_FROM", "TrustHabits <no-reply@localhost>"),
        mail_sender_enabled=_switch("TRUSTHABITS_MAIL_SENDER"),
    )


def _switch(name: str) -> bool:
    return os.environ.get(name, "on").lower() not in ("off", "0", "false")


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe for logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is logged as-is minus credentials
        return url.split("@")[-1]
