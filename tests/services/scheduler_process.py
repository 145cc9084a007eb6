"""A scheduler process for the exactly-once tests: what `trusthabits scheduler --once` runs (one
tick, configured from the environment), with the test's fixed clock and, if asked, a pause
between claiming mail and sending it, where the test SIGKILLs the process.

Run as `python -m tests.services.scheduler_process --now 2026-11-27T15:30:00+00:00
[--pause-after-claim 120]` from the project root.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime

from trusthabits.config import configure_logging, get_settings
from trusthabits.core import clock
from trusthabits.services import scheduler


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--now", required=True, type=datetime.fromisoformat)
    parser.add_argument("--pause-after-claim", type=float, default=0.0)
    args = parser.parse_args()

    def pause(count: int) -> None:
        print(f"claimed {count}", flush=True)
        time.sleep(args.pause_after_claim)

    settings = get_settings()
    configure_logging(settings)
    clock.install(clock.FixedClock(args.now))
    report = scheduler.run_tick(settings, after_claim=pause if args.pause_after_claim else None)
    print(f"done {report.done} skipped {report.skipped} sent {report.sent}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
