"""A phone-sized Chromium signs up and logs a tap through a running deployment, e.g. `make cluster`
while bench/cluster.py loads it (run on demand, not a test).

Usage: .venv/bin/python bench/phone_check.py [http://localhost:8080] [--screenshots DIR]

Registers a new manager at 390×844, lands on Today, taps Courage, waits for the confirmation
and this week's count, and saves a screenshot after each step. Reports the tap → confirmation
time measured inside the page, and any console errors (a CSP violation, say).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from daily_log import TAP_SCRIPT  # noqa: E402 - the same in-page measurement as the tap benchmark


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://localhost:8080")
    parser.add_argument("--screenshots", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)
    email = f"phone-{secrets.token_hex(4)}@example.com"
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                      is_mobile=True, has_touch=True, locale="en-GB")
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{args.url}/register")
        page.get_by_label("Your name").fill("Phone Check")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill("phone check passphrase")
        page.screenshot(path=str(args.screenshots / "phone-1-register.png"))
        page.get_by_role("button", name="Create account").click()
        expect(page.locator("#greeting")).to_contain_text("Phone Check")
        page.wait_for_selector(".week-row[data-behaviour='courage']")
        page.screenshot(path=str(args.screenshots / "phone-2-today.png"))
        row = ".week-row[data-behaviour='courage']"
        before = int(page.get_attribute(row, "data-count"))
        tap_ms = page.evaluate(TAP_SCRIPT, "courage")
        page.wait_for_function(f"document.querySelector(\"{row}\").dataset.count == '{before + 1}'")
        expect(page.locator("#confirmation")).to_be_visible()
        page.screenshot(path=str(args.screenshots / "phone-3-tapped.png"))
        browser.close()
    print(json.dumps({"url": args.url, "email": email, "tap_to_confirmation_ms": round(tap_ms, 1),
                      "console_errors": errors, "screenshots": str(args.screenshots)}, indent=2))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
