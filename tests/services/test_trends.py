"""The Trends service on a real migrated database: weekly series, gaps below k, scoping."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import answers, manager, past_round, team_with_members
from trusthabits.db.models import ActionLog, PulseResponse
from trusthabits.services import trends
from trusthabits.services.teams import TeamNotFound

TODAY = date(2026, 11, 25)  # Wednesday of 2026-W48


def _respond(session, team_id, week, count, value=4):
    given = {k: int(v) for k, v in answers(week, value).items()}
    past_round(session, team_id, week, [given] * count)


def test_weekly_counts_and_trust_with_gaps_below_k(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, k=3)
    for day, behaviour in [(date(2026, 11, 23), "courage"), (date(2026, 11, 24), "courage"),
                           (date(2026, 11, 17), "humility"), (date(2026, 10, 1), "courage")]:
        session.add(ActionLog(uid=f"{day}{behaviour}", manager_id=ann.id, behaviour=behaviour, day=day))
    session.commit()
    _respond(session, team.id, "2026-W48", 3, value=5)
    _respond(session, team.id, "2026-W47", 2, value=5)  # below k: must be a gap

    result = trends.team_trends(session, ann.id, team.id, "8w", TODAY)
    assert [w.iso_week for w in result.weeks] == [f"2026-W{n}" for n in range(41, 49)]
    by_week = {w.iso_week: w for w in result.weeks}
    assert by_week["2026-W48"].counts["courage"] == 2 and by_week["2026-W47"].counts["humility"] == 1
    assert by_week["2026-W48"].trust is not None and by_week["2026-W48"].needs["autonomy"] is not None
    assert by_week["2026-W47"].answered == 2
    assert by_week["2026-W47"].trust is None and by_week["2026-W47"].trust != 0
    assert set(by_week["2026-W47"].needs.values()) == {None}
    assert by_week["2026-W46"].trust is None and by_week["2026-W46"].answered == 0
    # October's action is outside 8 weeks but inside "all", which starts at the first activity.
    everything = trends.team_trends(session, ann.id, team.id, "all", TODAY)
    assert everything.weeks[0].iso_week == "2026-W40" and everything.weeks[0].counts["courage"] == 1
    assert len(trends.team_trends(session, ann.id, team.id, "6m", TODAY).weeks) == 26
    assert len(trends.team_trends(session, ann.id, team.id, "1y", TODAY).weeks) == 52


def test_one_manager_cannot_read_another_managers_trends(session):
    ann = manager(session)
    bob = manager(session, email="bob@example.com", name="Bob")
    anns_team = team_with_members(session, ann.id)
    with pytest.raises(TeamNotFound):
        trends.team_trends(session, bob.id, anns_team.id, "8w", TODAY)
    # Bob's own team never shows Ann's actions.
    session.add(ActionLog(uid="x1", manager_id=ann.id, behaviour="courage", day=TODAY))
    session.commit()
    bobs_team = team_with_members(session, bob.id)
    result = trends.team_trends(session, bob.id, bobs_team.id, "8w", TODAY)
    assert sum(sum(w.counts.values()) for w in result.weeks) == 0


def test_an_unknown_range_falls_back_to_eight_weeks(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    assert len(trends.team_trends(session, ann.id, team.id, "forever", TODAY).weeks) == 8
    assert session.exec(select(PulseResponse)).all() == []


def test_the_page_window_pads_a_short_history_and_insight_uses_everything(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    session.add(ActionLog(uid="old", manager_id=ann.id, behaviour="courage", day=date(2026, 5, 4)))
    session.commit()
    shown, found, history_weeks = trends.page_data(session, ann.id, team.id, "8w", TODAY)
    assert len(shown.weeks) == 8 and history_weeks == 30  # 2026-W19 … 2026-W48
    assert found.waiting.values == {"weeks": 8, "k": 3}
    new_team = team_with_members(session, ann.id, emails=("z@x.nl",))
    padded, _, _ = trends.page_data(session, ann.id, new_team.id, "1y", TODAY)
    assert len(padded.weeks) == 52 and padded.weeks[0].iso_week == "2025-W49"
    assert all(w.trust is None for w in padded.weeks)
