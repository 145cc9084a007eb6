"""The daily action log in Chromium at 390×844 on the production build: tap, undo, details,
backdate, edit, delete, persistence, Dutch names, this week on one screen, CSV download,
history filters and the JSON import."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, PHONE, unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in

NAMES = {
    "empowerment": "Empowerment",
    "stewardship": "Stewardship",
    "courage": "Courage",
    "humility": "Humility",
    "standing_back": "Standing back",
    "forgiveness": "Forgiveness",
}


def local_today():
    # Test managers live in Europe/Amsterdam (see helpers.create_manager).
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def signed_in_manager(page: Page, server, prefix: str, name: str = "Mia", locale: str = "en") -> None:
    email = unique_email(prefix)
    create_manager(server, email, name=name, locale=locale)
    sign_in(page, server, email)
    expect(page).to_have_url(at_path(server, "/"))
    expect(page.locator("#this-week")).to_be_visible()


def tap(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("#confirmation-text")).to_have_text(f"{name} logged for today.")


def row(page: Page, name: str):
    return page.locator(".entry-row").filter(has=page.get_by_text(name, exact=True))


def week_count(page: Page, key: str):
    return page.locator(f".week-row[data-behaviour='{key}']")


def test_log_undo_details_backdate_edit_delete_and_persist(page, app_server):
    signed_in_manager(page, app_server, "log")
    for name in NAMES.values():
        tap(page, name)
    expect(page.locator("#week-status")).to_have_text("Every behaviour practised this week. Well done.")

    # Undo the last tap: that entry goes, the week shows forgiveness untouched again.
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone: that entry is gone.")).to_be_visible()
    expect(week_count(page, "forgiveness")).to_contain_text("not yet")
    expect(page.locator("#week-status")).to_have_text("Still untouched this week: Forgiveness.")
    expect(row(page, "Forgiveness")).to_have_count(0)

    # Details after a tap: a micro-action and a note; a note that is too long is refused and kept.
    tap(page, "Courage")
    page.get_by_role("button", name="Add details").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("What did you do?").select_option("raised_hard_topic")
    too_long = "x" * 281
    dialog.get_by_label("Note").fill(too_long)
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_text("A note can be at most 280 characters.", exact=False)).to_be_visible()
    expect(dialog.get_by_label("Note")).to_have_value(too_long)
    dialog.get_by_label("Note").fill("told the board our deadline was unrealistic")
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("told the board our deadline was unrealistic")).to_be_visible()
    expect(page.get_by_text("Raised a difficult topic openly")).to_be_visible()
    expect(week_count(page, "courage")).to_contain_text("2×")

    # Backdate humility to yesterday; a future day is refused with a message.
    today = local_today()
    row(page, "Humility").get_by_role("button", name="Edit entry").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Day").fill((today + timedelta(days=1)).isoformat())
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_text("You cannot log something that has not happened yet.", exact=False)).to_be_visible()
    dialog.get_by_label("Day").fill((today - timedelta(days=1)).isoformat())
    dialog.get_by_role("button", name="Save").click()
    expect(row(page, "Humility")).to_contain_text("Yesterday")

    # Edit the note of an existing entry, then delete another entry.
    row(page, "Empowerment").get_by_role("button", name="Edit entry").click()
    page.get_by_role("dialog").get_by_label("Note").fill("let Bart pick the tooling")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    expect(row(page, "Empowerment")).to_contain_text("let Bart pick the tooling")
    # Deleting asks once more in the row: "Keep" changes nothing, "Delete" deletes.
    row(page, "Stewardship").get_by_role("button", name="Delete entry").click()
    row(page, "Stewardship").get_by_role("button", name="Keep").click()
    expect(row(page, "Stewardship")).to_have_count(1)
    row(page, "Stewardship").get_by_role("button", name="Delete entry").click()
    row(page, "Stewardship").get_by_role("group", name="Delete this entry?").get_by_role("button",
        name="Delete").click()
    expect(page.get_by_text("Entry deleted: Stewardship.")).to_be_visible()
    expect(row(page, "Stewardship")).to_have_count(0)

    # Everything is still there after a reload.
    page.reload()
    expect(page.locator(".entry-row")).to_have_count(5)
    expect(row(page, "Humility")).to_contain_text("Yesterday")
    expect(row(page, "Empowerment")).to_contain_text("let Bart pick the tooling")
    expect(page.get_by_text("told the board our deadline was unrealistic")).to_be_visible()
    expect(row(page, "Stewardship")).to_have_count(0)
    expect(row(page, "Forgiveness")).to_have_count(0)
    expect(week_count(page, "courage")).to_contain_text("2×")


def test_this_week_fits_on_the_phone_screen_with_big_tap_targets(page, app_server):
    signed_in_manager(page, app_server, "fit")
    tap(page, "Humility")
    week = page.locator("#this-week").bounding_box()
    nav_top = page.get_by_role("navigation", name="Main navigation").last.bounding_box()["y"]
    assert week["y"] + week["height"] <= nav_top <= PHONE["height"], (week, nav_top)
    for tile in page.locator(".behaviour-tile").all():
        box = tile.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "today-390x844.png"))


def test_switch_to_dutch_and_see_dutch_behaviour_names(page, app_server):
    signed_in_manager(page, app_server, "nl", name="Joost")
    expect(page.get_by_role("button", name="Standing back", exact=True)).to_be_visible()
    open_page(page, f"{app_server.base_url}/settings")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Je instellingen zijn opgeslagen.")).to_be_visible()
    page.get_by_role("navigation", name="Hoofdmenu").last.get_by_role("link", name="Vandaag").click()
    for dutch in ("Empowerment", "Rentmeesterschap", "Moed", "Bescheidenheid", "Dienstbaarheid", "Vergeving"):
        expect(page.get_by_role("button", name=dutch, exact=True)).to_be_visible()
    page.get_by_role("button", name="Moed", exact=True).click()
    expect(page.locator("#confirmation-text")).to_have_text("Moed vastgelegd voor vandaag.")
    expect(page.get_by_role("heading", name="Deze week")).to_be_visible()
    expect(page.locator("#week-status")).to_contain_text("Rentmeesterschap")


def test_history_csv_download_filter_search_and_import(page, app_server, tmp_path):
    signed_in_manager(page, app_server, "csv")
    tap(page, "Courage")
    page.get_by_role("button", name="Add details").click()
    page.get_by_role("dialog").get_by_label("Note").fill("backed Sam, in the steering group")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    tap(page, "Humility")

    open_page(page, f"{app_server.base_url}/history")
    expect(page.locator("#heat-summary")).to_have_text("Entries in the last 12 months: 2")
    # The heatmap reads by keyboard and screen reader: its scroll box takes focus and is named by
    # the summary, each past day is an image named by its date and count, and the upload's
    # hidden file input has a name of its own.
    grid = page.get_by_role("group", name="Entries in the last 12 months: 2")
    grid.focus()
    expect(grid).to_be_focused()
    expect(page.get_by_role("img", name="Today: 2", exact=True)).to_have_count(1)
    expect(page.locator(".heat-cell[aria-hidden=true]")).to_have_count(
        6 - local_today().weekday())  # the days still to come this week
    expect(page.locator("#your-data input[type=file]")).to_have_accessible_name("Import a JSON export")
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert sorted((r["behaviour"], r["note"], r["day"]) for r in rows) == [
        ("courage", "backed Sam, in the steering group", local_today().isoformat()),
        ("humility", "", local_today().isoformat()),
    ]

    page.get_by_label("Show behaviour").select_option("humility")
    expect(page.locator(".entry-row")).to_have_count(1)
    expect(page.locator("#heat-summary")).to_have_text("Entries in the last 12 months: 1")
    page.get_by_label("Show behaviour").select_option("")
    page.get_by_role("searchbox", name="Search notes").fill("steering")
    page.get_by_role("button", name="Search notes").click()
    expect(page.locator(".entry-row")).to_have_count(1)
    expect(row(page, "Courage")).to_contain_text("backed Sam")

    # A malformed file changes nothing; the own export imports without duplicates.
    with page.expect_download() as info:
        page.get_by_role("button", name="JSON", exact=True).click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert len(exported["entries"]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    page.locator("#your-data input[type=file]").set_input_files(str(broken))
    expect(page.get_by_text("This file is not JSON.", exact=False)).to_be_visible()
    again = tmp_path / "again.json"
    again.write_text(json.dumps(exported))
    page.locator("#your-data input[type=file]").set_input_files(str(again))
    expect(page.get_by_text("Imported 0 entries; 2 were already here.")).to_be_visible()


def test_habits_page_shows_strength_targets_and_pauses(page, app_server):
    signed_in_manager(page, app_server, "habits")
    tap(page, "Courage")
    tap(page, "Courage")
    page.locator("#habits-link").click()
    expect(page).to_have_url(at_path(app_server, "/habits"))
    courage = page.locator(".habit-row[data-behaviour='courage']")
    expect(courage).to_contain_text("2/2 this week")
    expect(courage.locator(".habit-score")).to_have_text("20")
    courage.get_by_label("Courage").select_option("3")
    expect(courage).to_contain_text("2/3 this week")
    expect(courage.locator(".habit-score")).to_have_text("0")
    today = local_today()
    page.get_by_label("From").fill(today.isoformat())
    page.get_by_label("Until").fill((today + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Add pause").click()
    expect(page.get_by_text("You are on a pause", exact=False)).to_be_visible()
    page.reload()
    expect(page.locator(".habit-row[data-behaviour='courage']")).to_contain_text("2/3 this week")
    expect(page.get_by_role("button", name="Delete pause")).to_have_count(1)
