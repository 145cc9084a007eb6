"""The data lifecycle in Chromium at 390×844 on the production build: the privacy page (linked
from sign-up), deleting an account from Settings (password asked again), and a member erasing
their own address from the unsubscribe link."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, new_phone_page, unique_email
from tests.e2e.helpers import at_path, create_manager, expect_home, open_page, sign_in
from trusthabits.core import clock
from trusthabits.db.models import ActionLog, Manager, Member, OutboxMessage, Team
from trusthabits.services import pulse_rounds, teams


def test_privacy_page_is_linked_from_sign_up_and_speaks_both_languages(page, app_server):
    open_page(page, f"{app_server.base_url}/register")
    page.get_by_role("link", name="Privacy: what is kept, and for how long").click()
    expect(page).to_have_url(at_path(app_server, "/privacy"))
    expect(page.get_by_role("heading", name="Privacy: what TrustHabits keeps, for how long, and why")).to_be_visible()
    # This server's periods, filled in from its settings.
    expect(page.get_by_text("Its text and address are removed 30 days after it was sent")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "privacy-phone.png"), full_page=True)
    page.get_by_role("radio", name="NL").click()
    expect(page.get_by_role("heading", name="Privacy: wat TrustHabits bewaart, hoe lang, en waarom")).to_be_visible()
    expect(page.get_by_text("De tekst en het adres worden 30 dagen na verzending")).to_be_visible()


def test_a_manager_deletes_their_account_with_their_password(page, app_server):
    email = unique_email("erase")
    manager = create_manager(app_server, email, name="Wendy")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Gone", language="en", time_zone="Europe/Amsterdam")
        teams.add_members(session, manager.id, team.id, "one@gone.example, two@gone.example, three@gone.example")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Wendy")
    open_page(page, f"{app_server.base_url}/settings")
    expect(page.get_by_text("This removes everything that is yours")).to_be_visible()
    page.get_by_label("Your password, to confirm").fill("not my password")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.locator("#delete-account-form").get_by_role("alert")).to_be_visible()
    with Session(app_server.engine) as session:
        assert session.get(Manager, manager.id) is not None
    page.get_by_label("Your password, to confirm").fill("a long enough passphrase")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page).to_have_url(at_path(app_server, "/signin?deleted=1"))
    expect(page.get_by_role("status")).to_have_text("Your account and all your data are deleted.")
    with Session(app_server.engine) as session:
        assert session.get(Manager, manager.id) is None
        assert not session.exec(select(Team).where(Team.manager_id == manager.id)).all()
        assert not session.exec(select(Member).where(Member.email == "one@gone.example")).all()
        assert not session.exec(select(ActionLog).where(ActionLog.manager_id == manager.id)).all()
    page.goto(f"{app_server.base_url}/settings")
    expect(page).to_have_url(at_path(app_server, "/signin?next=%2Fsettings"))


def test_a_member_erases_their_own_address_from_the_unsubscribe_link(app_server, browser):
    email = unique_email("erase-member")
    manager = create_manager(app_server, email, name="Xena")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Zorg", language="en", time_zone="Europe/Amsterdam")
        teams.add_members(session, manager.id, team.id, "dora@erase.example, eli@erase.example, fay@erase.example")
        pulse_rounds.send_this_weeks_pulse(session, manager.id, team.id, clock.now(), app_server.base_url)
        body = session.exec(select(OutboxMessage.body).where(OutboxMessage.to_address == "eli@erase.example")).first()
    token = next(line for line in body.splitlines() if "/unsubscribe/" in line).rsplit("/unsubscribe/", 1)[1]
    member = new_phone_page(browser)
    try:
        open_page(member, f"{app_server.base_url}/unsubscribe/{token}")
        expect(member.get_by_text("You can also have your address erased")).to_be_visible()
        member.get_by_role("button", name="Erase my address").click()
        expect(member.get_by_role("heading", name="Your address is erased.", exact=False)).to_be_visible()
        member.screenshot(path=str(ARTIFACTS / "address-erased-phone.png"), full_page=True)
    finally:
        member.context.close()
    with Session(app_server.engine) as session:
        assert not session.exec(select(Member).where(Member.email == "eli@erase.example")).all()
        assert not session.exec(select(OutboxMessage).where(OutboxMessage.to_address == "eli@erase.example")).all()
        shown = [m.email for m in teams.list_members(session, manager.id, team.id)]
    assert shown == ["dora@erase.example", "fay@erase.example"]


def test_the_manager_erases_a_member_after_confirming(page, app_server):
    email = unique_email("erase-by-manager")
    manager = create_manager(app_server, email, name="Yara")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Kept", language="en", time_zone="Europe/Amsterdam")
        teams.add_members(session, manager.id, team.id, "gus@kept.example, hal@kept.example, ivy@kept.example")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Yara")
    open_page(page, f"{app_server.base_url}/team/{team.id}")
    row = page.locator(".member-row").filter(has_text="hal@kept.example")
    row.get_by_role("button", name="Erase").click()
    expect(page.get_by_text("Erase hal@kept.example? Their address")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("Erase hal@kept.example? Their address")).to_have_count(0)
    row.get_by_role("button", name="Erase").click()
    page.get_by_role("button", name="Erase for good").click()
    expect(page.get_by_text("The address is erased.")).to_be_visible()
    expect(page.locator(".member-row")).to_have_count(2)
    with Session(app_server.engine) as session:
        assert not session.exec(select(Member).where(Member.email == "hal@kept.example")).all()


def test_everything_downloads_as_one_zip_whose_log_imports_into_a_fresh_account(page, app_server, browser, tmp_path):
    import json
    import zipfile

    from trusthabits.services import actions

    email = unique_email("export-all")
    manager = create_manager(app_server, email, name="Zoe")
    with Session(app_server.engine) as session:
        actions.log_action(session, manager.id, "courage", note="=1+1 stays text")
        teams.create_team(session, manager.id, name="Ours", language="en", time_zone="Europe/Amsterdam")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Zoe")
    open_page(page, f"{app_server.base_url}/history")
    with page.expect_download() as info:
        page.get_by_role("button", name="Everything (zip)").click()
    download = info.value
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        document = json.loads(archive.read("trusthabits-export.json"))
        log = archive.read("actions.json")
        assert "'=1+1 stays text" in archive.read("actions.csv").decode()
    assert document["profile"]["email"] == email and document["teams"][0]["name"] == "Ours"

    fresh = unique_email("export-fresh")
    create_manager(app_server, fresh, name="Fresh")
    other = new_phone_page(browser)
    try:
        sign_in(other, app_server, fresh)
        expect_home(other, app_server, "Fresh")
        open_page(other, f"{app_server.base_url}/history")
        target = tmp_path / "actions.json"
        target.write_bytes(log)
        other.locator("#your-data input[type=file]").set_input_files(str(target))
        expect(other.get_by_text("Imported 1 entries", exact=False)).to_be_visible()
    finally:
        other.context.close()


def test_metrics_of_the_running_app_count_websockets_and_time_handlers_by_name(page, app_server):
    import re
    import urllib.request

    email = unique_email("metrics")
    create_manager(app_server, email, name="Mo")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Mo")
    open_page(page, f"{app_server.base_url}/settings")
    # This test talks to the worker directly from the same machine: allowed without a token.
    with urllib.request.urlopen(f"{app_server.base_url}/metrics") as response:
        text = response.read().decode()
    sockets = re.search(r"^trusthabits_websockets_active (\S+)$", text, re.M)
    assert sockets and float(sockets.group(1)) >= 1
    assert 'trusthabits_event_handler_seconds_count{handler="SettingsState.load"}' in text
    assert 'trusthabits_outbox_messages{status="queued"}' in text
    # Through a proxy (which adds X-Forwarded-For), or from elsewhere: refused.
    request = urllib.request.Request(f"{app_server.base_url}/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    try:
        urllib.request.urlopen(request)
        raise AssertionError("a proxied request read /metrics")
    except urllib.error.HTTPError as refused:
        assert refused.code == 403
