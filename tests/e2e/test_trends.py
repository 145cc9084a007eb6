"""Trends in Chromium at 390×844 on the production build, with the demo workspace: bars and a
trust line with gaps, ranges that change the number of weeks, a table with the chart's
numbers, and share back that refuses a week below k and queues nothing for it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from tests.e2e.conftest import ARTIFACTS, unique_email
from tests.e2e.helpers import PASSWORD, at_path, sign_in
from trusthabits.core import anonymity, clock
from trusthabits.db.models import OutboxMessage, PulseRound, ReportPeriod
from trusthabits.services import demo, share_back


def _table_rows(page: Page) -> list[list[str]]:
    rows = page.locator("#trend-table tbody tr")
    return [[cell.strip() for cell in row.locator("th, td").all_inner_texts()] for row in rows.all()]


WEEK_TICKS = ".week-axis text"
# Per week (by the x-axis label under it) the value a behaviour's bar was drawn for, in pixels:
# a series is one path with a rectangle (M x y h width v height …z) per week it has.
BAR_HEIGHTS_JS = """([ticks, bar]) => {
  const centres = [...document.querySelectorAll(ticks)].map(t => +t.getAttribute('x'));
  const heights = centres.map(() => 0);
  const d = document.querySelector(bar).getAttribute('d');
  for (const [, x, , w, h] of d.matchAll(/M([\\d.]+) ([\\d.]+)h([\\d.]+)v([\\d.]+)/g)) {
    const centre = +x + +w / 2;
    const week = centres.reduce((best, c, i) => Math.abs(c - centre) < Math.abs(centres[best] - centre) ? i : best, 0);
    heights[week] = +h;
  }
  return heights;
}"""


def _share_mails(server) -> list[OutboxMessage]:
    with Session(server.engine) as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.kind == share_back.KIND)).all()


def test_trends_with_the_demo_workspace_on_a_phone(page, app_server):
    ARTIFACTS.mkdir(exist_ok=True)
    with Session(app_server.engine) as session:
        workspace = demo.create_demo(session, clock.now(), email=unique_email("demo"), password=PASSWORD)
    sign_in(page, app_server, workspace.email)
    expect(page).to_have_url(at_path(app_server, "/"))
    page.get_by_role("navigation", name="Main navigation").last.get_by_role("link", name="Trends").click()
    expect(page).to_have_url(at_path(app_server, "/trends"))

    # Eight weeks: stacked bars per behaviour and the trust line, which breaks at gaps.
    chart = page.locator("#trend-chart")
    expect(chart.locator(WEEK_TICKS)).to_have_count(8)
    expect(chart.locator("path.trend-bar").first).to_be_visible()
    assert chart.locator("path.trend-bar").count() == 6  # one stacked series per behaviour
    expect(chart.locator("path.trust-line")).to_have_count(1)
    assert chart.locator("path.trust-line").get_attribute("d").count("M") > 1  # it breaks at a gap
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "trends-phone.png"), full_page=True)

    # The table holds the chart's numbers: a row per week, a trust dot for each shown value.
    page.locator("#trend-layout").get_by_role("radio", name="Table").click()
    expect(page.locator("#trend-table tbody tr")).to_have_count(8)
    rows = _table_rows(page)
    shown = [row for row in rows if row[8] != "–"]
    page.locator("#trend-layout").get_by_role("radio", name="Chart").click()
    # Need lines draw no dots, so every dot in the chart is a trust value.
    expect(chart.locator(".trust-line-dots circle")).to_have_count(len(shown))
    assert 0 < len(shown) < 8  # the running week, and any week below k, have no trust value
    # Bars are drawn per behaviour and week from the same counts: compare every height ratio.
    for column, behaviour in ((1, "empowerment"), (3, "courage"), (4, "humility")):
        heights = page.evaluate(BAR_HEIGHTS_JS, [f"#trend-chart {WEEK_TICKS}", f"#trend-chart path.bar-{behaviour}"])
        counts = [int(row[column]) for row in rows]
        unit = max(heights) / max(counts)
        assert [round(h / unit) for h in heights] == counts, (behaviour, heights, counts)

    # Per behaviour: its own small chart against trust, one bar per week it was practised.
    page.get_by_label("Behaviour").select_option("humility")
    focus = page.locator("#behaviour-chart path.bar-humility")
    expect(focus).to_have_attribute("fill", "var(--green-9)")
    assert focus.get_attribute("d").count("M") == sum(1 for row in rows if row[4] != "0")

    # The needs switch adds the three need lines and their keys, and takes them away again.
    needs = page.get_by_role("switch", name="Also show autonomy, relatedness, competence")
    needs.click()
    expect(chart.locator("path.need-line").first).to_be_visible()
    expect(page.locator("#trend-legend .legend-key")).to_have_count(10)
    needs.click()
    expect(page.locator("#trend-legend .legend-key")).to_have_count(7)
    expect(chart.locator("path.need-line").first).to_be_hidden()

    # Switching the range changes the number of weeks.
    page.locator("#trend-range").get_by_role("radio", name="6 months").click()
    expect(chart.locator(WEEK_TICKS)).to_have_count(26)
    page.locator("#trend-range").get_by_role("radio", name="1 year").click()
    expect(chart.locator(WEEK_TICKS)).to_have_count(52)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the chart scrolls, not the page
    page.locator("#trend-layout").get_by_role("radio", name="Table").click()
    expect(page.locator("#trend-table tbody tr")).to_have_count(52)
    # Insight is said with its n, never without.
    for sentence in page.locator("#insight-list li").all_inner_texts():
        assert re.search(r"n = \d+ weeks", sentence), sentence
    expect(page.get_by_text("Fewer than 12 weeks is exploratory.", exact=False)).to_be_visible()

    # Share back: a closed week below k is refused and nothing is queued for it.
    with Session(app_server.engine) as session:
        rounds = session.exec(select(PulseRound).where(PulseRound.team_id == workspace.team_id)).all()
    by_week = {r.iso_week: r.id for r in rounds}
    thin_week = sorted(by_week)[sorted(demo.THIN_WEEKS)[-1]]
    share = page.locator("#share-back")
    share.get_by_label("Week").select_option(label=f"{thin_week} · 2 answered")
    share.get_by_role("button", name="Send to the team").click()
    expect(page.locator("#share-error")).to_have_text(re.compile("^Not sent: fewer people answered"))
    assert _share_mails(app_server) == []
    # A week with enough answers goes to all six, with averages and the note, nothing per person.
    latest = sorted(by_week)[-1]
    share.get_by_label("Week").select_option(value=str(by_week[latest]))
    share.get_by_label("Personal note (optional)").fill("Thank you for being honest with me.")
    share.get_by_role("button", name="Send to the team").click()
    expect(share.get_by_role("status")).to_have_text("Queued for 6 members. See the Outbox.")
    mails = _share_mails(app_server)
    assert len(mails) == 6 and all(f"week {latest}" in m.body and "Trust: " in m.body for m in mails)
    assert all("@" not in m.body and "Thank you for being honest" in m.body for m in mails)
    page.goto(f"{app_server.base_url}/outbox")
    expect(page.get_by_text(f"Demo team: how week {latest} went")).to_have_count(6)

    # The same history reported in two-week blocks (as if chosen before it began): the insight
    # counts blocks, so it says blocks — in its sentences, its basis line and its caveat.
    with Session(app_server.engine) as session:
        start = anonymity.week_index(sorted(by_week)[0]) // 2 * 2
        session.add(ReportPeriod(team_id=workspace.team_id, from_week=anonymity.week_at(start - 2), weeks=2))
        session.commit()
    page.goto(f"{app_server.base_url}/trends")
    expect(page.get_by_text("Fewer than 12 blocks is exploratory.", exact=False)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Over all \d+ blocks so far"))).to_be_visible()
    sentences = page.locator("#insight-list li")
    expect(sentences.first).to_be_visible()
    for sentence in sentences.all_inner_texts():
        assert re.search(r"n = \d+ blocks\)", sentence) and "week" not in sentence, sentence
