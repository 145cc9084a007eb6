"""The Trends service on a real migrated database: weekly series, gaps below k, scoping."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import answers, manager, past_round, team_with_members
from trusthabits.core import anonymity
from trusthabits.core.calendar import week_monday
from trusthabits.db.models import ActionLog, PulseResponse
from trusthabits.services import results, trends
from trusthabits.services.teams import TeamNotFound
from trusthabits.ui.presenters import trends as present

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


def test_a_team_on_two_week_blocks_hears_about_blocks_not_weeks(session):
    """The insight's n and lags count points, one per block: on two-week blocks every sentence, the
    wait, the basis line and the caveat count and name blocks, in both languages."""
    ann = manager(session)
    team = team_with_members(session, ann.id, k=3)
    change = results.set_period(session, ann.id, team.id, 2, datetime(2026, 1, 7, 12, tzinfo=UTC))
    weeks = [anonymity.week_at(anonymity.week_index(change.from_week) + i) for i in range(20)]  # ten blocks
    for i, week in enumerate(weeks):
        block = i // 2
        _respond(session, team.id, week, 3, value=1 + block % 5)  # trust follows the block's actions
        if i % 2 == 0:
            for n in range(block % 5):
                day = week_monday(week) + timedelta(days=n)
                session.add(ActionLog(uid=f"{week}-{n}", manager_id=ann.id, behaviour="courage", day=day))
    session.commit()

    def page(now):
        _, found, points = trends.page_data(session, ann.id, team.id, "8w", now.date(), now)
        return found, points, {lang: present.insight_texts(found, lang) for lang in ("en", "nl")}

    # After four closed blocks: the wait is counted in blocks.
    found, _, texts = page(datetime.combine(week_monday(weeks[8]), datetime.min.time(), tzinfo=UTC))
    assert found.unit == "block"
    assert texts["en"].waiting == "Waiting for 4 more blocks with at least 3 answers before anything can be said."
    assert texts["nl"].waiting == "Nog 4 blokken met minstens 3 antwoorden nodig voordat er iets te zeggen valt."
    assert texts["en"].lag_texts["courage"][0] == "in the same block: too few blocks (n = 4)"

    # All ten blocks over: the sentence, its n and every lag speak of blocks.
    later = datetime.combine(week_monday(weeks[-1]) + timedelta(days=9), datetime.min.time(), tzinfo=UTC)
    found, points, texts = page(later)
    assert found.behaviours["courage"].values["n"] == 10 and found.waiting is None
    assert texts["en"].behaviour_insight["courage"] == (
        "Exploratory: Courage: blocks with more of it and trust in the same block moved closely together "
        "(r = +1.00, n = 10 blocks).")
    assert texts["nl"].behaviour_insight["courage"] == (
        "Verkennend: Moed: blokken met er meer van en het vertrouwen in hetzelfde blok bewogen sterk samen "
        "(r = +1.00, n = 10 blokken).")
    assert [cell.split(":")[0] for cell in texts["en"].lag_texts["courage"]] == [
        "in the same block", "one block later", "two blocks later"]
    assert [cell.split(":")[0] for cell in texts["nl"].lag_texts["courage"]] == [
        "in hetzelfde blok", "een blok later", "twee blokken later"]
    every_line = [line for lang in ("en", "nl") for line in
                  [*texts[lang].insight, *texts[lang].behaviour_insight.values(),
                   *(cell for cells in texts[lang].lag_texts.values() for cell in cells)]]
    assert every_line and not any(re.search(r"\bwe(e)?k(en|s)?\b", line) for line in every_line)
    assert points == 11  # the ten blocks answered and the current one
    assert present.basis_text(found, points, "en") == "Over all 11 blocks so far, whatever period the chart shows."
    assert present.basis_text(found, points, "nl").startswith("Over alle 11 blokken tot nu toe")
    assert texts["en"].insight[-1].endswith("n = 10 blocks).")  # which need moved most with trust

    # The same manager's team on one-week blocks still hears about weeks.
    weekly = team_with_members(session, ann.id, emails=("z@x.nl",))
    _, found, points = trends.page_data(session, ann.id, weekly.id, "8w", later.date(), later)
    assert found.unit == "week"
    assert present.insight_texts(found, "en").waiting == (
        "Waiting for 8 more weeks with at least 3 answers before anything can be said.")
    assert present.basis_text(found, points, "nl") == (
        f"Over alle {points} weken tot nu toe, welke periode de grafiek ook toont.")
