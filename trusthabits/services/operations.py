"""What an operator watches: the scheduler leader's heartbeat, the health report behind
`/api/health`, and the database-side numbers `/metrics` shows.

The heartbeat is one `ScheduledSend` row (kind `heartbeat`, target 0, period `leader`) that the
leader's every tick updates: whichever worker answers `/api/health`, it reads the same row.
Its status is never `pending` or `claimed`, so the weekly engine never picks it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, text, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from trusthabits.db.models import OutboxMessage, ScheduledSend

HEARTBEAT_KIND, HEARTBEAT_PERIOD, HEARTBEAT_STATUS = "heartbeat", "leader", "beat"
# No tick for this long: the scheduler is considered down (/api/health answers 503).
TICK_STALE = timedelta(minutes=5)


def record_tick(session: Session, worker: str, now: datetime) -> None:
    """The leader ticked at `now`. Commits."""
    result = session.execute(
        update(ScheduledSend)
        .where(col(ScheduledSend.kind) == HEARTBEAT_KIND, col(ScheduledSend.target_id) == 0,
               col(ScheduledSend.period) == HEARTBEAT_PERIOD)
        .values(due_at=now, done_at=now, claimed_by=worker[:80]))
    session.commit()
    if isinstance(result, CursorResult) and result.rowcount:
        return
    session.add(ScheduledSend(kind=HEARTBEAT_KIND, target_id=0, period=HEARTBEAT_PERIOD, due_at=now, done_at=now,
                              status=HEARTBEAT_STATUS, claimed_by=worker[:80]))
    try:
        session.commit()
    except IntegrityError:  # another process inserted it first: that one is as good
        session.rollback()


def last_tick(session: Session) -> tuple[datetime | None, str]:
    row = session.exec(select(ScheduledSend).where(
        ScheduledSend.kind == HEARTBEAT_KIND, ScheduledSend.target_id == 0,
        ScheduledSend.period == HEARTBEAT_PERIOD)).first()
    return (row.due_at, row.claimed_by) if row else (None, "")


def outbox_counts(session: Session) -> dict[str, int]:
    """How many messages are in each status (queued, sending, sent, failed)."""
    rows = session.exec(select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))).all()
    return {str(status): int(count) for status, count in rows}


def oldest_queued(session: Session) -> datetime | None:
    return session.exec(select(func.min(OutboxMessage.created_at)).where(
        col(OutboxMessage.status).in_(("queued", "sending")))).one()


@dataclass(frozen=True)
class Health:
    ok: bool
    database: str  # "ok" or "error"
    migration: str | None  # the database's head
    expected_migration: str | None  # this code's head
    last_tick: datetime | None
    leader: str
    outbox_backlog: int
    oldest_queued_seconds: float | None
    problems: tuple[str, ...]

    def as_json(self, detail: bool = True) -> dict[str, object]:
        """Without `detail` (anyone on the internet may ask): no leader name (host and pid) and
        no outbox numbers; the status, the migration heads, the last tick and the problems stay."""
        scheduler: dict[str, object] = {"last_tick": self.last_tick.isoformat() if self.last_tick else None}
        report: dict[str, object] = {
            "status": "ok" if self.ok else "unavailable",
            "database": self.database,
            "migration": {"current": self.migration, "expected": self.expected_migration},
            "scheduler": scheduler,
            "problems": list(self.problems),
        }
        if detail:
            scheduler["leader"] = self.leader
            report["outbox"] = {"backlog": self.outbox_backlog, "oldest_queued_seconds": self.oldest_queued_seconds}
        return report


def health(session: Session, expected_migration: str | None, now: datetime) -> Health:
    """Database reachable; migrated to this code's head (503 otherwise); the leader ticked within
    TICK_STALE (503 otherwise; no heartbeat yet at all — a fresh install whose scheduler has not
    started — is reported, not failed); the outbox backlog (reported)."""
    try:
        migration = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        session.rollback()
        return Health(False, "error", None, expected_migration, None, "", 0, None, ("database unreachable",))
    problems = []
    if migration != expected_migration:
        problems.append(f"migration {migration} is not {expected_migration}: run `trusthabits migrate`")
    ticked, leader = last_tick(session)
    if ticked is not None and now - ticked > TICK_STALE:
        problems.append(f"the scheduler's leader has not ticked since {ticked.isoformat()}")
    counts = outbox_counts(session)
    oldest = oldest_queued(session)
    return Health(
        ok=not problems, database="ok", migration=migration, expected_migration=expected_migration,
        last_tick=ticked, leader=leader, outbox_backlog=counts.get("queued", 0) + counts.get("sending", 0),
        oldest_queued_seconds=round((now - oldest).total_seconds(), 1) if oldest else None,
        problems=tuple(problems))
