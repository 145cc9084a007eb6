"""Daily upkeep run by the scheduler's leader: the daily backup (kept `backup_keep` deep) and
retention (what is deleted after how long; README: "What is kept, and for how long").

Retention, each period a setting:

- sent or failed mail older than `retain_outbox_days`: body, address, link and error are
  blanked; the row stays (kind, subject, status, dates) so the Outbox's history and the daily
  sending limits keep their counts;
- invitations whose round closed more than `retain_invitations_days` ago: the token hash is
  replaced by a marker that no token hashes to (the link is dead and cannot be matched to a
  token any more); the row stays, so "n invited" stays true;
- failed sign-in attempts older than `retain_login_attempts_hours`; successful ones are kept
  for the throttle's KNOWN_FOR (90 days: "this browser's address signed in here before" is
  what spares the owner the delays strangers cause), then deleted too;
- sessions that expired or were revoked more than `retain_sessions_days` ago, and used or
  expired account links (confirmation, password reset) as soon as they are dead.

Once per UTC day: the first tick of the day inserts the `ScheduledSend` row (kind
`daily_upkeep`, target 0, period YYYYMMDD); the UNIQUE key lets exactly one process win it, even
with overlapping schedulers, and only the winner does the work. Its status is never `pending` or
`claimed`, so the weekly engine's claim step never picks it up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String, cast, delete, literal, or_, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from trusthabits.adapters import backup
from trusthabits.config import Settings
from trusthabits.core.signin_throttle import KNOWN_FOR
from trusthabits.db.models import (
    AccountToken,
    AuthSession,
    Invitation,
    LoginAttempt,
    OutboxMessage,
    PulseRound,
    ScheduledSend,
)

log = logging.getLogger("trusthabits.maintenance")

UPKEEP_KIND = "daily_upkeep"
DAILY_BACKUP_PREFIX = "trusthabits-daily"


RETIRED_TOKEN = "retired:"  # + the invitation's id: unique, and never a SHA-256 hex digest
SENT, FAILED = "sent", "failed"


@dataclass
class Retention:
    outbox_blanked: int = 0
    invitations_retired: int = 0
    login_attempts_deleted: int = 0
    sessions_deleted: int = 0
    account_links_deleted: int = 0


@dataclass
class UpkeepReport:
    ran: bool = False
    backup_file: str = ""
    pruned: int = 0
    retention: Retention = field(default_factory=Retention)
    notes: list[str] = field(default_factory=list)


def _count(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def apply_retention(session: Session, settings: Settings, now: datetime) -> Retention:
    """Delete or blank what is past its retention period. Idempotent; commits."""
    done = Retention()
    outbox_cutoff = now - timedelta(days=settings.retain_outbox_days)
    done.outbox_blanked = _count(session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.status).in_((SENT, FAILED)), col(OutboxMessage.created_at) < outbox_cutoff,
               or_(col(OutboxMessage.to_address) != "", col(OutboxMessage.body) != ""))
        .values(to_address="", body="", link="", last_error="")))

    closed_before = now - timedelta(days=settings.retain_invitations_days)
    done_rounds = select(PulseRound.id).where(or_(
        col(PulseRound.closed_at) < closed_before,
        col(PulseRound.closes_at) < closed_before))
    done.invitations_retired = _count(session.execute(
        update(Invitation)
        .where(col(Invitation.round_id).in_(done_rounds), ~col(Invitation.token_hash).startswith(RETIRED_TOKEN))
        .values(token_hash=literal(RETIRED_TOKEN) + cast(col(Invitation.id), String))
        .execution_options(synchronize_session=False)))

    failed_before = now - timedelta(hours=settings.retain_login_attempts_hours)
    done.login_attempts_deleted = _count(session.execute(delete(LoginAttempt).where(or_(
        (col(LoginAttempt.succeeded).is_(False)) & (col(LoginAttempt.attempted_at) < failed_before),
        col(LoginAttempt.attempted_at) < now - max(KNOWN_FOR, timedelta(hours=settings.retain_login_attempts_hours)),
    ))))

    sessions_before = now - timedelta(days=settings.retain_sessions_days)
    done.sessions_deleted = _count(session.execute(delete(AuthSession).where(or_(
        col(AuthSession.expires_at) < sessions_before, col(AuthSession.revoked_at) < sessions_before))))
    done.account_links_deleted = _count(session.execute(delete(AccountToken).where(or_(
        col(AccountToken.expires_at) < now, col(AccountToken.used_at).is_not(None)))))
    session.commit()
    return done


def _win_the_day(session: Session, now: datetime) -> ScheduledSend | None:
    row = ScheduledSend(kind=UPKEEP_KIND, target_id=0, period=f"{now:%Y%m%d}", due_at=now, status="running",
                        claimed_at=now)
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return row


def daily_backup(settings: Settings, now: datetime) -> tuple[str, int]:
    """One backup into the backup folder, then all but the newest `backup_keep` daily ones go."""
    if settings.backup_keep <= 0:
        return "", 0
    target = settings.backup_dir / backup.default_file_name(DAILY_BACKUP_PREFIX, now)
    backup.backup(settings.database_url, target)
    pruned = backup.prune(settings.backup_dir, DAILY_BACKUP_PREFIX, settings.backup_keep)
    return str(target), len(pruned)


def run_daily(session: Session, settings: Settings, now: datetime) -> UpkeepReport:
    """The day's upkeep, if no process did it yet today. Each part runs even if another failed."""
    report = UpkeepReport()
    row = _win_the_day(session, now)
    if row is None:
        return report
    report.ran = True
    try:
        report.backup_file, report.pruned = daily_backup(settings, now)
    except Exception as failed:  # noqa: BLE001 - logged and noted; tomorrow tries again
        log.exception("daily backup failed")
        report.notes.append(f"backup failed: {failed}"[:140])
    try:
        report.retention = apply_retention(session, settings, now)
    except Exception as failed:  # noqa: BLE001 - logged and noted; tomorrow tries again
        session.rollback()
        log.exception("retention failed")
        report.notes.append(f"retention failed: {failed}"[:140])
    row.status = "done" if not report.notes else "skipped"
    row.done_at = now
    row.note = "; ".join(report.notes)[:300] or (f"backup {report.backup_file}"[-300:] if report.backup_file else "")
    session.add(row)
    session.commit()
    if report.backup_file:
        log.info("daily backup written to %s (%d old one(s) removed)", report.backup_file, report.pruned)
    log.info("retention: %s", report.retention)
    return report
