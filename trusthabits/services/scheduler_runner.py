"""Running the scheduler: APScheduler's tick job, leader election, and the process entry points.

APScheduler only provides the heartbeat: a `BackgroundScheduler` in UTC fires `run_tick` every
`TICK_SECONDS` in a worker thread (never on the event loop serving browsers), with
`coalesce=True`, `max_instances=1` and a generous misfire grace so a busy moment delays a tick
instead of dropping it. What is due lives in the database (services/scheduler.py), so nothing is
lost if the process dies. Only the leader ticks; the others retry leadership every
`LEADER_RETRY_SECONDS`, so a new leader takes over when the old one dies.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from datetime import datetime, timezone

from apscheduler.schedulers.background import BackgroundScheduler

from trusthabits.config import data_dir, get_settings
from trusthabits.db.engine import get_engine, new_session
from trusthabits.db.types import utcnow
from trusthabits.services import scheduler
from trusthabits.services.leader import LeaderLock, leader_lock_for

log = logging.getLogger("trusthabits.scheduler")

TICK_SECONDS = 30
# How often a follower asks for leadership again; tests shorten it with TRUSTHABITS_LEADER_RETRY_S.
LEADER_RETRY_SECONDS = float(os.environ.get("TRUSTHABITS_LEADER_RETRY_S") or 30)
MISFIRE_GRACE_SECONDS = 600


def clock() -> datetime:
    """Now, or the instant in TRUSTHABITS_TEST_NOW (ISO 8601, for process-level tests)."""
    fixed = os.environ.get("TRUSTHABITS_TEST_NOW")
    if fixed:
        return datetime.fromisoformat(fixed).astimezone(timezone.utc)
    return utcnow()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_tick(now: datetime | None = None) -> scheduler.TickReport:
    settings = get_settings()
    ctx = scheduler.Context(now=now or clock(), base_url=settings.base_url, worker=worker_name(),
                            log_links=not settings.smtp_url, can_mail=bool(settings.smtp_url))
    return scheduler.tick(new_session, ctx, settings.smtp_url, settings.mail_from, settings.mail_sender_enabled)


def _safe_tick() -> None:
    try:
        report = run_tick()
        if report.done or report.skipped or report.sent:
            log.info("tick: %d done, %d skipped, %d mail(s) sent", report.done, report.skipped, report.sent)
    except Exception:  # noqa: BLE001 - the next tick tries again; the database keeps what is due
        log.exception("scheduler tick failed")


def start_ticking() -> BackgroundScheduler:
    heartbeat = BackgroundScheduler(timezone=timezone.utc, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS})
    heartbeat.add_job(_safe_tick, "interval", seconds=TICK_SECONDS, id="tick", next_run_time=utcnow())
    heartbeat.start()
    return heartbeat


def _lock() -> LeaderLock:
    return leader_lock_for(get_engine(), data_dir())


async def run_scheduler() -> None:
    """Reflex lifespan task (one per worker): become leader, or keep asking."""
    if not get_settings().scheduler_enabled:
        log.info("scheduler off (TRUSTHABITS_SCHEDULER)")
        return
    lock, heartbeat, told = _lock(), None, False
    try:
        while heartbeat is None:
            if await asyncio.to_thread(lock.try_acquire):
                log.info("scheduler: this worker is the leader (%s)", worker_name())
                heartbeat = start_ticking()
            else:
                if not told:
                    log.info("scheduler: not the leader; another worker runs it (retrying every %gs)",
                             LEADER_RETRY_SECONDS)
                    told = True
                await asyncio.sleep(LEADER_RETRY_SECONDS)
        while True:
            await asyncio.sleep(3600)
    finally:
        if heartbeat is not None:
            heartbeat.shutdown(wait=False)
        lock.release()


def run_forever() -> None:
    """`trusthabits scheduler`: the same election, as its own process."""
    lock = _lock()
    told = False
    while not lock.try_acquire():
        if not told:
            log.info("scheduler: not the leader; waiting for the current one to stop")
            told = True
        time.sleep(LEADER_RETRY_SECONDS)
    log.info("scheduler: this process is the leader (%s)", worker_name())
    heartbeat = start_ticking()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        heartbeat.shutdown()
        lock.release()
