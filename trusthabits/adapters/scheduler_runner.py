"""Running the scheduler's tick on exactly one leader, and the mail senders: APScheduler's
heartbeat, the election, and the loops of `trusthabits scheduler`, `trusthabits sender` and the
Reflex lifespan task.

APScheduler only provides the heartbeat: a `BackgroundScheduler` in UTC calls the tick every
`tick_seconds` in a worker thread (never on the event loop serving browsers), with
`coalesce=True`, `max_instances=1` and a generous misfire grace so a busy moment delays a tick
instead of dropping it. What is due lives in the database (services/scheduler.py), so nothing is
lost if the process dies. Only the leader ticks; the others ask again every
`leader_retry_seconds`. Every process that claims work holds its presence lock first
(adapters/leader.py), so when it dies the next leader or sender takes its claims over at once.

What a tick or a sender's round does is handed in (`services.scheduler.run_tick`,
`services.mail.deliver_round`), with this process's locks: this module knows nothing of
schedules or mail.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler

from trusthabits.adapters.leader import ProcessLocks, locks_for
from trusthabits.config import Settings
from trusthabits.core import clock

log = logging.getLogger("trusthabits.scheduler")

MISFIRE_GRACE_SECONDS = 600

Tick = Callable[[ProcessLocks], object]
Round = Callable[[ProcessLocks], int]


def process_locks(settings: Settings) -> ProcessLocks:
    return locks_for(settings.database_url, settings.lock_database_url, settings.data_dir)


def _safe(tick: Tick, locks: ProcessLocks) -> Callable[[], None]:
    def run() -> None:
        try:
            tick(locks)
        except Exception:  # noqa: BLE001 - the next tick tries again; the database keeps what is due
            log.exception("scheduler tick failed")
    return run


def start_ticking(tick: Tick, locks: ProcessLocks, settings: Settings) -> BackgroundScheduler:
    heartbeat = BackgroundScheduler(timezone=UTC, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS})
    heartbeat.add_job(_safe(tick, locks), "interval", seconds=settings.tick_seconds, id="tick",
                      next_run_time=clock.now())
    heartbeat.start()
    return heartbeat


def lead(tick: Tick, locks: ProcessLocks, settings: Settings, stop: threading.Event) -> None:
    """Ask for leadership every retry interval; tick while leading; step down when the lock is
    lost (its database connection broke) and ask again. Returns once `stop` is set."""
    told = False
    while not stop.is_set():
        try:
            won = locks.try_lead()
        except Exception:  # noqa: BLE001 - the database is away: keep asking
            log.warning("scheduler: cannot reach the database to ask for leadership", exc_info=True)
            won = False
        if not won:
            if not told:
                log.info("scheduler: not the leader; asking again every %gs", settings.leader_retry_seconds)
                told = True
            stop.wait(settings.leader_retry_seconds)
            continue
        log.info("scheduler: this process is the leader (%s)", locks.name)
        heartbeat = start_ticking(tick, locks, settings)
        try:
            while not stop.wait(settings.leader_retry_seconds):
                if not locks.still_held():
                    log.warning("scheduler: lost the leader lock (database connection); stepping down")
                    break
        finally:
            heartbeat.shutdown(wait=True)
        told = False


async def run_as_leader(tick: Tick, settings: Settings) -> None:
    """The Reflex lifespan task (one per worker): lead, or keep asking, in a thread of its own."""
    if not settings.scheduler_enabled:
        log.info("scheduler off (TRUSTHABITS_SCHEDULER)")
        return
    locks, stop = process_locks(settings), threading.Event()
    # A thread of its own, not the default executor that event handlers use for database work.
    leader = threading.Thread(target=lead, args=(tick, locks, settings, stop), name="scheduler-leader", daemon=True)
    leader.start()
    try:
        await asyncio.Event().wait()  # until the app shuts down and cancels this task
    finally:
        stop.set()
        await asyncio.to_thread(leader.join, 30)
        locks.release()


def _stop_on_signals(stop: threading.Event) -> None:
    # systemd and `make cluster-stop` send SIGTERM: finish the current tick or batch, then exit.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())


def run_forever(tick: Tick, settings: Settings) -> None:
    """`trusthabits scheduler`: the same election, as its own process, until SIGTERM."""
    locks, stop = process_locks(settings), threading.Event()
    _stop_on_signals(stop)
    try:
        locks.hold_presence()
        lead(tick, locks, settings, stop)
    finally:
        locks.release()


def run_sender(deliver_round: Round, settings: Settings) -> int:
    """`trusthabits sender`: run `deliver_round` every poll interval until SIGTERM, alongside any
    number of other senders (each claims its own batches). Returns how many mails it sent."""
    locks, stop = process_locks(settings), threading.Event()
    _stop_on_signals(stop)
    log.info("sender: started as %s", locks.name)
    total = 0
    try:
        while not stop.is_set():
            try:
                total += deliver_round(locks)
            except Exception:  # noqa: BLE001 - the database or the mail server is away: try again
                log.exception("sender: delivery round failed")
            stop.wait(settings.sender_poll_seconds)
    finally:
        locks.release()
    return total
