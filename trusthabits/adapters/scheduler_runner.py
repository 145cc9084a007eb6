"""Running the scheduler's tick on exactly one leader: APScheduler's heartbeat and the election.

APScheduler only provides the heartbeat: a `BackgroundScheduler` in UTC calls the tick every
`TICK_SECONDS` in a worker thread (never on the event loop serving browsers), with
`coalesce=True`, `max_instances=1` and a generous misfire grace so a busy moment delays a tick
instead of dropping it. What is due lives in the database (services/scheduler.py), so nothing is
lost if the process dies. Only the leader ticks; the others ask again every
`leader_retry_seconds` (a setting), so a new leader takes over when the old one dies.

What a tick does is handed in (`tick`, usually `services.scheduler.run_tick`): this module
knows nothing of schedules or mail.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler

from trusthabits.adapters.leader import LeaderLock, leader_lock_for, worker_name
from trusthabits.config import Settings
from trusthabits.core import clock
from trusthabits.db.engine import get_engine

log = logging.getLogger("trusthabits.scheduler")

TICK_SECONDS = 30
MISFIRE_GRACE_SECONDS = 600

Tick = Callable[[], object]


def _safe(tick: Tick) -> Callable[[], None]:
    def run() -> None:
        try:
            tick()
        except Exception:  # noqa: BLE001 - the next tick tries again; the database keeps what is due
            log.exception("scheduler tick failed")
    return run


def start_ticking(tick: Tick) -> BackgroundScheduler:
    heartbeat = BackgroundScheduler(timezone=UTC, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS})
    heartbeat.add_job(_safe(tick), "interval", seconds=TICK_SECONDS, id="tick", next_run_time=clock.now())
    heartbeat.start()
    return heartbeat


def _lock(settings: Settings) -> LeaderLock:
    return leader_lock_for(get_engine(), settings.data_dir)


async def run_as_leader(tick: Tick, settings: Settings) -> None:
    """The Reflex lifespan task (one per worker): become leader and tick, or keep asking."""
    if not settings.scheduler_enabled:
        log.info("scheduler off (TRUSTHABITS_SCHEDULER)")
        return
    lock, heartbeat, told = _lock(settings), None, False
    try:
        while heartbeat is None:
            if await asyncio.to_thread(lock.try_acquire):
                log.info("scheduler: this worker is the leader (%s)", worker_name())
                heartbeat = start_ticking(tick)
            else:
                if not told:
                    log.info("scheduler: not the leader; another worker runs it (retrying every %gs)",
                             settings.leader_retry_seconds)
                    told = True
                await asyncio.sleep(settings.leader_retry_seconds)
        while True:
            await asyncio.sleep(3600)
    finally:
        if heartbeat is not None:
            heartbeat.shutdown(wait=False)
        lock.release()


def run_forever(tick: Tick, settings: Settings) -> None:
    """`trusthabits scheduler`: the same election, as its own process."""
    lock = _lock(settings)
    told = False
    while not lock.try_acquire():
        if not told:
            log.info("scheduler: not the leader; waiting for the current one to stop")
            told = True
        time.sleep(settings.leader_retry_seconds)
    log.info("scheduler: this process is the leader (%s)", worker_name())
    heartbeat = start_ticking(tick)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        heartbeat.shutdown()
        lock.release()
