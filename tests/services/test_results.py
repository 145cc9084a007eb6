"""The results service (services/results.py) on a real SQLite file: pooling into fixed blocks, the
reporting period setting, and that an open or below-k round shows no figure on any view (team
page, Trends and its table, share-back)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import (
    NOW,
    answers,
    manager,
    past_round,
    send_round,
    team_with_members,
)
from trusthabits.core import anonymity
from trusthabits.core.calendar import week_monday
from trusthabits.core.i18n import translate
from trusthabits.db.models import OutboxMessage, PulseResponse, PulseRound, ReportPeriod
from trusthabits.services import pulse_answers, pulse_rounds, results, share_back, trends
from trusthabits.ui.presenters import teams as team_presenter
from trusthabits.ui.presenters import trends as trend_presenter

EN = lambda key, **values: translate(key, "en", **values)  # noqa: E731


def _given(week: str, value: int) -> dict[str, int]:
    return {key: int(v) for key, v in answers(week, value).items()}


def _pooled_team(session, ann, counts: list[int]):
    """A team of four (k=3) with two-week blocks, and rounds answered by `counts` people in
    consecutive weeks from a block's first week (week i answered with value 1 + i % 5)."""
    team = team_with_members(session, ann.id, k=3)
    change = results.set_period(session, ann.id, team.id, 2, datetime(2026, 1, 7, 12, tzinfo=UTC))
    weeks = [anonymity.week_at(anonymity.week_index(change.from_week) + 10 + i) for i in range(len(counts))]
    assert anonymity.week_index(weeks[0]) % 2 == 0
    for i, (week, count) in enumerate(zip(weeks, counts, strict=True)):
        if count:
            past_round(session, team.id, week, [_given(week, 1 + i % 5)] * count, comments=[f"week {i}"])
    return team, weeks


def test_pooling_a_team_of_four_shows_no_week_alone_and_a_block_only_once_it_reached_k(session):
    ann = manager(session)
    # Weeks answered by 2, 3, 2, 1, 2 and nobody: blocks (2+3), (2+1), (2+0).
    team, weeks = _pooled_team(session, ann, [2, 3, 2, 1, 2, 0])
    later = datetime.combine(week_monday(weeks[-1]) + timedelta(days=9), datetime.min.time(), tzinfo=UTC)
    found = results.visible_results(session, ann.id, team.id, later)
    by_start = {b.start_week: b for b in found.blocks}
    assert all(len(b.weeks) == 2 for b in found.blocks if b.start_week >= weeks[0])
    first, second, third = by_start[weeks[0]], by_start[weeks[2]], by_start[weeks[4]]
    assert (first.shown, first.n, first.weeks) == (True, 5, (weeks[0], weeks[1]))
    assert (second.shown, second.n) == (True, 3)
    assert not third.shown and third.complete and third.answered == 2 and third.trust is None
    # The pooled figures are those of all five answers together (values 1 and 2 on the scale).
    autonomy = first.needs["autonomy"]
    assert autonomy.n == 5 and 1 <= autonomy.value <= 5
    assert sorted(first.comments) == ["week 0", "week 1"] and third.comments == ()
    # No figure over one week's answers alone: every figure of the block is over all of them.
    assert all(f.n == 5 for f in [first.trust, *first.needs.values(), *first.items.values(), *first.seen.values()])
    assert first.seen == {} and second.seen == {}  # each week asked about another behaviour

    # Trends: one point per block, never a week alone; participation per block.
    series = trends.team_trends(session, ann.id, team.id, "all", later.date(), now=later)
    points = {p.iso_week: p for p in series.weeks}
    assert weeks[1] not in points and weeks[3] not in points
    assert points[weeks[0]].trust == first.trust.value and points[weeks[4]].trust is None
    assert (points[weeks[0]].answered, points[weeks[0]].invited) == (5, 8)
    table = trend_presenter.table_rows(series)
    assert not any(row[0] == weeks[1] for row in table)

    # Share-back: the shown blocks can be shared, the one below k cannot.
    choices = {c.iso_week: c for c in share_back.closed_rounds(session, ann.id, team.id, later)}
    assert choices[f"{weeks[0]}–{weeks[1][-3:]}"].shareable and not choices[f"{weeks[4]}–{weeks[5][-3:]}"].shareable
    assert share_back.share_round(session, ann.id, choices[f"{weeks[0]}–{weeks[1][-3:]}"].round_id, "", later) == 4
    subject, body = session.exec(select(OutboxMessage.subject, OutboxMessage.body)
                                 .where(OutboxMessage.kind == share_back.KIND)).first()
    assert "5 people answered" in body and f"{first.trust.value:.2f}" in body
    pooled = f"weeks {weeks[0]}–{weeks[1][-3:]}"  # a block is named as one, never as "week …"
    assert f"how {pooled} went" in subject and f"the pulse of {pooled}." in body and "week " not in subject
    with pytest.raises(share_back.ShareRefused):
        share_back.share_round(session, ann.id, choices[f"{weeks[4]}–{weeks[5][-3:]}"].round_id, "", later)


