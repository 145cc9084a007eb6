"""Small steps the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session

from trusthabits.services import accounts

PASSWORD = "a long enough passphrase"


def open_page(page: Page, url: str) -> None:
    """Open a URL and wait until the server has answered the page's load event."""
    page.goto(url)
    page.wait_for_selector("html[data-ready='1']")


def create_manager(server, email: str, name: str = "Test Manager", locale: str = "en") -> accounts.Profile:
    with Session(server.engine) as session:
        return accounts.register(
            session, name=name, email=email, password=PASSWORD, locale=locale, time_zone="Europe/Amsterdam"
        )


def sign_in(page: Page, server, email: str, password: str = PASSWORD, next_path: str = "") -> None:
    open_page(page, f"{server.base_url}/signin{next_path}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def at_path(server, path: str) -> re.Pattern:
    """The page URL for `path`; the production server adds a trailing slash to page routes."""
    route, _, query = path.partition("?")
    pattern = re.escape(server.base_url + route.rstrip("/")) + "/?"
    return re.compile(pattern + (re.escape("?" + query) if query else "") + "$")


def expect_home(page: Page, server, name: str) -> None:
    expect(page).to_have_url(at_path(server, "/"))
    expect(page.locator("#greeting")).to_have_text(f"Good to see you, {name}.")


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API keeps an event
    loop running in the test thread once a browser test has started."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
