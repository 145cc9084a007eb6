"""Pulse rounds, answering by link and results, on a real SQLite file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import func, select

from tests.services.pulse_helpers import (
    BASE_URL,
    NOW,
    answers,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.core.instrument import CURRENT, InvalidAnswers
from trusthabits.db.models import Invitation, OutboxMessage, PulseComment, PulseResponse, PulseRound
from trusthabits.services import pulse_answers, pulse_rounds, results, teams
from trusthabits.services.pulse_answers import PulseRefused


def _count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _results(session, manager_id, team_id, now=NOW):
    return results.visible_results(session, manager_id, team_id, now)


def _round_id(session, team_id) -> int:
    return session.exec(select(PulseRound.id).where(PulseRound.team_id == team_id)).one()


def _week(session, manager_id, team_id, now=NOW):
    """The block of 2026-W48 (one week: the default period)."""
    return next(b for b in _results(session, manager_id, team_id, now).blocks if b.start_week == "2026-W48")


def test_a_round_invites_every_active_member_once_in_the_team_language(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, language="nl")
    inactive = teams.list_members(session, ann.id, team.id)[0]
    teams.set_member_active(session, ann.id, team.id, inactive.id, False)
    links = send_round(session, ann.id, team.id)
    assert set(links) == {"a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"} - {inactive.email}
    message = session.exec(select(OutboxMessage)).first()
    assert message.subject == "Hoe was deze week met Ann?"
    assert f"{BASE_URL}/pulse/" in message.body
    # Asking again the same week invites nobody twice.
    assert pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW + timedelta(hours=1), BASE_URL) == 0
    assert _count(session, OutboxMessage) == 3
    assert _count(session, Invitation) == 3
    # A member added later is invited into the same round.
    teams.add_members(session, ann.id, team.id, "late@x.nl")
    assert pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW + timedelta(hours=2), BASE_URL) == 1


def test_the_answer_page_is_in_the_team_language_with_the_manager_name(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, language="nl")
    token = next(iter(send_round(session, ann.id, team.id).values()))
    form = pulse_answers.open_pulse(session, token, NOW)
    assert (form.language, form.manager_name, form.iso_week) == ("nl", "Ann", "2026-W48")
    assert [key for key, _ in form.items] == [i.key for i in CURRENT.items_for_week("2026-W48")]
    assert form.items[0][1] == CURRENT.trust_items[0].text["nl"]


def test_results_only_from_the_third_answer_and_only_once_closed(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers(value=4), "", NOW)
    found = _results(session, ann.id, team.id)
    # Open: participation only.
    assert [(r.invited, r.answered) for r in found.open_rounds] == [(4, 3)]
    assert not any(b.shown or b.trust or b.needs or b.comments for b in found.blocks)
    pulse_rounds.close_round(session, ann.id, _round_id(session, team.id), NOW)
    week = _week(session, ann.id, team.id)
    assert week.shown and week.n == 3 and (week.invited, week.answered) == (4, 3)
    reverse_items = sum(i.reverse for i in CURRENT.trust_items)
    trust_items = len(CURRENT.trust_items)
    # Answer 4 everywhere: forward items score 4, the reverse-scored one 2.
    assert week.trust.value == round((4 * (trust_items - reverse_items) + 2 * reverse_items) / trust_items, 2)


def test_a_closed_round_below_k_shows_nothing(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:2]:
        pulse_answers.submit_pulse(session, token, answers(value=4), "a comment", NOW)
    pulse_rounds.close_round(session, ann.id, _round_id(session, team.id), NOW)
    for later in (NOW, NOW + timedelta(days=30)):
        week = _week(session, ann.id, team.id, later)
        assert week.complete and not week.shown and week.answered == 2
        assert (week.trust, week.needs, week.items, week.seen, week.comments) == (None, {}, {}, {}, ())


def test_a_team_with_a_higher_k_waits_longer(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, k=4)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers(), "", NOW)
    pulse_rounds.close_round(session, ann.id, _round_id(session, team.id), NOW)
    assert not _week(session, ann.id, team.id).shown
    bob = manager(session, email="bob@example.com", name="Bob")
    other = team_with_members(session, bob.id, k=4)
    for token in send_round(session, bob.id, other.id).values():
        pulse_answers.submit_pulse(session, token, answers(), "", NOW)
    pulse_rounds.close_round(session, bob.id, _round_id(session, other.id), NOW)
    assert _week(session, bob.id, other.id).shown


def test_a_link_works_once_and_the_second_use_stores_nothing(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    token = next(iter(send_round(session, ann.id, team.id).values()))
    pulse_answers.submit_pulse(session, token, answers(), "first", NOW)
    with pytest.raises(PulseRefused) as caught:
        pulse_answers.submit_pulse(session, token, answers(value=1), "second", NOW)
    assert caught.value.reason == "used"
    with pytest.raises(PulseRefused):
        pulse_answers.open_pulse(session, token, NOW)
    assert _count(session, PulseResponse) == 1
    assert session.exec(select(PulseComment.text)).all() == ["first"]


def test_unknown_closed_and_incomplete_submissions_store_nothing(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    with pytest.raises(PulseRefused, match="unknown"):
        pulse_answers.submit_pulse(session, "made-up-token", answers(), "", NOW)
    incomplete = answers()
    incomplete.pop(CURRENT.trust_items[1].key)
    with pytest.raises(InvalidAnswers):
        pulse_answers.submit_pulse(session, tokens[0], incomplete, "", NOW)
    # The failed attempt did not use up the link.
    assert session.exec(select(Invitation).where(Invitation.used_at.is_not(None))).all() == []
    # Past closes_at the links expire on their own.
    with pytest.raises(PulseRefused, match="closed"):
        pulse_answers.submit_pulse(session, tokens[0], answers(), "", NOW + pulse_rounds.ROUND_OPEN_FOR)
    round_id = _round_id(session, team.id)
    pulse_rounds.close_round(session, ann.id, round_id, NOW)
    with pytest.raises(PulseRefused, match="closed"):
        pulse_answers.open_pulse(session, tokens[1], NOW)
    assert _count(session, PulseResponse) == 0 and _count(session, PulseComment) == 0
    with pytest.raises(pulse_rounds.RoundClosed):
        pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW, BASE_URL)


def test_comments_appear_only_after_the_round_closes(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for i, token in enumerate(tokens[:3]):
        pulse_answers.submit_pulse(session, token, answers(), f"comment {i}" if i else "", NOW)
    assert not any(b.comments for b in _results(session, ann.id, team.id).blocks)
    pulse_rounds.close_round(session, ann.id, _round_id(session, team.id), NOW)
    assert sorted(_week(session, ann.id, team.id).comments) == ["comment 1", "comment 2"]


def test_responses_keep_their_instrument_version_and_only_clean_answers(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    token = next(iter(send_round(session, ann.id, team.id).values()))
    pulse_answers.submit_pulse(session, token, answers() | {"team_id": "1", "member": "a@x.nl"}, "", NOW)
    stored = session.exec(select(PulseResponse)).one()
    assert stored.instrument_version == CURRENT.version and stored.iso_week == "2026-W48"
    assert set(json.loads(stored.answers)) == {i.key for i in CURRENT.items_for_week("2026-W48")}


def test_manager_a_cannot_see_or_change_team_b(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    bobs_team = team_with_members(session, bob.id)
    send_round(session, bob.id, bobs_team.id)
    round_id = _round_id(session, bobs_team.id)
    member = teams.list_members(session, bob.id, bobs_team.id)[0]
    attempts = [
        lambda: teams.get_team(session, ann.id, bobs_team.id),
        lambda: teams.list_members(session, ann.id, bobs_team.id),
        lambda: teams.add_members(session, ann.id, bobs_team.id, "spy@x.nl"),
        lambda: teams.set_member_active(session, ann.id, bobs_team.id, member.id, False),
        lambda: pulse_rounds.send_this_weeks_pulse(session, ann.id, bobs_team.id, NOW, BASE_URL),
        lambda: results.visible_results(session, ann.id, bobs_team.id, NOW),
        lambda: results.set_period(session, ann.id, bobs_team.id, 2, NOW),
        lambda: pulse_rounds.close_round(session, ann.id, round_id, NOW),
    ]
    for attempt in attempts:
        with pytest.raises(LookupError):
            attempt()
    assert teams.list_teams(session, ann.id) == []
    from trusthabits.services import mail
    assert mail.list_outbox(session, ann.id) == []
    assert len(mail.list_outbox(session, bob.id)) == 4
    # Nothing of Bob's changed.
    assert [m.active for m in teams.list_members(session, bob.id, bobs_team.id)] == [True] * 4
    assert [r.round_id for r in _results(session, bob.id, bobs_team.id).open_rounds] == [round_id]
    assert results.period_changes(session, bobs_team.id) == []
