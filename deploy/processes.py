"""The processes the local cluster starts (deploy/local_cluster.py): free ports, waiting for a
server to listen or answer, and `Started`, one process in its own group that is stopped (or
recognised as gone, even after its pid is reused) exactly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{what} exited:\n{tail(log)}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not listen on {port}:\n{tail(log)}") from None
            time.sleep(0.2)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Started:
    """One process we started, in a process group of its own (so a stop reaches its children)."""

    name: str
    pid: int
    command: list[str]
    # The kernel's start time of the process: a recycled pid belongs to someone else.
    started_at: str = ""

    def __post_init__(self) -> None:
        self.started_at = self.started_at or _start_time(self.pid)

    def alive(self) -> bool:
        return bool(self.started_at) and _start_time(self.pid) == self.started_at

    def signal_group(self, signum: int) -> None:
        if self.alive():
            try:
                os.killpg(self.pid, signum)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = 30) -> None:
        # PostgreSQL's SIGTERM waits for every client to leave; SIGINT is its fast, clean stop.
        self.signal_group(signal.SIGINT if self.name == "postgres" else signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            reap(self.pid)
            time.sleep(0.1)
        if self.alive():
            self.signal_group(signal.SIGKILL)
        reap(self.pid)


def _start_time(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[1].split()
    # A zombie (exited, not yet reaped) is not alive.
    return "" if fields[0] == "Z" else fields[19]


def reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
