"""Lighthouse mobile scores for one page, signed in or not (run on demand, not a test).

Usage: .venv/bin/python bench/lighthouse.py http://localhost:3000/signin [--token SESSION_TOKEN] [--runs 5]

With --runs N it reports the run with the median performance score and every run's score:
on a 2-core machine one run can differ from the next by 15 points (Lighthouse simulates a slow
phone from the durations it observes here, and the server shares the cores with the browser).

Installs the npm package `lighthouse` into .tools/lighthouse on first use (its own prefix: an
install into .tools itself would prune the bun the build needs) and runs it with its default
mobile emulation and simulated slow 4G against Debian's Chromium. A Reflex page reads its
session cookie in the browser, so a Cookie request header would not sign it in: the cookie is
put into the Chromium profile Lighthouse then drives. With --language, the profile also holds
the page language a returning manager's browser remembers (ui/states/app.py), so the first
paint is in that language, as it is on their phone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    free_port,
    session_cookie,
    url_and_cookie_cli,
)
from playwright.sync_api import sync_playwright

from trusthabits.ui.states.app import PAGE_LANGUAGE_KEY

PREFIX = ROOT / ".tools" / "lighthouse"
LIGHTHOUSE = PREFIX / "node_modules" / ".bin" / "lighthouse"


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-save", "--no-audit", "--no-fund",
                        "lighthouse@12"], check=True)


def _chromium_with_cookie(port: int, profile: Path, url: str, token: str | None,
                          language: str | None) -> subprocess.Popen:
    chrome = subprocess.Popen([CHROMIUM, "--headless=new", *CHROMIUM_ARGS, f"--remote-debugging-port={port}",
                               f"--user-data-dir={profile}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    with sync_playwright() as playwright:
        for _ in range(100):
            try:
                browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
                break
            except Exception:  # noqa: BLE001 - Chromium is still starting
                time.sleep(0.2)
        if token:
            browser.contexts[0].add_cookies([session_cookie(token, urlsplit(url).hostname)])
        if language:
            page = browser.contexts[0].new_page()
            page.goto(urljoin(url, "/api/health/live"))
            page.evaluate("([key, language]) => localStorage.setItem(key, language)", [PAGE_LANGUAGE_KEY, language])
            page.close()
    return chrome


def run(url: str, token: str | None = None, keep_report: Path | None = None, language: str | None = None) -> dict:
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        port, report = free_port(), Path(tmp) / "report.json"
        chrome = _chromium_with_cookie(port, Path(tmp) / "profile", url, token, language)
        try:
            subprocess.run([str(LIGHTHOUSE), url, f"--port={port}", "--disable-storage-reset", "--quiet",
                            "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility,best-practices"],
                           check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        finally:
            os.killpg(chrome.pid, signal.SIGTERM)
            chrome.wait(timeout=10)
        data = json.loads(report.read_text())
        if keep_report:
            keep_report.write_text(report.read_text())
    audits = data["audits"]
    return {
        "url": url,
        "final_url": data.get("finalDisplayedUrl") or data.get("finalUrl"),
        "scores": {name: round(cat["score"] * 100) for name, cat in data["categories"].items()},
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "transfer_kib": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failed_audits": sorted(
            key for key, audit in audits.items()
            if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
        ),
    }


def median_run(url: str, token: str | None = None, runs: int = 1, keep_report: Path | None = None) -> dict:
    """`runs` Lighthouse runs; the one with the median performance score, plus all the scores."""
    results = sorted((run(url, token, keep_report) for _ in range(runs)), key=lambda r: r["scores"]["performance"])
    median = dict(results[len(results) // 2])
    median["performance_all_runs"] = [r["scores"]["performance"] for r in results]
    median["tbt_ms_all_runs"] = [r["tbt_ms"] for r in results]
    return median


if __name__ == "__main__":
    url_and_cookie_cli(__doc__, median_run, runs=True)
