"""Lighthouse mobile scores for one page (run on demand, not a test).

Usage: .venv/bin/python bench/lighthouse.py http://localhost:3000/signin [--cookie th_session=TOKEN]

Installs the npm package `lighthouse` into .tools/lighthouse on first use and runs it against
Debian's Chromium with Lighthouse's default mobile emulation and simulated slow 4G.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from common import CHROMIUM, url_and_cookie_cli

ROOT = Path(__file__).resolve().parents[1]
PREFIX = ROOT / ".tools" / "lighthouse"
LIGHTHOUSE = PREFIX / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PREFIX), "--no-save", "--no-audit", "--no-fund", "lighthouse@12"],
            check=True,
        )


def run(url: str, cookie: str | None = None, chromium: str = CHROMIUM) -> dict:
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices",
        ]
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium})
        data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        "url": url,
        "scores": {name: round(cat["score"] * 100) for name, cat in data["categories"].items()},
        "first_contentful_paint_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "largest_contentful_paint_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transfer_kib": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failed_audits": sorted(
            key for key, audit in audits.items()
            if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
        ),
    }


if __name__ == "__main__":
    url_and_cookie_cli(__doc__, run)
