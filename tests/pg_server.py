"""A throwaway PostgreSQL server for the tests: its own data folder, loopback port and socket
folder, started for the test session and removed afterwards. Debian's `postgresql` package
provides the binaries (`make test` installs it when it is missing and you are root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def find_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1] if candidates else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user() -> tuple[list[str], str | None]:
    # PostgreSQL refuses to run as root; Debian's package creates a `postgres` user for it.
    if os.geteuid() != 0:
        return [], None
    pwd.getpwnam("postgres")
    return ["runuser", "-u", "postgres", "--"], "postgres"


@contextmanager
def running_postgres():
    initdb, postgres = find_bin("initdb"), find_bin("postgres")
    if not (initdb and postgres):
        raise RuntimeError("PostgreSQL server binaries not found: install Debian's `postgresql` package")
    prefix, owner = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="th-pg-"))
    if owner:
        shutil.chown(root, owner)
    data, port = root / "data", _free_port()
    subprocess.run(
        [*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [*prefix, postgres, "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k", str(root),
         "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"],
        stdout=subprocess.DEVNULL,
        stderr=(root / "server.log").open("wb"),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((root / "server.log").read_text(errors="replace")) from None
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
