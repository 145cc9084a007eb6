"""Leader election with real processes, a real lock file and a real PostgreSQL server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from trusthabits.adapters.leader import FileLeaderLock, PostgresLeaderLock
from trusthabits.db.engine import build_engine

HOLD_LOCK = """
import sys, time
from pathlib import Path
from trusthabits.adapters.leader import FileLeaderLock
lock = FileLeaderLock(Path(sys.argv[1]))
print("won" if lock.try_acquire() else "lost", flush=True)
time.sleep(60)
"""


def _start_holder(path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() in ("won", "lost")
    return process


def test_only_one_process_holds_the_file_lock_and_a_killed_leader_is_replaced(tmp_path):
    path = tmp_path / "scheduler.lock"
    leader = _start_holder(path)
    try:
        mine = FileLeaderLock(path)
        assert not mine.try_acquire()
        leader.send_signal(signal.SIGKILL)
        leader.wait()
        assert mine.try_acquire()
        assert mine.try_acquire()  # re-entrant for the holder
        assert path.read_text() == str(os.getpid())
        mine.release()
    finally:
        if leader.poll() is None:
            leader.kill()
            leader.wait()


def test_three_processes_elect_exactly_one_file_leader(tmp_path):
    path = tmp_path / "scheduler.lock"
    script = HOLD_LOCK.replace("time.sleep(60)", "time.sleep(3)")
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outcomes = sorted(p.stdout.readline().strip() for p in processes)
    for process in processes:
        process.kill()
        process.wait()
    assert outcomes == ["lost", "lost", "won"]


def test_postgres_advisory_lock_has_one_holder_and_is_freed_when_its_connection_dies(postgres_url):
    first_engine, second_engine = build_engine(postgres_url), build_engine(postgres_url)
    try:
        first, second = PostgresLeaderLock(first_engine), PostgresLeaderLock(second_engine)
        assert first.try_acquire()
        assert not second.try_acquire()
        # The leader's connection dies without a clean unlock (a crashed process).
        first._connection.invalidate()
        first._connection = None
        deadline = time.monotonic() + 10
        while not second.try_acquire():
            assert time.monotonic() < deadline, "the advisory lock outlived its connection"
            time.sleep(0.1)
        assert not first.try_acquire()
        second.release()
        assert first.try_acquire()
        first.release()
    finally:
        first_engine.dispose()
        second_engine.dispose()
