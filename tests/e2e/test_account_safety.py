"""Account safety in Chromium at 390×844 on the production build: a forgotten password reset by
a mailed link (which signs every device out), the wait after repeated wrong passwords, the
banner and link for an unconfirmed address, and a member's unsubscribe page."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, new_phone_page, unique_email
from tests.e2e.helpers import PASSWORD, at_path, create_manager, expect_home, open_page, sign_in
from trusthabits.core import clock
from trusthabits.db.models import LoginAttempt, Member, OutboxMessage
from trusthabits.services import accounts, mail, pulse_rounds, teams

NEW_PASSWORD = "a new and long passphrase"


def _latest_link(server, kind: str, to: str) -> str:
    with Session(server.engine) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind, OutboxMessage.to_address == to)
                               .order_by(OutboxMessage.id.desc())).first()
    return message.link


def test_forgotten_password_reset_by_mailed_link_signs_out_every_device(page, app_server, browser):
    email = unique_email("reset")
    create_manager(app_server, email, name="Rosa")
    other_device = new_phone_page(browser)
    try:
        sign_in(other_device, app_server, email)
        expect_home(other_device, app_server, "Rosa")

        open_page(page, f"{app_server.base_url}/signin")
        page.get_by_role("link", name="Forgot your password?").click()
        expect(page).to_have_url(at_path(app_server, "/reset"))
        page.wait_for_selector("html[data-ready='1']")
        # The same answer for an address without an account.
        page.get_by_label("Email address").fill("nobody-here@example.com")
        page.get_by_role("button", name="Send the link").click()
        expect(page.get_by_role("status")).to_have_text(
            "If nobody-here@example.com has an account, a link is on its way. It works once, for one hour.")
        page.get_by_label("Email address").fill(email)
        page.get_by_role("button", name="Send the link").click()
        expect(page.get_by_role("status")).to_have_text(
            f"If {email} has an account, a link is on its way. It works once, for one hour.")
        page.screenshot(path=str(ARTIFACTS / "reset-request-phone.png"), full_page=True)

        link = _latest_link(app_server, mail.ACCOUNT_KINDS[1], email)
        open_page(page, link)
        page.get_by_label("New password").fill("short")
        page.get_by_role("button", name="Save the new password").click()
        expect(page.get_by_role("alert")).to_have_text("Use at least 10 characters.")
        page.get_by_label("New password").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Save the new password").click()
        expect(page).to_have_url(at_path(app_server, "/signin?reset=1"))
        expect(page.get_by_role("status")).to_contain_text("Your password is changed")
        sign_in(page, app_server, email, password=NEW_PASSWORD)
        expect_home(page, app_server, "Rosa")

        # The other device was signed out; the link works once.
        other_device.goto(f"{app_server.base_url}/")
        expect(other_device).to_have_url(at_path(app_server, "/signin?next=%2F"))
        open_page(other_device, link)
        expect(other_device.get_by_text("This link has been used already.")).to_be_visible()
    finally:
        other_device.context.close()


def test_after_a_flood_of_wrong_passwords_from_elsewhere_the_owner_waits_seconds_not_hours(page, app_server):
    email = unique_email("throttle")
    create_manager(app_server, email, name="Tess")
    with Session(app_server.engine) as session:  # 30 machines each guessed once, just now
        session.add_all(LoginAttempt(email=email, client_ip=f"203.0.113.{n}", attempted_at=clock.now(), succeeded=False)
                        for n in range(30))
        session.commit()
    sign_in(page, app_server, email)
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"Too many attempts\. For your safety, try again in [1-6]?\d seconds\."))


def test_an_unconfirmed_address_is_told_why_nothing_is_sent_until_the_link_is_opened(page, app_server):
    email = unique_email("unconfirmed")
    with Session(app_server.engine) as session:
        accounts.register(session, name="Uma", email=email, password=PASSWORD, locale="en",
                          time_zone="Europe/Amsterdam", confirm_base_url=app_server.base_url)
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Uma")
    open_page(page, f"{app_server.base_url}/outbox")
    banner = page.locator("#unconfirmed")
    expect(banner).to_contain_text(f"Your address {email} is not confirmed yet, so nothing is sent")
    page.get_by_role("button", name="Send the link again").click()
    expect(banner).to_contain_text("A link was sent moments ago.")
    page.screenshot(path=str(ARTIFACTS / "outbox-unconfirmed-phone.png"), full_page=True)

    open_page(page, _latest_link(app_server, mail.ACCOUNT_KINDS[0], email))
    expect(page.get_by_role("heading", name="Your address is confirmed")).to_be_visible()
    open_page(page, f"{app_server.base_url}/outbox")
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    expect(page.locator("#unconfirmed")).to_have_count(0)


def test_a_member_unsubscribes_and_the_manager_sees_only_a_count(page, app_server, browser):
    email = unique_email("unsub")
    manager = create_manager(app_server, email, name="Vera")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Zorg", language="nl", time_zone="Europe/Amsterdam")
        teams.add_members(session, manager.id, team.id, "ans@zorg.example, bas@zorg.example, cor@zorg.example")
        pulse_rounds.send_this_weeks_pulse(session, manager.id, team.id, clock.now(), app_server.base_url)
        body = session.exec(select(OutboxMessage.body).where(OutboxMessage.to_address == "bas@zorg.example")).first()
    # (Queued by this test process, whose base URL is not the server's: keep the token.)
    token = next(line for line in body.splitlines() if "/unsubscribe/" in line).rsplit("/unsubscribe/", 1)[1]
    link = f"{app_server.base_url}/unsubscribe/{token}"

    member = new_phone_page(browser)
    try:
        open_page(member, link)
        # In the team's language; opening the page alone changes nothing.
        expect(member.get_by_role("heading", name="Geen mail meer van dit team?")).to_be_visible()
        with Session(app_server.engine) as session:
            assert session.exec(select(Member).where(Member.email == "bas@zorg.example")).one().unsubscribed_at is None
        member.screenshot(path=str(ARTIFACTS / "unsubscribe-phone.png"), full_page=True)
        member.get_by_role("button", name="Afmelden").click()
        expect(member.get_by_role("heading", name="Je bent afgemeld")).to_be_visible()
    finally:
        member.context.close()

    sign_in(page, app_server, email)
    expect_home(page, app_server, "Vera")
    open_page(page, f"{app_server.base_url}/team/{team.id}")
    expect(page.get_by_text("1 unsubscribed (who is not shown)", exact=False)).to_be_visible()
    expect(page.locator(".member-row")).to_have_count(3)
