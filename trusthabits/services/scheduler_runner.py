"""Running the scheduler and the mail sender: APScheduler's tick job, leader election, and the
process entry points (`trusthabits scheduler`, `trusthabits sender`, the Reflex lifespan task).

APScheduler only provides the heartbeat: a `BackgroundScheduler` in UTC fires `run_tick` every
`TRUSTHABITS_TICK_S` in a worker thread (never on the event loop serving browsers), with
`coalesce=True`, `max_instances=1` and a generous misfire grace so a busy moment delays a tick
instead of dropping it. What is due lives in the database (services/scheduler.py), so nothing is
lost if the process dies. Only the leader ticks; the others ask again every
`TRUSTHABITS_LEADER_RETRY_S`. Every process that claims work first holds its presence lock
(services/leader.py), so when it dies the next leader or sender takes its claims over at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.background import BackgroundScheduler

from trusthabits.config import data_dir, get_settings
from trusthabits.db.engine import new_session
from trusthabits.db.types import utcnow
from trusthabits.services import mail, scheduler
from trusthabits.services.leader import ProcessLocks, locks_for

log = logging.getLogger("trusthabits.scheduler")

MISFIRE_GRACE_SECONDS = 600


def clock() -> datetime:
    """Now, or the instant in TRUSTHABITS_TEST_NOW (ISO 8601, for process-level tests)."""
    fixed = os.environ.get("TRUSTHABITS_TEST_NOW")
    if fixed:
        return datetime.fromisoformat(fixed).astimezone(timezone.utc)
    return utcnow()


def process_locks() -> ProcessLocks:
    settings = get_settings()
    return locks_for(settings.database_url, settings.lock_database_url, data_dir())


def run_tick(locks: ProcessLocks, now: datetime | None = None) -> scheduler.TickReport:
    settings = get_settings()
    locks.hold_presence()
    ctx = scheduler.Context(now=now or clock(), base_url=settings.base_url, worker=locks.name,
                            log_links=not settings.smtp_url, can_mail=bool(settings.smtp_url),
                            lease=timedelta(seconds=settings.claim_lease_seconds), is_gone=locks.is_gone)
    return scheduler.tick(new_session, ctx, settings.smtp_url, settings.mail_from, settings.mail_sender_enabled)


def _safe_tick(locks: ProcessLocks) -> None:
    try:
        report = run_tick(locks)
        if report.done or report.skipped or report.sent or report.taken_over:
            log.info("tick: %d done, %d skipped, %d mail(s) sent, %d claim(s) taken over",
                     report.done, report.skipped, report.sent, report.taken_over)
    except Exception:  # noqa: BLE001 - the next tick tries again; the database keeps what is due
        log.exception("scheduler tick failed")


def start_ticking(locks: ProcessLocks) -> BackgroundScheduler:
    heartbeat = BackgroundScheduler(timezone=timezone.utc, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS})
    heartbeat.add_job(_safe_tick, "interval", args=[locks], seconds=get_settings().tick_seconds, id="tick",
                      next_run_time=utcnow())
    heartbeat.start()
    return heartbeat


def lead(locks: ProcessLocks, stop: threading.Event) -> None:
    """Ask for leadership every retry interval; tick while leading; step down when the lock is
    lost (its database connection broke) and ask again. Returns when `stop` is set."""
    retry = get_settings().leader_retry_seconds
    told = False
    while not stop.is_set():
        try:
            won = locks.try_lead()
        except Exception:  # noqa: BLE001 - the database is away: keep asking
            log.warning("scheduler: cannot reach the database to ask for leadership", exc_info=True)
            won = False
        if not won:
            if not told:
                log.info("scheduler: not the leader; asking again every %gs", retry)
                told = True
            stop.wait(retry)
            continue
        log.info("scheduler: this process is the leader (%s)", locks.name)
        heartbeat = start_ticking(locks)
        try:
            while not stop.wait(retry):
                if not locks.still_held():
                    log.warning("scheduler: lost the leader lock (database connection); stepping down")
                    break
        finally:
            heartbeat.shutdown(wait=True)
        told = False


async def run_scheduler() -> None:
    """Reflex lifespan task (one per worker): lead, or keep asking, in a thread of its own."""
    if not get_settings().scheduler_enabled:
        log.info("scheduler off (TRUSTHABITS_SCHEDULER)")
        return
    locks, stop = process_locks(), threading.Event()
    # A thread of its own, not the default executor that event handlers use for database work.
    leader = threading.Thread(target=lead, args=(locks, stop), name="scheduler-leader", daemon=True)
    leader.start()
    try:
        await asyncio.Event().wait()  # until the app shuts down and cancels this task
    finally:
        stop.set()
        await asyncio.to_thread(leader.join, 30)
        locks.release()


def _stop_on_sigterm(stop: threading.Event) -> None:
    # systemd and `make cluster-stop` send SIGTERM: finish the current tick or batch, then exit.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())


def run_forever() -> None:
    """`trusthabits scheduler`: the same election, as its own process."""
    locks, stop = process_locks(), threading.Event()
    _stop_on_sigterm(stop)
    try:
        locks.hold_presence()
        lead(locks, stop)
    finally:
        locks.release()


def send_until_stopped(locks: ProcessLocks, stop: threading.Event) -> int:
    """`trusthabits sender`: deliver the outbox together with any other senders (each claims its
    own batch with SKIP LOCKED), taking over the batches of senders that died. Returns how many
    messages this process sent."""
    settings = get_settings()
    if not settings.smtp_url:
        log.warning("sender: SMTP_URL is not set; nothing will be sent")
    lease = timedelta(seconds=settings.claim_lease_seconds)
    total = 0
    while not stop.is_set():
        try:
            locks.hold_presence()
            with new_session() as session:
                mail.take_over_from_the_gone(session, locks.is_gone, clock())
                while not stop.is_set() and (sent := mail.deliver_due(
                        session, settings.smtp_url, clock(), settings.mail_from, locks.name, lease)) > 0:
                    total += sent
        except Exception:  # noqa: BLE001 - the database or SMTP server is away: try again shortly
            log.exception("sender: delivery round failed")
        stop.wait(settings.sender_poll_seconds)
    return total


def run_sender() -> int:
    locks, stop = process_locks(), threading.Event()
    _stop_on_sigterm(stop)
    log.info("sender: started as %s", locks.name)
    try:
        return send_until_stopped(locks, stop)
    finally:
        locks.release()
