"""Benchmark of the daily log on the production build (run on demand, not a test).

Usage: .venv/bin/python bench/daily_log.py [--taps 60]

Seeds a manager with five years of realistic history (~9,000 entries) in a temporary SQLite
database, starts `reflex run --env prod` on it, and measures with Debian's Chromium at 390×844:

- tap → confirmation latency *inside the page*: performance.now() before the click and a
  MutationObserver that fires when the new confirmation is in the DOM (no driver polling); and
  where it goes: the tap handler's own time (our code and its database work, from the server's
  /metrics), the rest being the websocket, Reflex's event and state handling and the redraw;
- bytes transferred on the first load of Today (CDP network events: every HTTP response as
  sent over the wire, plus the websocket frames of the page's first state);
- Lighthouse mobile scores (npm `lighthouse`, installed into .tools/lighthouse on first use),
  signed in: Lighthouse drives a Chromium we started, whose cookie jar already holds the
  session cookie (Reflex reads the cookie in the page, so a request header alone is not enough).

Targets: p50 ≤ 15 ms, p95 ≤ 30 ms, first load ≤ 450 KiB, performance ≥ 90, accessibility ≥ 95.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright
from sqlalchemy import insert
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lighthouse  # noqa: E402 - bench/ is on sys.path when this script runs
from common import CHROMIUM, CHROMIUM_ARGS, production_server, session_cookie  # noqa: E402

from trusthabits.core.behaviours import BEHAVIOURS  # noqa: E402
from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402
from trusthabits.db.models import ActionLog  # noqa: E402
from trusthabits.services import accounts  # noqa: E402

TIME_ZONE = "Europe/Amsterdam"
PASSWORD = "benchmark passphrase"
TARGETS = {"tap_p50_ms": 15, "tap_p95_ms": 30, "first_load_kib": 450, "performance": 90, "accessibility": 95}
NOTES = ["asked Bart what he needs", "shared the budget context", "let the team pick the tool",
         "backed Sam in the steering group", "said I did not know", "thanked Ilse in the all-hands"]

TAP_SCRIPT = """async (key) => {
  const tile = document.querySelector(`.behaviour-tile[data-behaviour="${key}"]`);
  const before = document.querySelector('#confirmation');
  return await new Promise((resolve) => {
    let started = 0;
    const observer = new MutationObserver(() => {
      const shown = document.querySelector('#confirmation');
      if (shown && shown !== before) { observer.disconnect(); resolve(performance.now() - started); }
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    started = performance.now();
    tile.click();
  });
}"""


def seed(database_url: str, years: int = 5) -> str:
    """A manager with `years` of history; returns a session token for them."""
    upgrade_to_head(database_url)
    engine = build_engine(database_url)
    rng = random.Random(7)
    zone = ZoneInfo(TIME_ZONE)
    with Session(engine) as session:
        profile = accounts.register(session, name="Bench", email="bench@example.com", password=PASSWORD, locale="en",
            time_zone=TIME_ZONE)
        today = datetime.now(zone).date()
        rows = []
        day = today - timedelta(days=365 * years)
        while day <= today:
            # Busier on weekdays, quiet at weekends: about 4.9 entries a day on average.
            for _ in range(rng.choice((4, 5, 6, 7, 8, 9, 9)) if day.weekday() < 5 else rng.choice((0, 0, 1, 2))):
                at = datetime.combine(day, clock(rng.randint(8, 18), rng.randint(0, 59)), zone).astimezone(UTC)
                behaviour = rng.choice(BEHAVIOURS)
                rows.append({
                    "uid": uuid.UUID(int=rng.getrandbits(128)).hex, "manager_id": profile.id,
                        "behaviour": behaviour.key,
                    "micro_action": rng.choice(behaviour.micro_actions).key if rng.random() < 0.5 else None,
                    "note": rng.choice(NOTES) if rng.random() < 0.3 else "", "day": day,
                    "created_at": at, "updated_at": at,
                })
            day += timedelta(days=1)
        session.execute(insert(ActionLog), rows)
        session.commit()
        _, token = accounts.sign_in(session, email="bench@example.com", password=PASSWORD)
    engine.dispose()
    print(f"seeded {len(rows)} entries over {years} years", file=sys.stderr)
    return token


def open_today(context, base_url: str):
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_selector("#this-week")
    return page


def measure_first_load(browser, base_url: str, cookie: dict) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True)
    context.add_cookies([cookie])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    totals = {"http_bytes": 0, "requests": 0, "ws_bytes": 0}

    def finished(event):
        totals["http_bytes"] += event["encodedDataLength"]
        totals["requests"] += 1

    def frame(event):
        totals["ws_bytes"] += len(event["response"]["payloadData"].encode())

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", frame)
    page.goto(f"{base_url}/")
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_selector(".week-row")
    page.wait_for_load_state("networkidle")
    context.close()
    return {
        "first_load_kib": round((totals["http_bytes"] + totals["ws_bytes"]) / 1024, 1),
        "http_kib": round(totals["http_bytes"] / 1024, 1),
        "websocket_kib": round(totals["ws_bytes"] / 1024, 1),
        "requests": totals["requests"],
    }


def handler_seconds(base_url: str) -> dict[str, tuple[float, float]]:
    """Per event handler: (count, total seconds) so far, from the server's /metrics (loopback)."""
    with urllib.request.urlopen(f"{base_url}/metrics", timeout=10) as response:
        text = response.read().decode()
    found: dict[str, list[float]] = {}
    for name, handler, value in re.findall(
            r'^trusthabits_event_handler_seconds_(count|sum)\{handler="([^"]+)"\} (\S+)$', text, re.M):
        found.setdefault(handler, [0.0, 0.0])[0 if name == "count" else 1] = float(value)
    return {handler: (count, total) for handler, (count, total) in found.items()}


def tap_handler_ms(before: dict, after: dict, taps: int) -> tuple[str, float]:
    """The handler that ran once per tap, and its mean time per tap in ms."""
    for handler, (count, total) in after.items():
        done = count - before.get(handler, (0.0, 0.0))[0]
        if done == taps:
            return handler, round(1000 * (total - before.get(handler, (0.0, 0.0))[1]) / taps, 2)
    raise RuntimeError(f"no handler ran exactly {taps} times: {after}")


def measure_taps(browser, base_url: str, cookie: dict, taps: int, warmup: int = 5) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True)
    context.add_cookies([cookie])
    page = open_today(context, base_url)
    latencies = []
    before = {}
    for n in range(warmup + taps):
        if n == warmup:
            before = handler_seconds(base_url)
        key = BEHAVIOURS[n % len(BEHAVIOURS)].key
        row = f".week-row[data-behaviour='{key}']"
        expected = int(page.get_attribute(row, "data-count")) + 1
        elapsed = page.evaluate(TAP_SCRIPT, key)
        # The week and the list follow the confirmation; let them land before the next tap.
        page.wait_for_function(f"document.querySelector(\"{row}\").dataset.count == '{expected}'")
        if n >= warmup:
            latencies.append(elapsed)
    context.close()
    handler, handler_ms = tap_handler_ms(before, handler_seconds(base_url), taps)
    latencies.sort()
    return {
        "taps": len(latencies),
        "tap_handler": handler,
        "tap_handler_mean_ms": handler_ms,
        "tap_mean_ms": round(statistics.fmean(latencies), 1),
        "tap_p50_ms": round(statistics.median(latencies), 1),
        "tap_p95_ms": round(latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)], 1),
        "tap_max_ms": round(latencies[-1], 1),
    }


