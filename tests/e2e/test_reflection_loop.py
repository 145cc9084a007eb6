"""From reflection to commitment in Chromium at 390×844 on the production build, with the demo
workspace: this week's reflection asks "did you?" about last week's commitment with the week's
matching entries listed; a new commitment (behaviour, how, one sentence) shows on Today; the
ended experiment is listed and a new one can be planned."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session

from tests.e2e.conftest import ARTIFACTS, unique_email
from tests.e2e.helpers import PASSWORD, at_path, open_page, sign_in
from trusthabits.core import clock
from trusthabits.services import commitments, demo, experiments, reflections


def test_did_you_commitment_today_and_experiment_on_a_phone(page: Page, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    with Session(app_server.engine) as session:
        workspace = demo.create_demo(session, clock.now(), email=unique_email("loop"), password=PASSWORD)
        week = reflections.this_week(session, workspace.manager_id, clock.now())
        question = commitments.did_you(session, workspace.manager_id, week)
    assert question is not None
    sign_in(page, app_server, workspace.email)
    expect(page).to_have_url(at_path(app_server, "/"))

    # This week's commitment (made in the demo's last reflection) is on Today.
    first_card = page.locator(".today-commitment").first
    expect(first_card).to_contain_text("This week I try")
    expect(first_card).to_contain_text(question.commitment.sentence)

    open_page(page, f"{app_server.base_url}/reflect")
    did_you = page.locator("#did-you")
    expect(did_you).to_contain_text(f"Your commitment for {week}")
    # The week's entries of that behaviour are listed, and the answer is filled in from them.
    if question.entries:
        expect(did_you.locator("#did-you-entries li")).to_have_count(len(question.entries))
    else:
        expect(did_you).to_contain_text("Nothing logged for")
    expect(did_you.locator(f"input[value='{question.suggested}']")).to_be_checked()
    expect(did_you.get_by_text("Filled in from your log")).to_be_visible()
    did_you.get_by_role("radio", name="Partly").click()
    expect(did_you.get_by_text("Answer saved.")).to_be_visible()
    expect(did_you.get_by_text("Filled in from your log")).to_have_count(0)

    # Next week's commitment: behaviour, how, and one sentence.
    form = page.locator("#commitment")
    form.get_by_label("Behaviour").select_option("courage")
    expect(form.get_by_text("Commitment saved.")).to_be_visible()
    form.get_by_label("How").select_option("backed_publicly")
    form.get_by_label("In one sentence (optional)").fill("Back Sam in the steering meeting on Tuesday.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    with Session(app_server.engine) as session:
        made = commitments.made_in(session, workspace.manager_id, week)
        assert (made.behaviour, made.micro_action) == ("courage", "backed_publicly")
        assert commitments.did_you(session, workspace.manager_id, week).commitment.outcome == "partly"

    # The ended demo experiment is listed; a new one is planned from next week.
    experiment = page.locator("#experiment")
    expect(experiment).to_contain_text("More Empowerment")
    expect(experiment).to_contain_text("ended")
    experiment.get_by_label("More of").select_option("humility")
    experiment.get_by_label("For").select_option("3")
    experiment.get_by_role("button", name="Start next week").click()
    expect(experiment.get_by_text("Experiment planned.")).to_be_visible()
    expect(experiment).to_contain_text("More Humility for 3 weeks: starts")
    expect(experiment.get_by_role("button", name="Start next week")).to_have_count(0)  # one at a time
    page.screenshot(path=str(ARTIFACTS / "loop-reflect.png"), full_page=True)

    # Today: this week's commitment and, below it, next week's.
    open_page(page, f"{app_server.base_url}/")
    cards = page.locator(".today-commitment")
    expect(cards).to_have_count(2)
    expect(cards.nth(1)).to_contain_text("From next week I try")
    expect(cards.nth(1)).to_contain_text("Courage")
    expect(cards.nth(1)).to_contain_text("Backed a team member in front of others")
    expect(cards.nth(1)).to_contain_text("Back Sam in the steering meeting on Tuesday.")
    page.screenshot(path=str(ARTIFACTS / "loop-today.png"), full_page=True)
    with Session(app_server.engine) as session:
        planned = experiments.experiments_of(session, workspace.manager_id, clock.now())[0]
        assert (planned.behaviour, planned.weeks, planned.status) == ("humility", 3, "not_started")
