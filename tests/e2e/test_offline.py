"""Offline taps, the service worker and home-screen shortcuts in Chromium at 390×844 on the
production build: tap three behaviours offline, reload offline (Today opens from the service
worker's cache and shows the three waiting), go online, and the database has exactly three
entries; a shortcut URL logs once however often it is reloaded."""

from __future__ import annotations

import json

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in
from trusthabits.db.models import ActionLog


def _signed_in(page: Page, server, prefix: str) -> int:
    email = unique_email(prefix)
    profile = create_manager(server, email, name="Olga")
    sign_in(page, server, email)
    expect(page).to_have_url(at_path(server, "/"))
    expect(page.locator("#greeting")).to_be_visible()
    return profile.id


def _entries(server, manager_id: int) -> list[ActionLog]:
    with Session(server.engine) as session:
        return list(session.exec(select(ActionLog).where(ActionLog.manager_id == manager_id)))


def _shell_cached(page: Page) -> None:
    """The service worker controls the page and holds Today's shell."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    page.wait_for_function("caches.open('th-shell-v1').then(c => c.match('/')).then(r => !!r)", timeout=20_000)


def test_three_taps_offline_survive_a_reload_and_arrive_once(page: Page, app_server):
    manager_id = _signed_in(page, app_server, "offline")
    _shell_cached(page)
    page.context.set_offline(True)
    for name in ("Courage", "Humility", "Forgiveness", "Stewardship"):
        page.get_by_role("button", name=name, exact=True).click()
    queue = page.locator("#offline-queue .offline-tap")
    expect(queue).to_have_count(4)
    expect(queue.first).to_have_text("Courage: saved on this phone, will syncUndo")
    # Undo works on a waiting tap.
    page.locator("#offline-queue .offline-tap[data-behaviour='stewardship'] .offline-undo").click()
    expect(queue).to_have_count(3)
    expect(page.locator("#confirmation")).to_have_count(0)  # nothing reached the server's tap handler

    # The network really is gone, for the service worker too: a page it never cached cannot open.
    other = page.context.new_page()
    try:
        other.goto(f"{app_server.base_url}/never-visited")
        raise AssertionError("a page opened without a network")
    except PlaywrightError:
        pass
    finally:
        other.close()

    response = page.reload()
    assert response is not None and response.from_service_worker
    expect(page.locator(".behaviour-tile[data-behaviour='courage']")).to_be_visible()
    expect(queue).to_have_count(3)
    assert [q.get_attribute("data-behaviour") for q in queue.all()] == ["courage", "humility", "forgiveness"]
    assert _entries(app_server, manager_id) == []

    page.context.set_offline(False)
    expect(page.locator("#offline-queue")).to_have_count(0, timeout=30_000)
    expect(page.locator(".week-row[data-behaviour='courage']")).to_have_attribute("data-count", "1", timeout=20_000)
    page.wait_for_timeout(2_000)  # a second send (a retry, Reflex's own queue) would land by now
    assert sorted(e.behaviour for e in _entries(app_server, manager_id)) == ["courage", "forgiveness", "humility"]


def test_the_manifest_lists_the_six_behaviours_as_shortcuts(page: Page, app_server):
    manifest = json.loads(page.request.get(f"{app_server.base_url}/manifest.webmanifest").text())
    assert [s["url"] for s in manifest["shortcuts"]] == [
        "/?log=empowerment", "/?log=stewardship", "/?log=courage", "/?log=humility", "/?log=standing_back",
        "/?log=forgiveness"]


def test_a_shortcut_logs_once_with_the_usual_confirmation_and_undo(page: Page, app_server):
    manager_id = _signed_in(page, app_server, "shortcut")
    page.goto(f"{app_server.base_url}/?log=humility")
    expect(page.locator("#confirmation-text")).to_have_text("Humility logged for today.")
    expect(page).to_have_url(at_path(app_server, "/"))
    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_timeout(1_500)
    assert [e.behaviour for e in _entries(app_server, manager_id)] == ["humility"]
    # The usual Undo.
    open_page(page, f"{app_server.base_url}/?log=courage")
    expect(page.locator("#confirmation-text")).to_have_text("Courage logged for today.")
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page.get_by_text("Undone: that entry is gone.")).to_be_visible()
    assert [e.behaviour for e in _entries(app_server, manager_id)] == ["humility"]
