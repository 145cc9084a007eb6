"""Leader election: exactly one scheduler per deployment.

Reflex starts lifespan tasks in every backend worker, so each worker asks for leadership and
only the winner runs the scheduler. On one host a file lock decides; across hosts sharing a
PostgreSQL database, a session-level advisory lock does. Either lock is released by the
operating system or the database when its holder dies, so a crashed leader is replaced by the
next worker that asks.
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

# An arbitrary but fixed 64-bit key: "TrustHab" in ASCII.
ADVISORY_LOCK_KEY = int.from_bytes(b"TrustHab", "big") & 0x7FFF_FFFF_FFFF_FFFF


class LeaderLock(Protocol):
    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...


class FileLeaderLock:
    """An exclusive, non-blocking flock on a file; dropped by the kernel when the process ends."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class PostgresLeaderLock:
    """A session-level advisory lock held on a dedicated connection for as long as we lead."""

    def __init__(self, engine: Engine, key: int = ADVISORY_LOCK_KEY):
        self.engine = engine
        self.key = key
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self.engine.connect()
        won = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
        connection.commit()
        if not won:
            connection.close()
            return False
        self._connection = connection
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                self._connection.commit()
            finally:
                self._connection.close()
                self._connection = None


def worker_name() -> str:
    """Who this process is, in logs and scheduler claims: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def leader_lock_for(engine: Engine, data_dir: Path) -> LeaderLock:
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine)
    return FileLeaderLock(data_dir / "scheduler.lock")
