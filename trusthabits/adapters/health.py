"""Health check: is the database reachable and migrated?"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session


def database_ok(session: Session) -> bool:
    try:
        session.exec(text("SELECT 1 FROM manager LIMIT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy", the log says why
        return False
    return True
