"""The reporting period on the team page, in Chromium at 390×844 on the production build: a
small team chooses two-week blocks; the page says from which week that applies (the next
block, never the running one) and keeps the choice after a reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import unique_email
from tests.e2e.helpers import create_manager, expect_home, open_page, sign_in


def test_a_team_pools_its_answers_in_two_week_blocks(page, app_server):
    email = unique_email("period")
    create_manager(app_server, email, name="Noor")
    sign_in(page, app_server, email)
    expect_home(page, app_server, "Noor")  # signed in before the next page is asked for
    open_page(page, f"{app_server.base_url}/team")
    page.get_by_label("Team name").fill("Kleine ploeg")
    page.get_by_role("button", name="Create team").click()
    expect(page).to_have_url(re.compile(re.escape(app_server.base_url) + r"/team/\d+/?$"))
    team_url = page.url
    expect(page.locator("#period-now")).to_have_text("Results per 1 week(s).")

    page.get_by_label("Show results per").select_option("2")
    page.get_by_role("button", name="Save period").click()
    expect(page.get_by_text(re.compile(r"Saved\. It applies from \d{4}-W\d{2}\."))).to_be_visible()
    applies = re.search(r"\d{4}-W\d{2}", page.get_by_text(re.compile("Saved. It applies")).inner_text()).group(0)
    expect(page.locator("#period-now")).to_have_text(f"Results per 1 week(s). From {applies}: per 2 week(s).")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    open_page(page, team_url)
    expect(page.locator("#period-now")).to_contain_text(f"From {applies}: per 2 week(s).")
    expect(page.get_by_label("Show results per")).to_have_value("2")
