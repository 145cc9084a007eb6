"""Issue 10's attack, tried as a manager would, in Chromium at 390×844 on the production build.

A team of four with one member deactivated; the pulse goes to three; all three answer. While the
round is open the team page shows "3 of 3 answered" and no figure. The manager reactivates the
fourth member and presses "Send this week's pulse now" again: nothing new is sent, the page says
why, and the fourth has no link for this round. The manager closes the round: the figures are
those of the first three answers, so there is no second figure to subtract from the first. The
server's log names no member and carries no link or token.
"""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, new_phone_page, unique_email
from tests.e2e.helpers import create_manager, expect_home, open_page, sign_in
from trusthabits.core.anonymity import Answer, block_figures
from trusthabits.core.instrument import CURRENT
from trusthabits.db.models import Invitation, Member, OutboxMessage, PulseResponse, PulseRound
from trusthabits.services import teams

MEMBERS = ["anna@attack.example", "bram@attack.example", "cato@attack.example", "daan@attack.example"]
VALUES = {"anna@attack.example": "4", "bram@attack.example": "5", "cato@attack.example": "2"}
def _answer(browser, link: str, value: str, week: str) -> None:
    phone = new_phone_page(browser)
    try:
        open_page(phone, link)
        questions = phone.locator("fieldset[data-item]")
        expect(questions).to_have_count(len(CURRENT.items_for_week(week)))
        for index in range(questions.count()):
            questions.nth(index).get_by_role("radio", name=value, exact=True).check()
        phone.get_by_role("button", name="Send my answers").click()
        expect(phone.get_by_role("heading", name="Thank you!")).to_be_visible()
    finally:
        phone.context.close()


def _week(page: Page):
    return page.locator(".week-result").first


def test_the_subtraction_attack_yields_nothing(page, browser, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    email = unique_email("attack")
    manager = create_manager(app_server, email, name="Marit")
    with Session(app_server.engine, expire_on_commit=False) as session:
        team = teams.create_team(session, manager.id, name="Attack", language="en", time_zone="Europe/Amsterdam", k=3)
        teams.add_members(session, manager.id, team.id, "\n".join(MEMBERS))
        fourth = session.exec(select(Member).where(Member.team_id == team.id, Member.email == MEMBERS[3])).one()
        teams.set_member_active(session, manager.id, team.id, fourth.id, False)
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Marit")  # signed in before the team page is asked for
    open_page(page, f"{app_server.base_url}/team/{team.id}")

    page.get_by_role("button", name="Send this week's pulse now").click()
    expect(page.get_by_text("Invitations queued: 3.")).to_be_visible()
    with Session(app_server.engine) as session:
        links = {m.to_address: m.link for m in session.exec(
            select(OutboxMessage).where(OutboxMessage.manager_id == manager.id, OutboxMessage.kind == "pulse_invite"))}
        # The round's own week, not one computed here: the test may run across midnight in Amsterdam.
        week = session.exec(select(PulseRound.iso_week).where(PulseRound.team_id == team.id)).one()
    assert set(links) == set(MEMBERS[:3])

    for member, value in VALUES.items():
        _answer(browser, links[member], value, week)
    open_page(page, f"{app_server.base_url}/team/{team.id}")
    expect(_week(page).locator(".answered-count")).to_have_text("3 of 3 answered")
    # Open: no figure at all, however many answered.
    expect(page.locator(".figure-value")).to_have_count(0)
    expect(page.get_by_text("Trust index")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "attack-open-round.png"), full_page=True)

    # The attack: bring the fourth member back and send again.
    page.locator(".member-row", has_text=MEMBERS[3]).get_by_role("button", name="Reactivate").click()
    expect(page.locator(".member-row", has_text=MEMBERS[3]).get_by_role("button", name="Deactivate")).to_be_visible()
    page.get_by_role("button", name="Send this week's pulse now").click()
    expect(page.get_by_role("status").filter(has_text="Nothing new was sent")).to_contain_text(
        "invited from the next round on")
    expect(_week(page).locator(".answered-count")).to_have_text("3 of 3 answered")
    with Session(app_server.engine) as session:
        assert not session.exec(select(OutboxMessage).where(OutboxMessage.to_address == MEMBERS[3])).all()
        assert not session.exec(select(Invitation).where(Invitation.member_id == fourth.id)).all()
        # Held apart while open: not one response row exists for the round yet.
        assert not session.exec(select(PulseResponse).where(PulseResponse.team_id == team.id)).all()

    page.get_by_role("button", name="Close this round now").click()
    expect(_week(page).get_by_text("Closed", exact=True)).to_be_visible()
    with Session(app_server.engine) as session:
        stored = [Answer(r.iso_week, r.instrument_version, json.loads(r.answers))
                  for r in session.exec(select(PulseResponse).where(PulseResponse.team_id == team.id))]
    assert len(stored) == 3
    # The figures are those of the first three answers: what they chose on their phones.
    chosen = [Answer(week, CURRENT.version, {item.key: int(value) for item in CURRENT.items_for_week(week)})
              for value in VALUES.values()]
    expected = block_figures(chosen, 3)
    assert expected == block_figures(stored, 3) and expected.trust is not None
    figures = _week(page).locator(".week-figures")
    expect(figures.locator(".figure-value").first).to_have_text(f"{expected.trust.value:.2f}")
    for figure in expected.needs.values():
        expect(figures).to_contain_text(f"{figure.value:.2f}")
    page.screenshot(path=str(ARTIFACTS / "attack-closed-round.png"), full_page=True)

    # Nothing in the server's log names a member or carries a link or token.
    log = app_server.log_path.read_text(errors="replace")
    assert not [m for m in MEMBERS if m in log]
    assert not [link for link in links.values() if link.rsplit("/", 1)[1] in log]

