"""Leadership and presence locks with real processes, real lock files and a real PostgreSQL
server: one holder at a time, and a SIGKILLed holder is known to be gone at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from trusthabits.adapters.leader import FileLocks, PostgresLocks, locks_for

HOLD_LOCKS = """
import sys, time
from pathlib import Path
from trusthabits.adapters.leader import FileLocks, PostgresLocks
where, name = sys.argv[1], sys.argv[2]
locks = PostgresLocks(where, name) if where.startswith("postgresql") else FileLocks(Path(where), name)
locks.hold_presence()
print("won" if locks.try_lead() else "lost", flush=True)
time.sleep(float(sys.argv[3]))
"""


def _holder(where, name: str = "holder", seconds: float = 60) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCKS, str(where), name, str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    return process


def _outcome(process: subprocess.Popen) -> str:
    line = process.stdout.readline().strip()
    assert line in ("won", "lost"), line
    return line


def _until(condition) -> None:
    """PostgreSQL ends a session whose socket closed a moment later, not in the same instant."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the advisory lock outlived its session"
        time.sleep(0.05)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_only_one_process_leads_on_files_and_a_killed_leader_is_replaced_and_known_gone(tmp_path):
    leader = _holder(tmp_path, "first")
    try:
        assert _outcome(leader) == "won"
        mine = FileLocks(tmp_path, "second")
        mine.hold_presence()
        assert not mine.try_lead()
        assert not mine.is_gone("first")
        leader.send_signal(signal.SIGKILL)
        leader.wait()
        assert mine.is_gone("first")
        assert mine.try_lead() and mine.try_lead()  # re-entrant for the holder
        assert (tmp_path / "scheduler.lock").read_text() == str(os.getpid())
        assert not mine.is_gone("second")  # never gone to itself
        mine.release()
        assert FileLocks(tmp_path, "third").is_gone("second")  # released at a clean stop
    finally:
        _kill(leader)


def test_three_processes_elect_exactly_one_file_leader(tmp_path):
    processes = [_holder(tmp_path, f"p{n}", seconds=3) for n in range(3)]
    try:
        assert sorted(_outcome(p) for p in processes) == ["lost", "lost", "won"]
    finally:
        for process in processes:
            _kill(process)


def test_postgres_leadership_and_presence_follow_the_life_of_the_holding_process(postgres_url):
    leader = _holder(postgres_url, "first")
    mine = PostgresLocks(postgres_url, "second")
    try:
        assert _outcome(leader) == "won"
        mine.hold_presence()
        assert not mine.try_lead()
        assert not mine.is_gone("first")
        assert mine.is_gone("never-started")
        leader.send_signal(signal.SIGKILL)
        leader.wait()
        # PostgreSQL sees the socket close and drops the dead session's locks.
        _until(mine.try_lead)
        assert mine.is_gone("first") and mine.still_held()
    finally:
        _kill(leader)
        mine.release()


def test_a_leader_whose_lock_connection_breaks_steps_down_and_can_lead_again(postgres_url):
    first, second = PostgresLocks(postgres_url, "a"), PostgresLocks(postgres_url, "b")
    try:
        assert first.try_lead() and not second.try_lead()
        first._connection.invalidate()  # the connection dies under the leader (a network cut)
        assert not first.still_held()
        _until(second.try_lead)
        assert not first.try_lead()
        second.release()
        _until(first.try_lead)
    finally:
        first.release()
        second.release()


def test_locks_live_on_their_own_direct_connection_to_the_lock_database(postgres_url):
    """The app's DATABASE_URL may point at PgBouncer (transaction mode cannot keep a session
    lock): the locks connect to TRUSTHABITS_LOCK_DATABASE_URL, outside the engine's pool."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS lock_direct"))
        connection.execute(text("CREATE DATABASE lock_direct"))
    direct = make_url(postgres_url).set(database="lock_direct").render_as_string(hide_password=False)
    locks = locks_for(postgres_url, direct, data_dir=None)
    try:
        assert isinstance(locks, PostgresLocks)
        locks.hold_presence()
        assert locks.try_lead()
        with admin.connect() as connection:
            databases = connection.execute(text(
                "SELECT DISTINCT a.datname FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory'")).scalars().all()
        assert databases == ["lock_direct"]
    finally:
        locks.release()
        with admin.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS lock_direct WITH (FORCE)"))
        admin.dispose()
