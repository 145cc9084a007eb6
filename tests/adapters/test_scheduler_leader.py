"""One scheduler per deployment, with real processes: `trusthabits scheduler` elects a leader
through the file lock, a second one waits, and takes over when the first is SIGKILLed."""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from trusthabits.adapters import scheduler_runner
from trusthabits.config import get_settings

CLI = str(Path(sys.executable).with_name("trusthabits"))
HANG_GUARD_S = 120  # only so a broken election fails instead of hanging; nothing is timed


class Lines:
    """A process's log lines, read in a thread so waiting for one can give up on a hang."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.lines = process, queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, text: str) -> str:
        while True:
            line = self.lines.get(timeout=HANG_GUARD_S)
            if text in line:
                return line


def _scheduler(db_path, tmp_path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "TRUSTHABITS_DATA_DIR": str(tmp_path),
           "TRUSTHABITS_LEADER_RETRY_S": "0.2"}
    env.pop("SMTP_URL", None)
    return subprocess.Popen([CLI, "scheduler"], env=env, stderr=subprocess.PIPE, text=True)


def test_one_leader_and_a_follower_that_takes_over_when_it_dies(db_path, tmp_path):
    first = _scheduler(db_path, tmp_path)
    second = None
    try:
        Lines(first).wait_for("this process is the leader")
        second = _scheduler(db_path, tmp_path)
        follower = Lines(second)
        follower.wait_for("not the leader")
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert f":{second.pid}:" in follower.wait_for("this process is the leader")
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def _must_not_tick() -> None:
    raise AssertionError("a scheduler that is switched off ticked")


def test_the_lifespan_task_does_nothing_when_switched_off(monkeypatch, caplog):
    monkeypatch.setenv("TRUSTHABITS_SCHEDULER", "off")
    with caplog.at_level(logging.INFO, logger="trusthabits.scheduler"):
        asyncio.run(scheduler_runner.run_as_leader(_must_not_tick, get_settings()))
    assert "scheduler off" in caplog.text
