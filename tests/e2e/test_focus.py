"""Personal focus in Chromium at 390×844 on the production build: behaviours in focus come
first on Today, a hidden behaviour is not shown, an own micro-action is offered in the editor,
and all of it persists across a reload."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in


def _visual_order(page: Page) -> list[str]:
    """The visible tiles, top-left to bottom-right, as the manager sees them."""
    tiles = page.locator(".behaviour-tile")
    boxes = []
    for i in range(tiles.count()):
        tile = tiles.nth(i)
        box = tile.bounding_box()
        if box and tile.is_visible():
            boxes.append((round(box["y"]), round(box["x"]), tile.get_attribute("data-behaviour")))
    return [key for _, _, key in sorted(boxes)]


def test_focus_order_and_hidden_behaviours_persist_across_a_reload(page: Page, app_server):
    email = unique_email("focus")
    create_manager(app_server, email, name="Fien")
    sign_in(page, app_server, email)
    expect(page).to_have_url(at_path(app_server, "/"))
    expect(page.locator("#greeting")).to_be_visible()
    assert _visual_order(page)[:2] == ["empowerment", "stewardship"]

    open_page(page, f"{app_server.base_url}/focus")
    section = page.locator
    section(".focus-behaviour[data-behaviour='forgiveness'] .focus-toggle").click()
    expect(section(".focus-behaviour[data-behaviour='forgiveness']")).to_have_attribute("data-focus", "true")
    section(".focus-behaviour[data-behaviour='humility'] .focus-toggle").click()
    expect(section(".focus-behaviour[data-behaviour='humility']")).to_have_attribute("data-focus", "true")
    section(".focus-behaviour[data-behaviour='courage'] .hide-toggle").click()
    expect(section(".focus-behaviour[data-behaviour='courage']")).to_have_attribute("data-hidden", "true")
    page.locator("#own-humility").fill("Vroeg het team om raad")
    section(".focus-behaviour[data-behaviour='humility']").get_by_role("button", name="Add").click()
    expect(section(".focus-behaviour[data-behaviour='humility'] .own-text")).to_have_text("Vroeg het team om raad")
    # A fourth in focus is refused with a message in the manager's language.
    section(".focus-behaviour[data-behaviour='empowerment'] .focus-toggle").click()
    section(".focus-behaviour[data-behaviour='stewardship'] .focus-toggle").click()
    expect(page.get_by_text("At most three behaviours can be in focus. Take one out first.")).to_be_visible()

    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    expect(section(".focus-behaviour[data-behaviour='courage']")).to_have_attribute("data-hidden", "true")
    expect(section(".focus-behaviour[data-behaviour='humility'] .own-text")).to_have_text("Vroeg het team om raad")

    for _ in range(2):  # Today, then Today again after a reload
        open_page(page, f"{app_server.base_url}/")
        expect(page.locator(".behaviour-tile[data-behaviour='forgiveness']")).to_have_attribute("data-focus", "true")
        expect(page.locator(".behaviour-tile[data-behaviour='courage']")).to_be_hidden()
        expect(page.locator(".week-row[data-behaviour='courage']")).to_be_hidden()
        assert _visual_order(page) == ["forgiveness", "humility", "empowerment", "stewardship", "standing_back"]

    # The own micro-action is offered when adding details to a tap.
    page.get_by_role("button", name="Humility", exact=True).click()
    expect(page.locator("#confirmation-text")).to_have_text("Humility logged for today.")
    page.get_by_role("button", name="Add details").click()
    page.locator("#micro_action").select_option(label="Vroeg het team om raad")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".entry-row").first).to_contain_text("Vroeg het team om raad")
