"""Measure what a phone downloads on the first visit of a page (run on demand, not a test).

Usage: .venv/bin/python bench/first_load.py http://localhost:3000/signin [--token SESSION_TOKEN]

Counts the bytes on the wire (Chrome DevTools Protocol `encodedDataLength`) for every request
of a cold load in a fresh 390×844 Chromium profile, until the network is idle.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from common import CHROMIUM, CHROMIUM_ARGS, session_cookie, url_and_cookie_cli
from playwright.sync_api import sync_playwright


def measure(url: str, token: str | None = None, chromium: str = CHROMIUM) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        if token:
            context.add_cookies([session_cookie(token, urlsplit(url).hostname)])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        browser.close()
    by_url = sorted(((sizes[r], urls.get(r, "?")) for r in sizes), reverse=True)
    return {
        "url": url,
        "requests": len(sizes),
        "total_kib": round(sum(sizes.values()) / 1024, 1),
        "largest": [{"kib": round(s / 1024, 1), "url": u} for s, u in by_url[:8]],
    }


if __name__ == "__main__":
    url_and_cookie_cli(__doc__, measure)
