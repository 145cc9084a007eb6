"""A whole pulse week in Chromium at 390×844 on the production build: a manager builds a team
of four and sends the pulse; three members answer on their phones from the outbox links (one
with a comment); a used link is refused; nothing but "x of n answered" shows while the round is
open; the manager may close it early from the third answer, and then the figures and the comment
appear. Without a mail server the answer page says the manager handed the links out."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, new_phone_page, unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in

MEMBERS = ["ans@team.example", "bas@team.example", "cor@team.example", "dewi@team.example"]
COMMENT = "Meer één-op-één gesprekken, graag."


def _answer(browser, link: str, value: str, comment: str = "", screenshot: str = "") -> None:
    """Open a pulse link on a fresh phone (English browser) and answer every item with `value`."""
    phone = new_phone_page(browser, locale="en-GB")
    try:
        open_page(phone, link)
        # The team's language (Dutch), not the browser's.
        expect(phone.get_by_role("heading", name="Hoe was deze week met Marit?")).to_be_visible()
        questions = phone.locator("fieldset[data-item]")
        expect(questions).to_have_count(8)
        for index in range(questions.count()):
            questions.nth(index).get_by_role("radio", name=value, exact=True).check()
        if comment:
            phone.get_by_label("Wat zou Marit meer kunnen doen? (optioneel)").fill(comment)
        if screenshot:
            phone.emulate_media(color_scheme="dark")  # read the screenshot: dark mode stays readable
            phone.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
        phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
        expect(phone.get_by_role("heading", name="Dank je wel!")).to_be_visible()
    finally:
        phone.context.close()


def _expect_refused(browser, link: str, heading: str) -> None:
    phone = new_phone_page(browser)
    try:
        open_page(phone, link)
        expect(phone.get_by_role("heading", name=heading)).to_be_visible()
        expect(phone.locator("fieldset[data-item]")).to_have_count(0)
    finally:
        phone.context.close()


def _week(page: Page):
    return page.locator(".week-result").first


def test_a_pulse_week_from_team_to_results(page, browser, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    email = unique_email("pulse")
    create_manager(app_server, email, name="Marit")
    sign_in(page, app_server, email)
    expect(page).to_have_url(at_path(app_server, "/"))

    # A team of four, pasted with one typo that is reported and not kept.
    page.get_by_role("navigation", name="Main navigation").last.get_by_role("link", name="Team").click()
    expect(page).to_have_url(at_path(app_server, "/team"))
    page.get_by_label("Team name").fill("Klantenservice")
    page.get_by_label("Language of the pulse").select_option("nl")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Amsterdam")
    page.get_by_role("button", name="Create team").click()
    expect(page).to_have_url(re.compile(re.escape(app_server.base_url) + r"/team/\d+/?$"))
    team_url = page.url
    page.get_by_label("Add members").fill(", ".join(MEMBERS[:2]) + "\nnot-an-email\n" + "\n".join(MEMBERS[2:]))
    page.get_by_role("button", name="Add members").click()
    expect(page.get_by_text("Added: 4.")).to_be_visible()
    expect(page.locator("#invalid-emails")).to_contain_text("not-an-email")
    expect(page.locator(".member-row")).to_have_count(4)

    page.get_by_role("button", name="Send this week's pulse now").click()
    expect(page.get_by_text("Invitations queued: 4.")).to_be_visible()
    expect(_week(page).locator(".answered-count")).to_have_text("0 of 4 answered")
    page.screenshot(path=str(ARTIFACTS / "pulse-team-page.png"), full_page=True)

    # No SMTP_URL on the test server: the links wait in the outbox.
    page.get_by_role("link", name="Outbox: sent and waiting mail").first.click()
    expect(page).to_have_url(at_path(app_server, "/outbox"))
    links_locator = page.locator("a.pulse-link")
    expect(links_locator).to_have_count(4)
    links = [links_locator.nth(i).get_attribute("href") for i in range(4)]
    assert all(link.startswith(f"{app_server.base_url}/pulse/") for link in links)
    assert len(set(links)) == 4

    # The answer page fits a phone: nothing wider than the screen, tiles big enough to tap.
    phone = new_phone_page(browser)
    try:
        open_page(phone, links[3])
        # Four trust items, one per need and (instrument version 2) one "seen by the team".
        expect(phone.locator("fieldset[data-item]")).to_have_count(8)
        expect(phone.locator("fieldset[data-item^='seen_']")).to_have_count(1)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        for tile in phone.locator("fieldset[data-item] label").all():
            box = tile.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box
        # No mail server on the test server: the page says plainly who could read the links.
        expect(phone.locator("#by-hand")).to_contain_text("Marit heeft de links van dit team zelf uitgedeeld")
        phone.get_by_text("Hoe?", exact=True).click()
        expect(phone.locator("#how-anonymous")).to_contain_text("alleen als minstens 3 mensen hebben geantwoord")
        expect(phone.locator("#public-page")).to_have_attribute("href", re.compile(r"^/anonymity/[\w-]{20,}$"))
        # Everything must be answered: one left open is named, and nothing is stored.
        questions = phone.locator("fieldset[data-item]")
        for index in range(questions.count() - 1):
            questions.nth(index).get_by_role("radio", name="3", exact=True).check()
        phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
        expect(phone.get_by_role("alert")).to_have_text("Beantwoord alsjeblieft elke zin (nog 1 open).")
        phone.screenshot(path=str(ARTIFACTS / "pulse-answer-incomplete.png"), full_page=True)
    finally:
        phone.context.close()

    _answer(browser, links[0], "4", comment=COMMENT, screenshot="pulse-answer-page.png")
    _answer(browser, links[1], "5")
    open_page(page, team_url)
    expect(_week(page).locator(".answered-count")).to_have_text("2 of 4 answered")
    expect(_week(page).locator(".not-enough")).to_contain_text("While the round is open you see only how many")
    expect(page.get_by_text("Trust index")).to_have_count(0)
    expect(_week(page).locator(".by-hand")).to_have_text("Links handed out by hand")
    expect(page.locator(".close-early")).to_have_count(0)  # fewer than k answered: no closing early

    _answer(browser, links[2], "4")
    _expect_refused(browser, links[0], "Deze link is al gebruikt")
    open_page(page, team_url)
    expect(_week(page).locator(".answered-count")).to_have_text("3 of 4 answered")
    # Still open: no figure and no comment, only the count.
    expect(_week(page).get_by_text("Trust index")).to_have_count(0)
    expect(page.get_by_text(COMMENT)).to_have_count(0)
    page.get_by_role("button", name="Close this round now").click()
    expect(_week(page).locator(".pulse-comment")).to_have_text([COMMENT])
    expect(_week(page).get_by_text("Trust index")).to_be_visible()
    # Per person the trust items average 3.5, 4 and 3.5 (the reverse-scored item flipped).
    expect(_week(page).locator(".figure-value").first).to_have_text("3.67")
    expect(_week(page).locator(".not-enough")).to_have_count(0)
    expect(_week(page).get_by_text("Closed", exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "pulse-results-closed.png"), full_page=True)
    # A link that was never used stops working once the round is closed.
    _expect_refused(browser, links[3], "Deze pulse is gesloten")
