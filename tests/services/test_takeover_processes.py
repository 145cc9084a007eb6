"""Fast takeover with real processes on a real PostgreSQL server and a real SMTP server: the
claims of a SIGKILLed scheduler leader or mail sender are taken over as soon as it is dead.

Every process here runs with a one-hour claim lease, so a message that goes out at all after
its claimer died went out because the dead process's presence lock was seen to be free."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

from sqlmodel import Session, select

from tests.adapters.test_scheduler_leader import HANG_GUARD_S
from tests.services.test_scheduler_processes import DUE, EXPECTED, ROOT, _delivered, _seed
from trusthabits.db.engine import build_engine
from trusthabits.db.models import OutboxMessage

NO_LEASE = {"TRUSTHABITS_CLAIM_LEASE_S": "3600", "TRUSTHABITS_LEADER_RETRY_S": "0.2",
            "TRUSTHABITS_SENDER_POLL_S": "0.2"}


def _env(url: str, smtp_url: str, tmp_path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "TRUSTHABITS_BASE_URL": "http://rhythm.test",
           "TRUSTHABITS_DATA_DIR": str(tmp_path), **NO_LEASE}
    env.pop("SMTP_URL", None)
    if smtp_url:
        env["SMTP_URL"] = smtp_url
    return env


def _run(mode: str, url: str, smtp_url: str, tmp_path, pause_after_claim: float = 0) -> subprocess.Popen:
    """`trusthabits scheduler` (mode lead), `trusthabits sender` (send) or one tick (once), at
    the tests' fixed clock (tests/services/scheduler_process.py)."""
    command = [sys.executable, "-m", "tests.services.scheduler_process", "--now", DUE.isoformat(),
               "--mode", mode, "--pause-after-claim", str(pause_after_claim)]
    return subprocess.Popen(command, env=_env(url, smtp_url, tmp_path), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


class Claims:
    """Every "claimed N" line the processes print (the test hook between claim and send)."""

    def __init__(self, processes):
        self.lines: queue.Queue = queue.Queue()
        for process in processes:
            threading.Thread(target=self._pump, args=(process,), daemon=True).start()

    def _pump(self, process) -> None:
        for line in process.stdout:
            if line.startswith("claimed"):
                self.lines.put(process)

    def next_claimer(self) -> subprocess.Popen:
        return self.lines.get(timeout=HANG_GUARD_S)


def _wait_for_mail(inbox, count: int) -> None:
    deadline = time.monotonic() + HANG_GUARD_S  # only so a broken takeover fails instead of hanging
    while len(inbox.received) < count:
        assert time.monotonic() < deadline, f"{len(inbox.received)} of {count} messages arrived"
        time.sleep(0.1)
    time.sleep(1)  # and no second copy follows


def _stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()


def _each_sent_once(url: str, inbox) -> None:
    counts = _delivered(inbox)
    assert len(counts) == EXPECTED and set(counts.values()) == {1}
    engine = build_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    engine.dispose()
    assert len(rows) == EXPECTED and {(m.status, m.attempts) for m in rows} == {("sent", 1)}


def test_three_schedulers_whose_leader_is_killed_twice_deliver_every_mail_once(fresh_postgres, inbox, tmp_path):
    _seed(fresh_postgres)
    # Every leader stops for 3 s between claiming the outbox and sending it: the first two die there.
    schedulers = [_run("lead", fresh_postgres, inbox.url, tmp_path, pause_after_claim=3) for _ in range(3)]
    claims = Claims(schedulers)
    try:
        for _ in range(2):
            leader = claims.next_claimer()
            leader.send_signal(signal.SIGKILL)
            leader.wait()
        # The third takes over the batch the second took over from the first, and sends it.
        assert claims.next_claimer().poll() is None
        _wait_for_mail(inbox, EXPECTED)
    finally:
        _stop(schedulers)
    _each_sent_once(fresh_postgres, inbox)


def test_three_senders_share_the_outbox_and_take_over_a_killed_ones_batch(fresh_postgres, inbox, tmp_path):
    _seed(fresh_postgres)
    # One tick queues the invitations without sending them (no SMTP_URL).
    once = _run("once", fresh_postgres, "", tmp_path)
    assert once.wait(timeout=HANG_GUARD_S) == 0
    victim = _run("send", fresh_postgres, inbox.url, tmp_path, pause_after_claim=600)
    senders: list[subprocess.Popen] = []
    try:
        Claims([victim]).next_claimer()
        senders = [_run("send", fresh_postgres, inbox.url, tmp_path) for _ in range(2)]
        time.sleep(2)
        assert inbox.received == []  # the living victim's batch is left alone
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        _wait_for_mail(inbox, EXPECTED)
    finally:
        _stop([victim, *senders])
    _each_sent_once(fresh_postgres, inbox)