def verdict(results: dict) -> dict:
    upper = {"tap_p50_ms", "tap_p95_ms", "first_load_kib"}
    return {name: ("ok" if (results[name] <= goal if name in upper else results[name] >= goal) else "MISSED")
            for name, goal in TARGETS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=60)
    parser.add_argument("--lighthouse-report", type=Path, help="also keep Lighthouse's full JSON report here")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs; the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-daily-log-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'bench.db'}"
        token = seed(database_url)
        with production_server(database_url, workdir / "server.log") as base_url:
            cookie = session_cookie(token)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = measure_first_load(browser, base_url, cookie)
                results |= measure_taps(browser, base_url, cookie, args.taps)
                browser.close()
            audit = lighthouse.median_run(f"{base_url}/", token, args.lighthouse_runs, args.lighthouse_report)
            results |= {"performance": audit["scores"]["performance"],
                        "performance_all_runs": audit["performance_all_runs"],
                        "accessibility": audit["scores"]["accessibility"],
                        "lighthouse_final_url": audit["final_url"],
                        "fcp_s": audit["fcp_s"], "lcp_s": audit["lcp_s"], "tbt_ms": audit["tbt_ms"]}
    print(json.dumps({"results": results, "targets": TARGETS, "verdict": verdict(results)}, indent=2))


if __name__ == "__main__":
    main()
