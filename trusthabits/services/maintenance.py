"""Daily upkeep run by the scheduler's leader: the daily backup (kept `backup_keep` deep).

Once per UTC day: the first tick of the day inserts the `ScheduledSend` row (kind
`daily_upkeep`, target 0, period YYYYMMDD); the UNIQUE key lets exactly one process win it, even
with overlapping schedulers, and only the winner does the work. Its status is never `pending` or
`claimed`, so the weekly engine's claim step never picks it up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from trusthabits.adapters import backup
from trusthabits.config import Settings
from trusthabits.db.models import ScheduledSend

log = logging.getLogger("trusthabits.maintenance")

UPKEEP_KIND = "daily_upkeep"
DAILY_BACKUP_PREFIX = "trusthabits-daily"


@dataclass
class UpkeepReport:
    ran: bool = False
    backup_file: str = ""
    pruned: int = 0
    notes: list[str] = field(default_factory=list)


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
    row.status = "done" if not report.notes else "skipped"
    row.done_at = now
    row.note = "; ".join(report.notes)[:300] or (f"backup {report.backup_file}"[-300:] if report.backup_file else "")
    session.add(row)
    session.commit()
    if report.backup_file:
        log.info("daily backup written to %s (%d old one(s) removed)", report.backup_file, report.pruned)
    return report
