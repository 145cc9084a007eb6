"""Trends at scale: one manager, 10 teams × 3 years of weekly data (run on demand, not a test).

Usage:
  .venv/bin/python bench/trends.py seed /tmp/bench-trends.db      # build the data set, print a session token
  .venv/bin/python bench/trends.py server /tmp/bench-trends.db    # time the server-side work, size the state
  .venv/bin/python bench/trends.py browser http://localhost:3000 --token TOKEN
                                                                  # bytes the browser receives per range

"server" times what the Trends page's load and range switch run on the server — the team
list, the weekly series and the insight over the whole history, the closed rounds, and turning
them into the page's state — and sizes that state as JSON. "browser" counts the websocket bytes
the real app sends while loading /trends and switching ranges. Lighthouse: bench/lighthouse.py URL/trends --token TOKEN.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import CHROMIUM, CHROMIUM_ARGS, session_cookie  # noqa: E402

TEAMS, YEARS, RUNS = 10, 3, 40


def seed(db: str) -> None:
    from sqlmodel import Session

    from trusthabits.core.behaviours import BEHAVIOURS
    from trusthabits.core.calendar import iso_week_key, shift_week, week_monday
    from trusthabits.core.instrument import CURRENT
    from trusthabits.db.engine import build_engine
    from trusthabits.db.migrate import upgrade_to_head
    from trusthabits.db.models import ActionLog, PulseResponse, PulseRound
    from trusthabits.services import accounts, teams

    url = db if "://" in db else f"sqlite:///{db}"  # a file, or any database URL (bench/backup.py)
    upgrade_to_head(url)
    rng = random.Random(3)
    now = datetime.now(UTC)
    current = iso_week_key(now.date())
    weeks = [shift_week(current, -i) for i in range(52 * YEARS, 0, -1)]
    with Session(build_engine(url)) as session:
        profile = accounts.register(session, name="Bench", email="bench@example.com", password="bench password 1",
                                    locale="en", time_zone="Europe/Amsterdam")
        for week in weeks:  # about four actions a workday
            for _ in range(rng.randint(10, 30)):
                session.add(ActionLog(uid=uuid.uuid4().hex, manager_id=profile.id, behaviour=rng.choice(BEHAVIOURS).key,
                                      day=week_monday(week) + timedelta(days=rng.randint(0, 4))))
        for number in range(TEAMS):
            team = teams.create_team(session, profile.id, name=f"Team {number:02d}", language="en",
                                     time_zone="Europe/Amsterdam", k=3)
            for week in weeks:
                opened = datetime.combine(week_monday(week), datetime.min.time(), tzinfo=UTC)
                session.add(PulseRound(team_id=team.id, iso_week=week, instrument_version=CURRENT.version,
                                       opened_at=opened, closes_at=opened + timedelta(days=3),
                                       closed_at=opened + timedelta(days=3)))
                for _ in range(rng.choice((2, 4, 5, 6, 7, 8))):
                    answers = {item.key: rng.randint(2, 5) for item in CURRENT.items_for_week(week)}
                    session.add(PulseResponse(team_id=team.id, iso_week=week, instrument_version=CURRENT.version,
                                              answers=json.dumps(answers)))
        session.commit()
        _, token = accounts.sign_in(session, email="bench@example.com", password="bench password 1")
    print(json.dumps({"database": url, "teams": TEAMS, "weeks": len(weeks), "token": token}))


def server(db: str) -> None:
    from sqlmodel import Session, select

    from trusthabits.core import insight_sentences
    from trusthabits.core.behaviours import BEHAVIOURS
    from trusthabits.core.i18n import translate
    from trusthabits.db.engine import build_engine
    from trusthabits.db.models import Manager, Team
    from trusthabits.services import actions, share_back, trends
    from trusthabits.ui.presenters.trends import (
        behaviour_chart_svg,
        chart_rows,
        main_chart_svg,
        table_rows,
    )

    engine = build_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        manager_id = session.exec(select(Manager.id)).first()
        team_id = session.exec(select(Team.id).where(Team.manager_id == manager_id)).all()[-1]

    def page_state(range_key: str) -> dict:
        """The work one load/range switch does, and the state it produces (as the page's _load)."""
        with Session(engine) as session:
            choices = trends.team_choices(session, manager_id)
            today = actions.manager_today(session, manager_id)
            series, found, history = trends.page_data(session, manager_id, team_id, range_key, today)
            rounds = share_back.round_choices(series.results) if series.results else []
        rows = chart_rows(series)

        def tr(key, **values):
            return translate(key, "en", **values)

        return {
            "team_options": [{"id": str(i), "name": n} for i, n in choices],
            "weeks": len(rows),  # the rows stay on the server; the browser gets the drawn charts
            "chart_svg": main_chart_svg(rows, tr), "focus_svg": behaviour_chart_svg(rows, BEHAVIOURS[0].key, tr),
            "table": table_rows(series),
            "behaviour_insight": {k: s.text("en") if s else "" for k, s in found.behaviours.items()},
            "lag_texts": {k: [c.text("en") for c in cells] for k, cells in found.lags.items()},
            "need": found.need.text("en") if found.need else "",
            "basis": insight_sentences.basis_sentence(history, found.unit).text("en"),
            "share_options": [{"id": str(c.round_id), "label": c.iso_week} for c in rounds],
        }

    result = {}
    for range_key in trends.RANGES:
        page_state(range_key)  # warm the connection pool and caches
        timings, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            state = page_state(range_key)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        timings.sort()
        result[range_key] = {
            "weeks": state["weeks"],
            "server_ms_p50": round(statistics.median(timings), 1),
            "server_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 1),
            # CPU time of this process: wall time on a busy machine also counts other processes.
            "cpu_ms_p50": round(statistics.median(cpu), 1),
            "state_json_kib": round(len(json.dumps(state, separators=(",", ":")).encode()) / 1024, 1),
        }
    print(json.dumps(result, indent=2))


def browser(url: str, token: str) -> None:
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context.add_cookies([session_cookie(token, urlsplit(url).hostname)])
        page = context.new_page()
        received = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
        page.goto(f"{url}/trends")
        ticks = "document.querySelectorAll('#trend-chart .week-axis .recharts-cartesian-axis-tick').length"
        page.wait_for_function(f"{ticks} === 8")
        page.wait_for_timeout(1000)
        result["load_8w_kib"] = round(sum(received) / 1024, 1)
        previous = 8
        for label, key in (("6 months", "6m"), ("1 year", "1y"), ("All", "all")):
            received.clear()
            page.locator("#trend-range").get_by_role("radio", name=label, exact=True).click()
            page.wait_for_function(f"{ticks} !== {previous}", timeout=30_000)
            previous = page.evaluate(ticks)
            page.wait_for_timeout(1000)
            result[f"switch_to_{key}_kib"] = round(sum(received) / 1024, 1)
            result[f"{key}_weeks"] = previous
        chromium.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    command, target = sys.argv[1], sys.argv[2]
    if command == "seed":
        seed(target)
    elif command == "server":
        server(target)
    else:
        browser(target, sys.argv[sys.argv.index("--token") + 1])
