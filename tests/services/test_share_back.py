"""Share back: aggregates of a closed round to every active member, refused below k."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import (
    NOW,
    answers,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.db.models import OutboxMessage, PulseRound
from trusthabits.services import pulse_answers, pulse_rounds, results, share_back
from trusthabits.services.teams import TeamNotFound

COMMENT = "Ik durf dit niet hardop te zeggen"


def _round(session, ann, answering: int, value=4, close=True):
    team = team_with_members(session, ann.id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"))
    tokens = list(send_round(session, ann.id, team.id).values())
    for index, token in enumerate(tokens[:answering]):
        pulse_answers.submit_pulse(session, token, answers(value=value + (index % 2)), COMMENT if index == 0 else "",
                                   NOW + timedelta(hours=1))
    round_id = session.exec(select(PulseRound.id).where(PulseRound.team_id == team.id)).one()
    if close:  # at its closing time (closing early needs k answers)
        pulse_rounds.close_due(session, NOW + pulse_rounds.ROUND_OPEN_FOR, team_id=team.id)
    return team, round_id


def _shared(session):
    return session.exec(select(OutboxMessage).where(OutboxMessage.kind == share_back.KIND)).all()


def test_a_closed_round_with_k_answers_goes_to_every_member_once_with_aggregates_only(session):
    ann = manager(session)
    team, round_id = _round(session, ann, answering=3)
    later = NOW + timedelta(days=4)
    assert share_back.closed_rounds(session, ann.id, team.id, later)[0].shareable
    assert share_back.share_round(session, ann.id, round_id, "  Thanks, all!  ", later) == 5
    assert share_back.share_round(session, ann.id, round_id, "", later) == 0  # idempotent per (round, member)
    mails = _shared(session)
    assert sorted(m.to_address for m in mails) == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"]
    body = mails[0].body
    block = results.visible_results(session, ann.id, team.id, later).shown_blocks()[0]
    assert "3 people answered" in body and f"Trust: {block.trust.value:.2f}" in body and "Thanks, all!" in body
    assert COMMENT not in body and "@x.nl" not in body and mails[0].link == ""
    assert f": how week {block.start_week} went" in mails[0].subject and f"pulse of week {block.start_week}." in body


def test_below_k_nothing_is_queued_and_the_reason_is_given(session):
    ann = manager(session)
    team, round_id = _round(session, ann, answering=2)
    with pytest.raises(share_back.ShareRefused) as refused:
        share_back.share_round(session, ann.id, round_id, "note", NOW + timedelta(days=4))
    assert refused.value.key == "share.refused_below_k"
    assert _shared(session) == []
    assert not share_back.closed_rounds(session, ann.id, team.id, NOW + timedelta(days=4))[0].shareable


def test_open_rounds_long_notes_and_other_managers_are_refused(session):
    ann = manager(session)
    bob = manager(session, email="bob@example.com", name="Bob")
    _, round_id = _round(session, ann, answering=3, close=False)
    with pytest.raises(share_back.ShareRefused) as refused:
        share_back.share_round(session, ann.id, round_id, "", NOW + timedelta(hours=2))
    assert refused.value.key == "share.refused_open"
    pulse_rounds.close_round(session, ann.id, round_id, NOW + timedelta(hours=2))
    with pytest.raises(share_back.ShareRefused) as refused:
        share_back.share_round(session, ann.id, round_id, "x" * 1001, NOW + timedelta(hours=3))
    assert refused.value.key == "error.share_note_too_long"
    with pytest.raises(TeamNotFound):
        share_back.share_round(session, bob.id, round_id, "", NOW + timedelta(hours=3))
    assert _shared(session) == []
    assert share_back.share_round(session, ann.id, round_id, "y" * 1000, NOW + timedelta(hours=3)) == 5


@pytest.mark.parametrize("range_key", ["8w", "all"])
def test_trends_offers_the_same_choices_from_the_results_it_read_for_its_charts(session, range_key):
    from trusthabits.services import trends

    ann = manager(session)
    team, _ = _round(session, ann, answering=3)
    later = NOW + timedelta(days=4)
    series, _, _ = trends.page_data(session, ann.id, team.id, range_key, later.date(), later)
    offered = share_back.round_choices(series.results)
    assert offered and offered == share_back.closed_rounds(session, ann.id, team.id, later)
