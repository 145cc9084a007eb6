"""Scheduler and sender processes for the exactly-once and takeover tests: what `trusthabits
scheduler --once`, `trusthabits scheduler` and `trusthabits sender` run (configured from the
environment), with the test's fixed clock and, if asked, a pause between claiming mail and
sending it, where the test SIGKILLs the process.

Run as `python -m tests.services.scheduler_process --now 2026-11-27T15:30:00+00:00
[--pause-after-claim 120] [--mode once|lead|send]` from the project root.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime

from trusthabits.adapters import scheduler_runner
from trusthabits.config import configure_logging, get_settings
from trusthabits.core import clock
from trusthabits.services import mail, scheduler


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--now", required=True, type=datetime.fromisoformat)
    parser.add_argument("--pause-after-claim", type=float, default=0.0)
    parser.add_argument("--mode", choices=["once", "lead", "send"], default="once")
    args = parser.parse_args()

    def pause(count: int) -> None:
        print(f"claimed {count}", flush=True)
        time.sleep(args.pause_after_claim)

    after_claim = pause if args.pause_after_claim else None
    settings = get_settings()
    configure_logging(settings)
    clock.install(clock.FixedClock(args.now))
    if args.mode == "lead":
        scheduler_runner.run_forever(lambda locks: scheduler.run_tick(settings, locks, after_claim=after_claim),
                                     settings)
        return 0
    if args.mode == "send":
        scheduler_runner.run_sender(lambda locks: mail.deliver_round(settings, locks, after_claim=after_claim),
                                    settings)
        return 0
    locks = scheduler_runner.process_locks(settings)
    try:
        report = scheduler.run_tick(settings, locks, after_claim=after_claim)
    finally:
        locks.release()
    print(f"done {report.done} skipped {report.skipped} sent {report.sent}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
