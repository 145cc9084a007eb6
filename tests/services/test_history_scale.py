"""Five years of entries (~9,000) stay cheap: the (manager_id, day) index serves the queries
behind Today, the heatmap and the history pages, and paging reaches the oldest entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, text

from tests.services.test_actions import NOW, TODAY, manager
from trusthabits.core.behaviours import KEYS
from trusthabits.db.models import ActionLog
from trusthabits.services import actions, history

ENTRIES = 9_000


def seed(session, manager_id: int) -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "uid": f"{n:032x}", "manager_id": manager_id, "behaviour": KEYS[n % len(KEYS)], "micro_action": None,
            "note": "asked Bart" if n % 97 == 0 else "", "day": TODAY - timedelta(days=n // 5),
            "created_at": at, "updated_at": at,
        }
        for n in range(ENTRIES)
    ]
    session.execute(insert(ActionLog), rows)
    session.commit()


def test_the_day_index_serves_the_managers_queries(session):
    ann = manager(session)
    seed(session, ann)
    plan = " ".join(
        str(row[-1])
        for row in session.execute(
            text("EXPLAIN QUERY PLAN SELECT day, count(*) FROM action_log "
                 "WHERE manager_id = :m AND day >= :d GROUP BY day"),
            {"m": ann, "d": TODAY.isoformat()},
        )
    )
    assert "ix_action_log_manager_day" in plan, plan


def test_paging_and_heatmap_over_five_years(session):
    ann = manager(session)
    seed(session, ann)
    last_page = ENTRIES // history.PAGE_SIZE - 1
    entries, more = history.entries_page(session, ann, page=last_page)
    assert len(entries) == history.PAGE_SIZE and not more
    assert entries[-1].day == TODAY - timedelta(days=(ENTRIES - 1) // 5)
    assert len(history.entries_page(session, ann, search="bart", page=0)[0]) == history.PAGE_SIZE
    cells = history.heatmap(session, ann, TODAY)
    assert sum(c.count for c in cells) == 5 * sum(1 for c in cells if not c.future and c.count)
    summary = actions.week_summary(session, ann, TODAY)
    assert sum(map(sum, summary.per_behaviour.values())) == 5 * (TODAY.weekday() + 1)
    assert actions.log_action(session, ann, "courage", now=NOW).day == date(2026, 11, 26)
