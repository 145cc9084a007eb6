"""What a manager does with an account, in Chromium at 390×844 on the production build."""

from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import expect

from tests.e2e.conftest import new_phone_page, unique_email
from tests.e2e.helpers import (
    PASSWORD,
    at_path,
    create_manager,
    expect_home,
    open_page,
    sign_in,
)


def test_register_land_home_sign_out_and_sign_in_again(page, app_server):
    email = unique_email("reg")
    open_page(page, f"{app_server.base_url}/register")
    page.get_by_label("Your name").fill("Ann de Vries")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    # The time zone comes from the browser (Chromium here runs in UTC unless told otherwise).
    expect(page.get_by_label("Time zone")).not_to_have_value("")
    page.get_by_role("button", name="Create account").click()
    expect_home(page, app_server, "Ann de Vries")

    nav = page.get_by_role("navigation", name="Main navigation").filter(has=page.get_by_text("Today")).last
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="Settings").click()
    expect(page).to_have_url(at_path(app_server, "/settings"))
    expect(page.get_by_text(email)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(at_path(app_server, "/signin?signed_out=1"))
    expect(page.get_by_role("status")).to_have_text("You are signed out.")

    # Signed out means signed out: the home screen sends us back to sign-in.
    page.goto(f"{app_server.base_url}/")
    expect(page).to_have_url(at_path(app_server, "/signin?next=%2F"))

    sign_in(page, app_server, email)
    expect_home(page, app_server, "Ann de Vries")
    # The session survives a reload (the cookie carries it).
    page.reload()
    expect_home(page, app_server, "Ann de Vries")


def test_registration_errors_are_shown_and_nothing_typed_is_lost(page, app_server):
    taken = unique_email("taken")
    create_manager(app_server, taken)
    open_page(page, f"{app_server.base_url}/register")
    page.get_by_label("Your name").fill("Bram")
    page.get_by_label("Email address").fill(taken)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Use at least 10 characters.")).to_be_visible()
    expect(page.get_by_text("An account with this email address already exists")).to_have_count(0)
    expect(page.get_by_label("Your name")).to_have_value("Bram")
    expect(page.get_by_label("Email address")).to_have_value(taken)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("An account with this email address already exists. Sign in instead?")).to_be_visible()
    expect(page).to_have_url(at_path(app_server, "/register"))


def test_wrong_password_and_unknown_email_get_the_same_message(page, app_server):
    email = unique_email("badpw")
    create_manager(app_server, email)
    sign_in(page, app_server, email, password="not my password at all")
    alert = page.get_by_role("status").filter(has_text="do not match")
    expect(alert).to_have_text("That email address and password do not match.")
    expect(page).to_have_url(at_path(app_server, "/signin"))
    # What was typed stays in the field.
    expect(page.get_by_label("Email address")).to_have_value(email)

    sign_in(page, app_server, unique_email("nobody"), password="not my password at all")
    expect(page.get_by_role("status").filter(has_text="do not match")).to_have_text(
        "That email address and password do not match."
    )


def test_switch_language_to_dutch_everywhere(page, app_server):
    open_page(page, f"{app_server.base_url}/signin")
    page.get_by_role("radio", name="NL").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_label("E-mailadres")).to_be_visible()

    # The choice is remembered on the next visit.
    open_page(page, f"{app_server.base_url}/register")
    expect(page.get_by_role("heading", name="Maak je account")).to_be_visible()

    # A signed-in manager's own language applies everywhere: switch it in settings.
    email = unique_email("taal")
    create_manager(app_server, email, name="Joost", locale="en")
    page.get_by_role("radio", name="EN").click()
    # The choice is stored by the server's answer: wait for it before leaving the page.
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Joost")
    open_page(page, f"{app_server.base_url}/settings")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Je instellingen zijn opgeslagen.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("link", name="Vandaag").last.click()
    expect(page.locator("#greeting")).to_have_text("Fijn je te zien, Joost.")
    page.reload()
    expect(page.locator("#greeting")).to_have_text("Fijn je te zien, Joost.")
    expect(page.get_by_role("heading", name="Vandaag")).to_be_visible()


def test_signed_out_pages_follow_the_browser_language(browser, app_server):
    page = new_phone_page(browser, locale="nl-NL")
    try:
        open_page(page, f"{app_server.base_url}/signin")
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "nl")
    finally:
        page.context.close()


def test_protected_url_goes_to_sign_in_and_back_afterwards(page, app_server):
    email = unique_email("protected")
    create_manager(app_server, email, name="Sanne")
    page.goto(f"{app_server.base_url}/settings")
    expect(page).to_have_url(at_path(app_server, "/signin?next=%2Fsettings"))
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(at_path(app_server, "/settings"))
    expect(page.get_by_text(email)).to_be_visible()


def test_sign_in_never_redirects_to_another_site(page, app_server):
    email = unique_email("redirect")
    create_manager(app_server, email, name="Eve")
    sign_in(page, app_server, email, next_path="?next=%2F%2Fevil.example%2F")
    expect_home(page, app_server, "Eve")


def test_change_password_in_settings(page, app_server):
    email = unique_email("pw")
    create_manager(app_server, email, name="Piet")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Piet")
    open_page(page, f"{app_server.base_url}/settings")
    page.get_by_label("Current password").fill("wrong current pw")
    page.get_by_label("New password").fill("brand new passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("That is not your current password.")).to_be_visible()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    # Checking the old password and hashing the new one is Argon2 twice: slow by design, and slower
    # still on a busy machine.
    expect(page.get_by_text("Password changed. Your other devices are signed out.")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, app_server, email, password="brand new passphrase")
    expect_home(page, app_server, "Piet")


def test_phone_shell_tap_targets_manifest_and_no_badge(page, app_server):
    email = unique_email("shell")
    create_manager(app_server, email, name="Lotte")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Lotte")
    bottom_nav = page.locator("nav").filter(has=page.get_by_role("link", name="Today")).last
    for link in bottom_nav.get_by_role("link").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
    # Readable without zoom: nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_text("Built with Reflex").count() == 0
    assert page.locator("link[rel=manifest]").count() == 1
    with urllib.request.urlopen(f"{app_server.base_url}/manifest.webmanifest") as response:
        manifest = json.load(response)
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    with urllib.request.urlopen(f"{app_server.base_url}/icon-192.png") as response:
        assert response.read(8) == b"\x89PNG\r\n\x1a\n"


def test_health_checks_the_database(app_server):
    with urllib.request.urlopen(f"{app_server.base_url}/api/health") as response:
        assert response.status == 200
        body = json.load(response)
        assert (body["status"], body["database"]) == ("ok", "ok")
        assert body["migration"]["current"] == body["migration"]["expected"]
    with urllib.request.urlopen(f"{app_server.base_url}/api/health/live") as response:
        assert response.status == 200
