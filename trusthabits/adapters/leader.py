"""Locks that only a living process holds: leadership (one scheduler per deployment) and
presence (each process that claims work holds a lock named after itself).

Both are dropped by the operating system or the database the moment their holder dies, and
that is what they are for: whoever can take a process's presence lock knows that process is
gone, so its claims can be taken over at once instead of waiting for a lease to run out. On one
host these are flocks on files in the data folder; across hosts sharing a PostgreSQL database
they are session-level advisory locks, held on one direct connection per process that is not
part of the engine's pool (`TRUSTHABITS_LOCK_DATABASE_URL` lets it bypass PgBouncer, whose
transaction mode cannot hold a session lock).
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import socket
import zlib
from pathlib import Path
from typing import Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

# An arbitrary but fixed 64-bit key: "TrustHab" in ASCII.
ADVISORY_LOCK_KEY = int.from_bytes(b"TrustHab", "big") & 0x7FFF_FFFF_FFFF_FFFF
# Presence locks use the two-key form: this namespace and a 32-bit hash of the process's name.
# Two names with one hash only make a dead process look alive (its claims then wait for the
# lease), never the other way round.
PRESENCE_NAMESPACE = int.from_bytes(b"THpr", "big") & 0x7FFF_FFFF
# A host that vanished (power, network) is noticed by its TCP keepalives after about 25 s.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def process_name() -> str:
    """Who claims a row: host, pid and a random part, so a restarted process with a reused pid
    (pid 1 in every container) is not mistaken for the one before it."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class ProcessLocks(Protocol):
    """The locks of one process: its own presence, leadership, and a test of another's presence."""

    name: str

    def hold_presence(self) -> None: ...

    def try_lead(self) -> bool: ...

    def still_held(self) -> bool: ...

    def is_gone(self, name: str) -> bool: ...

    def release(self) -> None: ...


class FileLocks:
    """flocks in one folder, for processes on one host (the SQLite deployment)."""

    def __init__(self, folder: Path, name: str | None = None):
        self.folder, self.name = folder, name or process_name()
        self._presence: int | None = None
        self._leader: int | None = None

    def _presence_path(self, name: str) -> Path:
        return self.folder / "presence" / (re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".lock")

    @staticmethod
    def _try_flock(path: Path) -> int | None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        return fd

    def hold_presence(self) -> None:
        if self._presence is None:
            self._presence = self._try_flock(self._presence_path(self.name))
            if self._presence is None:
                raise RuntimeError(f"another process already runs as {self.name}")

    def try_lead(self) -> bool:
        if self._leader is not None:
            return True
        fd = self._try_flock(self.folder / "scheduler.lock")
        if fd is None:
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._leader = fd
        return True

    def still_held(self) -> bool:
        return self._leader is not None  # the kernel keeps a flock as long as we live

    def is_gone(self, name: str) -> bool:
        if name == self.name:
            return False
        path = self._presence_path(name)
        if not path.exists():
            return True  # it never held presence here, or a takeover already cleaned up
        fd = self._try_flock(path)
        if fd is None:
            return False
        path.unlink(missing_ok=True)
        os.close(fd)
        return True

    def release(self) -> None:
        for fd in (self._leader, self._presence):
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        if self._presence is not None:
            self._presence_path(self.name).unlink(missing_ok=True)
        self._leader = self._presence = None


class PostgresLocks:
    """Advisory locks on one direct connection of our own (never a pooled one)."""

    def __init__(self, url: str, name: str | None = None):
        self.name = name or process_name()
        self._engine = create_engine(url, poolclass=NullPool, connect_args=KEEPALIVES)
        self._connection: Connection | None = None
        self._leading = False
        self._presence = False

    def _query(self, sql: str, **params: object) -> object:
        if self._connection is None:
            self._connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._connection.execute(text(sql), params).scalar()

    def _presence_key(self, name: str) -> dict[str, int]:
        return {"space": PRESENCE_NAMESPACE, "key": zlib.crc32(name.encode()) - 2**31}

    def hold_presence(self) -> None:
        """Hold (or, after a broken connection, take again) this process's presence lock. Called
        before every round of claims: claims are only made while the lock proves we live."""
        if self._presence and not self.still_alive():
            self._drop_connection()
        if not self._presence:
            if not self._query("SELECT pg_try_advisory_lock(:space, :key)", **self._presence_key(self.name)):
                raise RuntimeError(f"another process already runs as {self.name}")
            self._presence = True

    def still_alive(self) -> bool:
        try:
            self._query("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure means the session, and its locks, are gone
            return False

    def try_lead(self) -> bool:
        if not self._leading:
            self._leading = bool(self._query("SELECT pg_try_advisory_lock(:key)", key=ADVISORY_LOCK_KEY))
        return self._leading

    def still_held(self) -> bool:
        """False when the lock connection broke (a database restart, a network cut): the locks
        went with it, so this process must stop acting as leader."""
        if self.still_alive():
            return self._leading
        self._drop_connection()
        return False

    def is_gone(self, name: str) -> bool:
        if name == self.name:
            return False
        key = self._presence_key(name)
        if not self._query("SELECT pg_try_advisory_lock(:space, :key)", **key):
            return False
        self._query("SELECT pg_advisory_unlock(:space, :key)", **key)
        return True

    def _drop_connection(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - already broken
                pass
        self._connection, self._leading, self._presence = None, False, False

    def release(self) -> None:
        # Closing the session drops every advisory lock it holds.
        self._drop_connection()
        self._engine.dispose()


def locks_for(database_url: str, lock_database_url: str, data_dir: Path) -> ProcessLocks:
    if database_url.startswith("postgresql"):
        return PostgresLocks(lock_database_url or database_url)
    return FileLocks(data_dir)
