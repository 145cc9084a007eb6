"""The whole loop in Chromium at 390×844 on the production build, with the demo workspace:
Reflect shows the team's latest shown period with its change; a commitment made there shows on
Today; "what I heard, what I'll try" goes to the team through the Outbox, once per period; Trends
shows logged by you next to seen by the team with a plain sentence where they diverge. Saves the
README screenshots (test-artifacts/reflect-team-phone.png, logged-vs-seen-phone.png)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, unique_email
from tests.e2e.helpers import PASSWORD, at_path, open_page, sign_in
from trusthabits.core import clock
from trusthabits.db.models import OutboxMessage, TeamEvent
from trusthabits.services import demo, results, team_reflection, what_i_heard

HEARD = "You want more room to plan your own week."


def _shot(page: Page, locator, name: str) -> None:
    """A README screenshot of one section at phone width, without the fixed bottom bar over it."""
    hide = page.add_style_tag(content=".app-nav{visibility:hidden !important}")
    locator.screenshot(path=str(ARTIFACTS / name))
    hide.evaluate("e => e.remove()")


def test_reflect_with_team_results_commit_send_what_i_heard_and_trends_on_a_phone(page: Page, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    with Session(app_server.engine) as session:
        workspace = demo.create_demo(session, clock.now(), email=unique_email("teamloop"), password=PASSWORD)
        [entry] = team_reflection.team_results(session, workspace.manager_id, clock.now())
        found = results.visible_results(session, workspace.manager_id, workspace.team_id, clock.now())
    assert entry.block is not None and entry.before is not None
    sign_in(page, app_server, workspace.email)
    expect(page).to_have_url(at_path(app_server, "/"))

    # Reflect: the team's latest shown period, its trust index and the change against the one before.
    open_page(page, f"{app_server.base_url}/reflect")
    team = page.locator("#reflect-team")
    expect(team).to_contain_text("What your team said")
    expect(team).to_contain_text(entry.block.start_week)
    expect(team).to_contain_text(f"{entry.block.trust.value:.2f}")
    change = entry.block.trust.value - entry.before.trust.value
    expect(team).to_contain_text(f"{change:+.2f} against {entry.before.start_week}")
    # Its released comments (the demo has one every other week), and no others.
    assert entry.block.comments
    for comment in entry.block.comments:
        expect(team).to_contain_text(comment)
    expect(team.locator("blockquote")).to_have_count(len(entry.block.comments))
    # No figure of a period below k anywhere on the page (the demo's thin weeks).
    thin = [b for b in found.blocks if b.complete and b.round_ids and not b.shown]
    assert thin and all(b.trust is None for b in thin)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, team, "reflect-team-phone.png")

    # A commitment for next week, shown on Today.
    form = page.locator("#commitment")
    form.get_by_label("Behaviour").select_option("stewardship")
    expect(form.get_by_text("Commitment saved.")).to_be_visible()

    # What I heard, what I'll try: to the team, through the Outbox, once per period.
    heard = page.locator("#what-i-heard")
    expect(heard).to_contain_text(f"Demo team: ready to send for {entry.block.start_week}")
    heard.get_by_label("What I heard, in one sentence").fill(HEARD)
    heard.get_by_role("button", name="Send to the team").click()
    expect(heard.get_by_text("Queued for 6 team members. See the Outbox.")).to_be_visible()
    expect(heard).to_contain_text(f"Demo team: sent for {entry.block.start_week}")
    expect(heard.get_by_role("button", name="Send to the team")).to_have_count(0)  # once per period
    with Session(app_server.engine) as session:
        mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == what_i_heard.KIND,
                                                         OutboxMessage.manager_id == workspace.manager_id)).all()
        events = session.exec(select(TeamEvent).where(TeamEvent.team_id == workspace.team_id)).all()
    assert len(mails) == 6 and HEARD in mails[0].body and "Stewardship" in mails[0].body
    assert [(e.kind, e.iso_week) for e in events] == [("what_i_heard", entry.block.start_week)]

    open_page(page, f"{app_server.base_url}/")
    expect(page.locator(".today-commitment").last).to_contain_text("From next week I try")
    expect(page.locator(".today-commitment").last).to_contain_text("Stewardship")

    # The team's page and its public anonymity page both list it, with the date only.
    open_page(page, f"{app_server.base_url}/team/{workspace.team_id}")
    expect(page.locator("#team-events")).to_contain_text(
        f"told the team what they heard in week {entry.block.start_week}")

    open_page(page, f"{app_server.base_url}/outbox")
    expect(page.get_by_text(f"Demo team: what I heard in {entry.block.start_week}").first).to_be_visible()

    # Trends: logged by you next to seen by the team, with the sentence where they diverge.
    open_page(page, f"{app_server.base_url}/trends")
    section = page.locator("#logged-vs-seen")
    expect(section).to_contain_text("Logged by you, seen by the team")
    page.locator("#trend-focus").select_option("stewardship")
    expect(section.locator("#seen-focus")).to_have_text("Shown: Stewardship")
    chart = section.locator("#seen-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("path.trend-bar")).to_have_count(1)
    expect(chart.locator(".seen-line-dots circle").first).to_be_attached()
    # The demo team notices little of the stewardship the manager logs: said once, plainly.
    expect(section.locator(".seen-behaviour")).to_contain_text("Stewardship: you logged it")
    expect(section.locator(".seen-behaviour")).to_contain_text("differ here")
    expect(section.get_by_text("Stewardship: you logged it")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, section, "logged-vs-seen-phone.png")
    # With another behaviour in focus, the stewardship sentence moves to the list below the chart.
    page.locator("#trend-focus").select_option("courage")
    expect(section.locator("#seen-insight")).to_contain_text("Stewardship: you logged it")
