"""What the benchmark scripts share: Chromium here, a production server on a free port, the
session cookie that signs a browser in, and a tiny command line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("TRUSTHABITS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SESSION_COOKIE = "th_session"  # trusthabits.ui.states.app.SESSION_COOKIE (importing it pulls in Reflex)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(token: str, host: str = "localhost") -> dict:
    """A Playwright cookie that signs the browser in as the holder of `token`."""
    return {"name": SESSION_COOKIE, "value": token, "domain": host, "path": "/", "sameSite": "Strict"}


@contextmanager
def production_server(database_url: str, log_path: Path, started: list | None = None,
                      extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """`reflex run --env prod` on a free port against `database_url` (and any `extra_env`
    settings); yields the base URL (and appends the process to `started`, for a caller that
    measures its CPU)."""
    port = free_port()
    bin_dir = Path(sys.executable).parent
    base_url = f"http://localhost:{port}"
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": database_url, "TRUSTHABITS_SCHEDULER": "off",
           "TRUSTHABITS_BASE_URL": base_url, "REFLEX_USE_SYSTEM_BUN": "1",
           # Its own build folder: a `make run` in this checkout keeps its .web/ (README).
           "REFLEX_WEB_WORKDIR": str(ROOT / ".web-bench"), "REFLEX_STATES_WORKDIR": str(log_path.parent / "states"),
           "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{bin_dir}{os.pathsep}{os.environ['PATH']}",
           **(extra_env or {})}
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(bin_dir / "reflex"), "run", "--env", "prod"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    if started is not None:
        started.append(process)
    try:
        _wait_healthy(process, base_url, log_path)
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _wait_healthy(process: subprocess.Popen, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("server did not start in time")


def url_and_cookie_cli(doc: str, measure: Callable[..., dict], runs: bool = False) -> None:
    """`script URL [--token SESSION_TOKEN] [--runs N]`, printing the measurement as JSON."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--token", help="a session token, to measure a signed-in page")
    if runs:
        parser.add_argument("--runs", type=int, default=1, help="repeat and report the median run")
    args = parser.parse_args()
    extra = {"runs": args.runs} if runs else {}
    print(json.dumps(measure(args.url, args.token, **extra), indent=2))
