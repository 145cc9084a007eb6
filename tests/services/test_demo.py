"""The demo workspace: realistic, repeatable, anonymity-shaped, with gaps below k."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from trusthabits.db.models import ActionLog, Invitation, PulseResponse, PulseRound
from trusthabits.services import demo, reflections, trends

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_demo_history_has_gaps_below_k_and_a_lagged_pattern(session):
    workspace = demo.create_demo(session, NOW, password="demo password long")
    assert session.exec(select(func.count()).select_from(PulseRound)).one() == demo.WEEKS
    assert session.exec(select(func.count()).select_from(ActionLog)).one() > 26 * 10
    # Every response was an invitation used: no more answers than used links, per round.
    used = session.exec(select(func.count()).select_from(Invitation).where(Invitation.used_at.is_not(None))).one()
    assert session.exec(select(func.count()).select_from(PulseResponse)).one() == used

    series = trends.team_trends(session, workspace.manager_id, workspace.team_id, "all", date(2026, 11, 25))
    gaps = [w for w in series.weeks if 0 < w.answered < demo.K]
    assert len(gaps) == len(demo.THIN_WEEKS) and all(w.trust is None for w in gaps)
    sentences = trends.insight(series).behaviours
    # The simulated team responds to empowerment a week later: the insight finds that lag.
    assert sentences["empowerment"].values["when"] == "insight.lag_1"
    assert sentences["empowerment"].key.startswith("insight.together_")

    with pytest.raises(demo.DemoExists):
        demo.create_demo(session, NOW)


def test_demo_has_finished_reflections_and_last_weeks_plan(session):
    workspace = demo.create_demo(session, NOW, password="demo password 123")
    past = reflections.past(session, workspace.manager_id)
    assert len(past) >= 15 and all(item.finished and item.try_next for item in past)
    assert len(past) < demo.WEEKS  # some weeks skipped, as in real life
    plan = reflections.last_weeks_plan(session, workspace.manager_id, NOW)
    assert plan in {sample[1] for sample in demo.REFLECTION_SAMPLES.values()}
