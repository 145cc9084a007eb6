"""The demo workspace: realistic, repeatable, anonymity-shaped, with gaps below k."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from trusthabits.core.calendar import shift_week
from trusthabits.core.instrument import instrument
from trusthabits.db.models import ActionLog, Invitation, PulseResponse, PulseRound
from trusthabits.services import commitments, demo, experiments, reflections, trends

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_demo_history_has_gaps_below_k_and_a_lagged_pattern(session):
    workspace = demo.create_demo(session, NOW, password="demo password long")
    assert session.exec(select(func.count()).select_from(PulseRound)).one() == demo.WEEKS
    assert session.exec(select(func.count()).select_from(ActionLog)).one() > 26 * 10
    # Every response was an invitation used: no more answers than used links, per round.
    used = session.exec(select(func.count()).select_from(Invitation).where(Invitation.used.is_(True))).one()
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


def test_demo_has_commitments_answered_a_week_later_and_an_ended_experiment(session):
    workspace = demo.create_demo(session, NOW, password="demo password 456")
    finished = [p.week for p in reflections.past(session, workspace.manager_id, limit=demo.WEEKS)]
    made = [commitments.made_in(session, workspace.manager_id, week) for week in finished]
    assert all(c is not None and c.sentence for c in made)
    # Every commitment but the latest was answered in the week after (when that week had a
    # reflection); the latest is this week's: Today shows it and this week's reflection asks.
    latest = max(finished)
    answered = [c for c in made if c.outcome]
    assert answered and all(c.made_in_week != latest for c in answered)
    current = shift_week(latest, 1)
    assert [c.for_week for c in commitments.on_today(session, workspace.manager_id, NOW)] == [current]
    question = commitments.did_you(session, workspace.manager_id, current)
    assert question is not None and question.commitment.outcome == ""
    [experiment] = experiments.experiments_of(session, workspace.manager_id, NOW)
    assert (experiment.behaviour, experiment.weeks, experiment.status) == ("empowerment", 4, "ended")
    assert experiment.logged_during >= experiment.logged_before + demo.EXPERIMENT_EXTRA - 1


def test_demo_answers_include_the_seen_by_the_team_item(session):
    workspace = demo.create_demo(session, NOW, password="demo password 789")
    rows = session.exec(select(PulseResponse.iso_week, PulseResponse.instrument_version, PulseResponse.answers)
                        .where(PulseResponse.team_id == workspace.team_id)).all()
    for week, version, answers in rows:
        seen = instrument(version).seen_item_for_week(week)
        assert version == 2 and seen is not None and seen.key in json.loads(answers)


def test_demo_shows_the_whole_loop_in_the_reflection_and_on_trends(session):
    """Reflect has the team's latest shown period with a change and released comments (never one
    of a week below k); Trends has logged-vs-seen points and a sentence where they diverge."""
    from trusthabits.services import results, team_reflection

    workspace = demo.create_demo(session, NOW, password="demo password 101")
    [entry] = team_reflection.team_results(session, workspace.manager_id, NOW)
    assert entry.block is not None and entry.before is not None and entry.block.comments
    found = results.visible_results(session, workspace.manager_id, workspace.team_id, NOW)
    hidden = [b for b in found.blocks if b.complete and b.round_ids and not b.shown]
    assert len(hidden) == len(demo.THIN_WEEKS) and all(b.comments == () for b in hidden)
    series = trends.team_trends(session, workspace.manager_id, workspace.team_id, "all", NOW.date(), NOW)
    assert len(trends.logged_vs_seen_points(series)) == 6
    seen = trends.insight(series).seen
    assert any(s.key == "insight.seen_logged_more" and s.values["behaviour"] == "behaviour.stewardship.name"
               for s in seen)
