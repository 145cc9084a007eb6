"""Exactly once with real processes: one scheduler tick per process (what `trusthabits scheduler
--once` runs, at the test's fixed clock: tests/services/scheduler_process.py) against one database
and a real SMTP server (aiosmtpd) on loopback, with several processes at once and one SIGKILLed
between claiming and sending (its claims are taken over as soon as it is dead, not before)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session

from tests.services.rhythm_helpers import BASE_URL, local, manager, team
from trusthabits.db.engine import build_engine

ROOT = Path(__file__).resolve().parents[2]
# Friday 27 November 2026, 16:30 Amsterdam: the teams' 13:00 rounds and Ann's 16:00 prompt are due.
DUE = local("Europe/Amsterdam", 2026, 11, 27, 16, 30)
TEAMS, MEMBERS = 4, 5
EXPECTED = TEAMS * MEMBERS + 1


def _seed(url: str) -> None:
    engine = build_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        ann = manager(session)
        for number in range(TEAMS):
            team(session, ann.id, MEMBERS, name=f"Team {number}", prefix=f"t{number}m")
    engine.dispose()


def _start(url: str, smtp_url: str, now, tmp_path: Path, pause_after_claim: float = 0) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SMTP_URL": smtp_url, "TRUSTHABITS_BASE_URL": BASE_URL,
           "TRUSTHABITS_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "tests.services.scheduler_process", "--now", now.isoformat(),
               "--pause-after-claim", str(pause_after_claim)]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> None:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err


def _delivered(inbox) -> Counter:
    return Counter((m["To"], m["Subject"]) for m in inbox.received)


def _three_at_once(url, inbox, tmp_path):
    _seed(url)
    processes = [_start(url, inbox.url, DUE, tmp_path) for _ in range(3)]
    for process in processes:
        _finish(process)
    counts = _delivered(inbox)
    assert len(counts) == EXPECTED and set(counts.values()) == {1}
    # A later tick finds nothing left to send.
    _finish(_start(url, inbox.url, DUE + timedelta(minutes=1), tmp_path))
    assert len(inbox.received) == EXPECTED


def test_three_scheduler_processes_at_once_deliver_each_message_once_sqlite(db_path, inbox, tmp_path):
    _three_at_once(f"sqlite:///{db_path}", inbox, tmp_path)


def _killed_between_claim_and_send_is_taken_over_at_once(url, inbox, tmp_path):
    _seed(url)
    victim = _start(url, inbox.url, DUE, tmp_path, pause_after_claim=120)
    try:
        line = victim.stdout.readline()  # printed once the outbox claim is committed
        assert line.startswith("claimed"), victim.stderr.read() if victim.poll() is not None else line
        # While the claiming process lives, nobody else touches its batch …
        _finish(_start(url, inbox.url, DUE + timedelta(minutes=1), tmp_path))
        assert inbox.received == []
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    # … and once it is dead, the next ticks take it over at once (well within the 5-minute
    # lease): two schedulers at once deliver each message exactly once.
    restarted = [_start(url, inbox.url, DUE + timedelta(minutes=1), tmp_path) for _ in range(2)]
    for process in restarted:
        _finish(process)
    counts = _delivered(inbox)
    assert len(counts) == EXPECTED and set(counts.values()) == {1}


def test_a_sender_killed_between_claim_and_send_is_taken_over_at_once_sqlite(db_path, inbox, tmp_path):
    _killed_between_claim_and_send_is_taken_over_at_once(f"sqlite:///{db_path}", inbox, tmp_path)


def test_three_scheduler_processes_at_once_deliver_each_message_once_postgres(fresh_postgres, inbox, tmp_path):
    _three_at_once(fresh_postgres, inbox, tmp_path)


def test_a_sender_killed_between_claim_and_send_is_taken_over_at_once_postgres(fresh_postgres, inbox, tmp_path):
    _killed_between_claim_and_send_is_taken_over_at_once(fresh_postgres, inbox, tmp_path)
