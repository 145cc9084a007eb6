"""Benchmark of the daily log on the production build (run on demand, not a test).

Usage: .venv/bin/python bench/daily_log.py [--taps 60]

Seeds a manager with five years of realistic history (~9,000 entries) in a temporary SQLite
database, starts `reflex run --env prod` on it, and measures with Debian's Chromium at 390×844:

- tap → confirmation latency *inside the page*: performance.now() before the click and a
  MutationObserver that fires when the new confirmation is in the DOM (no driver polling);
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
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime, time as clock, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright
from sqlalchemy import insert
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trusthabits.core.behaviours import BEHAVIOURS  # noqa: E402
from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402
from trusthabits.db.models import ActionLog  # noqa: E402
from trusthabits.services import accounts  # noqa: E402

CHROMIUM = os.environ.get("TRUSTHABITS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
TIME_ZONE = "Europe/Amsterdam"
PASSWORD = "benchmark passphrase"
COOKIE_NAME = "th_session"  # trusthabits.ui.state.SESSION_COOKIE (not imported: that pulls in Reflex)
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
        profile = accounts.register(session, name="Bench", email="bench@example.com", password=PASSWORD, locale="en", time_zone=TIME_ZONE)
        today = datetime.now(zone).date()
        rows = []
        day = today - timedelta(days=365 * years)
        while day <= today:
            # Busier on weekdays, quiet at weekends: about 4.9 entries a day on average.
            for _ in range(rng.choice((4, 5, 6, 7, 8, 9, 9)) if day.weekday() < 5 else rng.choice((0, 0, 1, 2))):
                at = datetime.combine(day, clock(rng.randint(8, 18), rng.randint(0, 59)), zone).astimezone(timezone.utc)
                behaviour = rng.choice(BEHAVIOURS)
                rows.append({
                    "uid": uuid.UUID(int=rng.getrandbits(128)).hex, "manager_id": profile.id, "behaviour": behaviour.key,
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, database_url: str, log_path: Path) -> subprocess.Popen:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PORT": str(port), "DATABASE_URL": database_url, "TRUSTHABITS_SCHEDULER": "off",
           "TRUSTHABITS_BASE_URL": f"http://localhost:{port}", "REFLEX_USE_SYSTEM_BUN": "1",
           "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(bin_dir / "reflex"), "run", "--env", "prod"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/api/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("server did not start in time")


def session_cookie(token: str) -> dict:
    return {"name": COOKIE_NAME, "value": token, "domain": "localhost", "path": "/", "sameSite": "Strict"}


def open_today(context, base_url: str):
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_selector("#this-week")
    return page


def measure_first_load(browser, base_url: str, cookie: dict) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
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


def measure_taps(browser, base_url: str, cookie: dict, taps: int, warmup: int = 5) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_cookies([cookie])
    page = open_today(context, base_url)
    latencies = []
    for n in range(warmup + taps):
        key = BEHAVIOURS[n % len(BEHAVIOURS)].key
        row = f".week-row[data-behaviour='{key}']"
        expected = int(page.get_attribute(row, "data-count")) + 1
        elapsed = page.evaluate(TAP_SCRIPT, key)
        # The week and the list follow the confirmation; let them land before the next tap.
        page.wait_for_function(f"document.querySelector(\"{row}\").dataset.count == '{expected}'")
        if n >= warmup:
            latencies.append(elapsed)
    context.close()
    latencies.sort()
    return {
        "taps": len(latencies),
        "tap_p50_ms": round(statistics.median(latencies), 1),
        "tap_p95_ms": round(latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)], 1),
        "tap_max_ms": round(latencies[-1], 1),
    }


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        # Its own prefix: installing into .tools itself would prune the bun the build needs.
        subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE.parents[2]), "--no-save", "--no-audit",
                        "--no-fund", "lighthouse@12"], check=True)


def measure_lighthouse(base_url: str, cookie: dict, workdir: Path) -> dict:
    ensure_lighthouse()
    port = free_port()
    chrome = subprocess.Popen([CHROMIUM, "--headless=new", *CHROMIUM_ARGS, f"--remote-debugging-port={port}",
                               f"--user-data-dir={workdir / 'chrome-profile'}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        with sync_playwright() as playwright:
            for _ in range(100):
                try:
                    browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
                    break
                except Exception:  # noqa: BLE001 - Chromium is still starting
                    time.sleep(0.2)
            browser.contexts[0].add_cookies([cookie])
        report = workdir / "lighthouse.json"
        subprocess.run([str(LIGHTHOUSE), f"{base_url}/", f"--port={port}", "--disable-storage-reset", "--quiet",
                        "--output=json", f"--output-path={report}", "--only-categories=performance,accessibility"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    finally:
        os.killpg(chrome.pid, signal.SIGTERM)
        chrome.wait(timeout=10)
    data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
        "lighthouse_final_url": data.get("finalDisplayedUrl") or data.get("finalUrl"),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "failed_a11y": {
            ref["id"]: [item.get("node", {}).get("snippet", "")[:120] for item in audits[ref["id"]].get("details", {}).get("items", [])[:3]]
            for ref in data["categories"]["accessibility"]["auditRefs"] if audits[ref["id"]].get("score") == 0
        },
    }


def verdict(results: dict) -> dict:
    upper = {"tap_p50_ms", "tap_p95_ms", "first_load_kib"}
    return {name: ("ok" if (results[name] <= goal if name in upper else results[name] >= goal) else "MISSED")
            for name, goal in TARGETS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=60)
    parser.add_argument("--lighthouse-report", type=Path, help="also keep Lighthouse's full JSON report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-daily-log-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'bench.db'}"
        token = seed(database_url)
        port = free_port()
        base_url = f"http://localhost:{port}"
        server = start_server(port, database_url, workdir / "server.log")
        try:
            cookie = session_cookie(token)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = measure_first_load(browser, base_url, cookie)
                results |= measure_taps(browser, base_url, cookie, args.taps)
                browser.close()
            results |= measure_lighthouse(base_url, cookie, workdir)
            if args.lighthouse_report:
                shutil.copy(workdir / "lighthouse.json", args.lighthouse_report)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(json.dumps({"results": results, "targets": TARGETS, "verdict": verdict(results)}, indent=2))


if __name__ == "__main__":
    main()
