"""The weekly rhythm in Chromium at 390×844 on the production build: the manager edits the
team's pulse schedule and their own reflection schedule (an invalid time gets a message), the
scheduler (one tick, run here against the server's database) queues the prompt, the manager
opens the reflection from the prompt's link, saves a draft, reloads, finishes it and sees
"what I will try" on Today."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, unique_email
from tests.e2e.helpers import at_path, create_manager, open_page, sign_in
from trusthabits.core import clock
from trusthabits.db.models import Manager, OutboxMessage
from trusthabits.services import scheduler, schedules, teams

PLAN = "Ask the team before I decide on the roster."


def _save_schedule(page: Page, form_id: str, time: str) -> None:
    form = page.locator(f"#{form_id}")
    form.get_by_label("Time (hh:mm)").fill(time)
    form.get_by_role("button", name="Set schedule").click()


def test_schedules_prompt_link_draft_finish_and_today(page: Page, app_server):
    email = unique_email("rhythm")
    profile = create_manager(app_server, email, name="Rhea")
    with Session(app_server.engine) as session:
        team = teams.create_team(session, profile.id, name="Ops", language="en", time_zone="Europe/Amsterdam", k=3)
    sign_in(page, app_server, email)
    expect(page).to_have_url(at_path(app_server, "/"))

    # The team's pulse schedule: an impossible time is refused with a message, then saved.
    open_page(page, f"{app_server.base_url}/team/{team.id}")
    expect(page.locator("#pulse-schedule").get_by_label("Time (hh:mm)")).to_have_value("13:00")  # the default
    _save_schedule(page, "pulse-schedule", "25:61")
    expect(page.locator("#pulse-schedule").get_by_role("alert")).to_have_text(
        "Enter a time as hours:minutes, for example 13:00.")
    page.locator("#pulse-schedule").get_by_label("Remind after (hours)").fill("24")
    _save_schedule(page, "pulse-schedule", "9:30")
    expect(page.locator("#pulse-schedule").get_by_text("Schedule set.")).to_be_visible()
    expect(page.locator("#next-pulse")).to_contain_text("09:30")
    page.screenshot(path=str(ARTIFACTS / "rhythm-team-schedule.png"), full_page=True)

    # The reflection prompt, a few minutes from now (Amsterdam), so it falls in this ISO week.
    open_page(page, f"{app_server.base_url}/settings")
    expect(page.locator("#reflect-schedule").get_by_label("Time (hh:mm)")).to_have_value("16:00")  # the default
    soon = datetime.now(ZoneInfo("Europe/Amsterdam")) + timedelta(minutes=3)
    page.locator("#reflect-schedule").get_by_label("Day").select_option(str(soon.weekday()))
    _save_schedule(page, "reflect-schedule", "noon")
    expect(page.locator("#reflect-schedule").get_by_role("alert")).to_have_text(
        "Enter a time as hours:minutes, for example 13:00.")
    _save_schedule(page, "reflect-schedule", soon.strftime("%H:%M"))
    expect(page.locator("#reflect-schedule").get_by_text("Schedule set.")).to_be_visible()
    with Session(app_server.engine) as session:
        assert schedules.reflection_schedule(session, profile.id).time == soon.strftime("%H:%M")

    # One scheduler tick at the prompt's moment queues the mail; its link opens the page.
    with Session(app_server.engine) as session:
        manager = session.get(Manager, profile.id)
        _, due = scheduler.reflection_schedule(manager).next_after(clock.now())
    ctx = scheduler.Context(now=due, base_url=app_server.base_url, worker="e2e")
    scheduler.tick(lambda: Session(app_server.engine, expire_on_commit=False), ctx)
    with Session(app_server.engine) as session:
        prompt = session.exec(select(OutboxMessage).where(
            OutboxMessage.manager_id == profile.id, OutboxMessage.kind == "reflect_prompt")).one()
    assert prompt.link in prompt.body
    open_page(page, prompt.link)
    week = prompt.link.rsplit("/", 1)[1]
    expect(page.locator("#reflect-week")).to_have_text(f"Reflection {week}")
    expect(page.locator("#reflect-question")).not_to_be_empty()

    # Over-long text gets a message and stays in the field; a draft survives a reload.
    page.get_by_label("What went well").fill("x" * 1001)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_have_text("Keep it under 1,000 characters (1001 now).")
    expect(page.get_by_label("What went well")).to_have_value("x" * 1001)
    page.get_by_label("What went well").fill("Held a real retro; nobody waited for me.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    open_page(page, prompt.link)
    expect(page.get_by_label("What went well")).to_have_value("Held a real retro; nobody waited for me.")
    expect(page.locator(".past-reflection")).to_contain_text("Draft")

    page.get_by_label("What I will try next week").fill(PLAN)
    page.get_by_role("button", name="Finish reflection").click()
    expect(page.get_by_text("Reflection finished.")).to_be_visible()
    expect(page.locator(".past-reflection")).to_contain_text("Finished")
    page.screenshot(path=str(ARTIFACTS / "rhythm-reflect.png"), full_page=True)

    open_page(page, f"{app_server.base_url}/")
    expect(page.locator("#last-plan")).to_have_text(PLAN)
    page.screenshot(path=str(ARTIFACTS / "rhythm-today.png"), full_page=True)