def test_a_block_is_not_shown_while_its_weeks_are_running(session):
    ann = manager(session)
    team, weeks = _pooled_team(session, ann, [3, 0])
    during = datetime.combine(week_monday(weeks[1]) + timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    block = results.visible_results(session, ann.id, team.id, during).blocks[-1]
    assert block.weeks == (weeks[0], weeks[1]) and not block.complete and not block.shown
    views = team_presenter.result_views(results.visible_results(session, ann.id, team.id, during), "UTC", EN)
    assert views[0].not_enough == EN("results.block_pending", weeks=2, k=3) and views[0].figures == []
    after = during + timedelta(days=7)
    assert results.visible_results(session, ann.id, team.id, after).shown_blocks()[0].n == 3


def test_an_open_round_shows_participation_only_on_every_view(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens:
        pulse_answers.submit_pulse(session, token, answers(value=5), "open comment", NOW)
    found = results.visible_results(session, ann.id, team.id, NOW)
    assert [(r.answered, r.invited) for r in found.open_rounds] == [(4, 4)]
    assert found.shown_blocks() == [] and not any(b.comments for b in found.blocks)
    views = team_presenter.result_views(found, "Europe/Amsterdam", EN)
    assert [(v.answered, v.figures, v.comments, v.closed) for v in views] == [("4 of 4 answered", [], [], False)]
    series = trends.team_trends(session, ann.id, team.id, "8w", NOW.date(), now=NOW)
    assert all(p.trust is None and set(p.needs.values()) == {None} for p in series.weeks)
    assert share_back.closed_rounds(session, ann.id, team.id, NOW) == []
    round_id = session.exec(select(PulseRound.id)).one()
    with pytest.raises(share_back.ShareRefused):
        share_back.share_round(session, ann.id, round_id, "", NOW)
    # Closed: now the figures show, on every view alike.
    pulse_rounds.close_round(session, ann.id, round_id, NOW + timedelta(hours=1))
    shown = results.visible_results(session, ann.id, team.id, NOW + timedelta(hours=2)).shown_blocks()
    assert [b.n for b in shown] == [4] and shown[0].comments == ("open comment",) * 4
    series = trends.team_trends(session, ann.id, team.id, "8w", NOW.date(), now=NOW + timedelta(hours=2))
    assert series.weeks[-1].trust == shown[0].trust.value


def test_a_round_opened_after_its_week_never_counts(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    past_round(session, team.id, "2026-W40", [_given("2026-W40", 4)] * 3, opened_late=True)
    found = results.visible_results(session, ann.id, team.id, NOW)
    block = next(b for b in found.blocks if b.start_week == "2026-W40")
    assert not block.shown and block.round_ids == ()


def test_the_period_applies_from_the_next_block_and_is_validated(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    assert results.visible_results(session, ann.id, team.id, NOW).period == 1
    change = results.set_period(session, ann.id, team.id, "4", NOW)
    assert anonymity.week_index(change.from_week) % 4 == 0 and change.from_week > "2026-W48"
    found = results.visible_results(session, ann.id, team.id, NOW)
    assert found.period == 1 and found.next_period == change
    assert team_presenter.period_text(found, EN).endswith(f"From {change.from_week}: per 4 week(s).")
    # Asking again replaces the pending change; asking for the period in force drops it.
    results.set_period(session, ann.id, team.id, 2, NOW)
    assert [r.weeks for r in session.exec(select(ReportPeriod)).all()] == [2]
    results.set_period(session, ann.id, team.id, 1, NOW)
    assert session.exec(select(ReportPeriod)).all() == []
    for bad in ("3", "0", "", "x", "8", None):
        with pytest.raises(results.PeriodRefused):
            results.set_period(session, ann.id, team.id, bad, NOW)
    # Once in force it stays for the blocks it shaped, whatever is chosen later.
    results.set_period(session, ann.id, team.id, 2, NOW)
    later = NOW + timedelta(weeks=6)
    results.set_period(session, ann.id, team.id, 4, later)
    assert results.visible_results(session, ann.id, team.id, later).period == 2
    assert len(session.exec(select(ReportPeriod)).all()) == 2


def test_the_teams_public_page_states_the_period_in_force(session):
    from trusthabits.core import clock
    from trusthabits.db.models import Team
    from trusthabits.services import team_events

    ann = manager(session)
    team = team_with_members(session, ann.id)
    public_id = session.get(Team, team.id).public_id
    assert team_events.public_page(session, public_id).reporting_weeks == 1
    results.set_period(session, ann.id, team.id, 2, clock.now() - timedelta(weeks=10))
    assert team_events.public_page(session, public_id).reporting_weeks == 2


def test_changing_the_time_zone_cannot_add_answers_to_a_shown_block(session):
    """The attack: two-week blocks; the first week has 3 answers, the second no round. On Monday
    morning (UTC) Europe is in the next week, so a naive rule shows the block; the manager then
    moves the team to UTC-11 (still Sunday there), sends the second week's pulse and waits: the
    block's figures would change by two people's answers."""
    from trusthabits.db.models import Team

    ann = manager(session)
    team, weeks = _pooled_team(session, ann, [3, 0])
    first, second = weeks
    monday = datetime.combine(week_monday(second) + timedelta(days=7), datetime.min.time(), tzinfo=UTC)
    assert results.visible_results(session, ann.id, team.id, monday + timedelta(hours=9)).shown_blocks() == []
    row = session.get(Team, team.id)
    row.time_zone = "Pacific/Pago_Pago"
    session.add(row)
    session.commit()
    opened = monday + timedelta(hours=9, minutes=30)  # Sunday 22:30 in Pago Pago: its own week there
    late = PulseRound(team_id=team.id, iso_week=second, instrument_version=2, opened_at=opened,
                      closes_at=opened + timedelta(hours=1), closed_at=opened + timedelta(hours=1))
    session.add(late)
    session.commit()
    for given in [_given(second, 5)] * 2:
        session.add(PulseResponse(team_id=team.id, iso_week=second, instrument_version=2, answers=json.dumps(given)))
    session.commit()
    # It counts (opened before the week was over everywhere), so the block shows once, with all five.
    shown = results.visible_results(session, ann.id, team.id, monday + timedelta(hours=13)).shown_blocks()
    assert [(b.weeks, b.n) for b in shown] == [((first, second), 5)]
