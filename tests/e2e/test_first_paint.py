"""Dutch from the first paint: what a phone draws before any of the app's scripts has run — the
prerendered page, its styles and the language script in its <head> — holds no English for a
Dutch manager, a new Dutch visitor, or a Dutch team member on the answer page.

The first paint is caught by refusing every script file: the page then stays exactly as it was
first drawn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import new_phone_page, unique_email
from tests.e2e.helpers import create_manager, expect_home, open_page, sign_in
from trusthabits.core.i18n import CATALOGUES
from trusthabits.core.instrument import CURRENT
from trusthabits.db.models import OutboxMessage
from trusthabits.services import pulse_rounds, teams

# Pages with a parameter in their path are drawn from a prerendered template (web/page_templates.py).
SIGNED_IN_PAGES = ["/", "/trends", "/reflect", "/reflect/2026-W01", "/team", "/team/1", "/outbox", "/history",
                   "/habits", "/settings"]
# Words that are English in the catalogue and different in Dutch: none may be seen.
ENGLISH_ONLY = sorted(
    {text for key, text in CATALOGUES["en"].items() if text != CATALOGUES["nl"].get(key) and "{" not in text
     and len(text) >= 4 and re.search(r"[a-z]{3}", text)},
    key=len, reverse=True,
)


# The text a person sees: a closed <select> shows its chosen option only.
VISIBLE_TEXT = """() => {
  for (const select of document.querySelectorAll('select')) {
    const shown = document.createElement('span');
    shown.textContent = select.options[select.selectedIndex]?.text ?? '';
    select.after(shown);
    select.style.display = 'none';
  }
  return document.body.innerText;
}"""


def _first_paint(page: Page, url: str) -> str:
    """The text visible on the page as first drawn (no script of the app may run)."""
    page.route(re.compile(r".*\.m?js(\?.*)?$"), lambda route: route.abort())
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate(VISIBLE_TEXT)


def _english_in(text: str) -> list[str]:
    return [english for english in ENGLISH_ONLY if re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)]


def test_a_dutch_manager_sees_dutch_on_every_page_from_the_first_paint(browser, app_server):
    email = unique_email("eerste")
    create_manager(app_server, email, name="Joke", locale="nl")
    page = new_phone_page(browser, locale="en-GB")  # an English phone: the manager's language wins
    try:
        sign_in(page, app_server, email)
        expect(page.locator("#greeting")).to_have_text("Fijn je te zien, Joke.")
        for path in SIGNED_IN_PAGES:
            text = _first_paint(page, app_server.base_url + path)
            assert _english_in(text) == [], (path, _english_in(text))
            assert "Vandaag" in text, (path, text)  # the navigation is drawn, in Dutch
            page.unroute_all()
    finally:
        page.context.close()


def test_a_new_dutch_visitor_sees_dutch_from_the_first_paint(browser, app_server):
    page = new_phone_page(browser, locale="nl-NL")
    try:
        text = _first_paint(page, f"{app_server.base_url}/signin")
        assert "Inloggen" in text and _english_in(text) == []
    finally:
        page.context.close()


@pytest.fixture
def answer_link(app_server) -> str:
    manager = create_manager(app_server, unique_email("teamlid"), name="Marit", locale="en")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Blauw", language="nl", time_zone="Europe/Amsterdam", k=3)
        teams.add_members(session, manager.id, team.id, "lid@team.example")
        from trusthabits.core import clock

        pulse_rounds.send_this_weeks_pulse(session, manager.id, team.id, clock.now(), app_server.base_url)
        link = session.exec(select(OutboxMessage.link).where(OutboxMessage.manager_id == manager.id)).one()
    return link


def test_a_dutch_team_member_sees_the_questions_in_dutch_without_any_script(browser, answer_link):
    page = new_phone_page(browser, locale="en-GB")
    try:
        text = _first_paint(page, answer_link)
        assert "Hoe was deze week met Marit?" in text and _english_in(text) == []
        # Every week asks the same number of items (trust, one per need, one "seen by the team").
        expect(page.locator("fieldset[data-item]")).to_have_count(len(CURRENT.items_for_week("2026-W01")))
        assert page.evaluate("document.scripts.length") == 0
    finally:
        page.context.close()


def test_after_the_first_paint_the_app_takes_over_in_the_same_language(browser, app_server):
    email = unique_email("daarna")
    create_manager(app_server, email, name="Sem", locale="nl")
    page = new_phone_page(browser, locale="en-GB")
    try:
        sign_in(page, app_server, email)
        expect(page.locator("#greeting")).to_have_text("Fijn je te zien, Sem.")
        open_page(page, f"{app_server.base_url}/settings")
        expect(page.get_by_role("heading", name="Instellingen", level=1)).to_be_visible()
        assert _english_in(page.evaluate(VISIBLE_TEXT)) == []
    finally:
        page.context.close()


def test_a_page_opened_in_a_new_tab_makes_its_texts_in_the_managers_language(browser, app_server):
    # A new tab is a new Reflex tab, which starts in the default language: the texts its first
    # load makes on the server (team facts, round status) must still be Dutch.
    email = unique_email("nieuwetab")
    manager = create_manager(app_server, email, name="Joke", locale="nl")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, manager.id, name="Oranje", language="nl", time_zone="Europe/Amsterdam", k=3)
        teams.add_members(session, manager.id, team.id, "a@team.example, b@team.example, c@team.example")
        from trusthabits.core import clock

        pulse_rounds.send_this_weeks_pulse(session, manager.id, team.id, clock.now(), app_server.base_url)
    page = new_phone_page(browser, locale="en-GB")
    try:
        sign_in(page, app_server, email)
        expect(page.locator("#greeting")).to_have_text("Fijn je te zien, Joke.")
        tab = page.context.new_page()
        tab.goto(f"{app_server.base_url}/team/{team.id}")
        expect(tab.get_by_text("3 actieve leden · Nederlands")).to_be_visible()
        expect(tab.get_by_text("0 van 3 beantwoord")).to_be_visible()
        assert _english_in(tab.evaluate(VISIBLE_TEXT)) == []
    finally:
        page.context.close()


def test_an_english_manager_still_sees_english(browser, app_server):
    email = unique_email("first")
    create_manager(app_server, email, name="Ann", locale="en")
    page = new_phone_page(browser, locale="en-GB")
    try:
        sign_in(page, app_server, email)
        expect_home(page, app_server, "Ann")
        text = _first_paint(page, f"{app_server.base_url}/habits")
        assert "Today" in text and "Vandaag" not in text
    finally:
        page.context.close()
