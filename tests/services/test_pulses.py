"""Pulse rounds, answering by link and results, on a real SQLite file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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
from trusthabits.db.models import HeldAnswer, HeldComment, Invitation, OutboxMessage, PulseComment, PulseResponse
from trusthabits.services import pulse_answers, pulse_rounds, results, teams
from trusthabits.services.pulse_answers import PulseRefused


def _count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


@dataclass(frozen=True)
class _Summary:
    answered: int
    shown: bool
    trust_index: float | None = None
    needs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _Week:
    round_id: int
    invited: int
    summary: _Summary
    closed: bool
    comments: list
    can_close_early: bool


def _results(session, manager_id, team_id, now=NOW) -> list[_Week]:
    """The team page's cards, newest first, read through the one results service: an open round
    (participation only), then the reporting blocks that had a round (one week each here)."""
    found = results.visible_results(session, manager_id, team_id, now)
    weeks = [_Week(r.round_id, r.invited, _Summary(r.answered, False), False, [], r.answered >= found.k)
             for r in reversed(found.open_rounds)]
    open_ids = {r.round_id for r in found.open_rounds}
    for b in reversed(found.blocks):
        if b.round_ids and not set(b.round_ids) & open_ids:
            summary = _Summary(b.n if b.shown else b.answered, b.shown, b.trust.value if b.trust else None,
                               {need: f.value for need, f in b.needs.items()})
            weeks.append(_Week(b.round_ids[-1], b.invited, summary, True, list(b.comments), False))
    return weeks


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
    # Asking again the same week invites nobody twice, and says why.
    with pytest.raises(pulse_rounds.RoundAlreadyOpen) as refused:
        pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW + timedelta(hours=1), BASE_URL)
    assert refused.value.key == "pulse.already_open"
    assert _count(session, OutboxMessage) == 3
    assert _count(session, Invitation) == 3


def test_the_invitation_list_is_fixed_when_the_round_opens(session):
    """The attack of issue 10: a member reactivated (or added) while a round is open must not
    join it, or the manager could subtract two figures to get that member's answers."""
    ann = manager(session)
    team = team_with_members(session, ann.id)
    fourth = teams.list_members(session, ann.id, team.id)[3]
    teams.set_member_active(session, ann.id, team.id, fourth.id, False)
    links = send_round(session, ann.id, team.id)
    assert fourth.email not in links and len(links) == 3
    teams.set_member_active(session, ann.id, team.id, fourth.id, True)
    teams.add_members(session, ann.id, team.id, "late@x.nl")
    for hours in (1, 30):
        with pytest.raises(pulse_rounds.RoundAlreadyOpen):
            pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW + timedelta(hours=hours), BASE_URL)
    assert _count(session, Invitation) == 3 and _count(session, OutboxMessage) == 3
    invited = {m.to_address for m in session.exec(select(OutboxMessage))}
    assert fourth.email not in invited and "late@x.nl" not in invited
    # Next week they are in.
    next_week = send_round(session, ann.id, team.id, NOW + timedelta(days=7))
    assert {fourth.email, "late@x.nl"} <= set(next_week)


def test_a_deactivated_member_keeps_no_working_link(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    links = send_round(session, ann.id, team.id)
    member = next(m for m in teams.list_members(session, ann.id, team.id) if m.email == "b@x.nl")
    teams.set_member_active(session, ann.id, team.id, member.id, False)
    with pytest.raises(PulseRefused, match="unknown"):
        pulse_answers.open_pulse(session, links["b@x.nl"], NOW)
    with pytest.raises(PulseRefused):
        pulse_answers.submit_pulse(session, links["b@x.nl"], answers(), "", NOW)
    # Their queued mail (with the link in it) is gone from the outbox too; the others still work.
    assert "b@x.nl" not in {m.to_address for m in session.exec(select(OutboxMessage))}
    assert _results(session, ann.id, team.id)[0].invited == 3
    pulse_answers.open_pulse(session, links["a@x.nl"], NOW)
    # Reactivated during the round: still no link for this round.
    teams.set_member_active(session, ann.id, team.id, member.id, True)
    with pytest.raises(PulseRefused):
        pulse_answers.open_pulse(session, links["b@x.nl"], NOW)


def test_the_answer_page_is_in_the_team_language_with_the_manager_name(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, language="nl")
    token = next(iter(send_round(session, ann.id, team.id).values()))
    form = pulse_answers.open_pulse(session, token, NOW)
    assert (form.language, form.manager_name, form.iso_week) == ("nl", "Ann", "2026-W48")
    assert [key for key, _ in form.items] == [i.key for i in CURRENT.items_for_week("2026-W48")]
    assert form.items[0][1] == CURRENT.trust_items[0].text["nl"]


def test_results_only_from_the_third_answer(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:2]:
        pulse_answers.submit_pulse(session, token, answers(value=4), "", NOW)
    week = _results(session, ann.id, team.id)[0]
    assert (week.invited, week.summary.answered, week.summary.shown) == (4, 2, False)
    assert week.summary.trust_index is None and week.summary.needs == {}
    with pytest.raises(pulse_rounds.CloseRefused):  # closing early needs k answers
        pulse_rounds.close_round(session, ann.id, week.round_id, NOW)
    pulse_answers.submit_pulse(session, tokens[2], answers(value=4), "", NOW)
    week = _results(session, ann.id, team.id)[0]
    # Open: only the count, whatever k says.
    assert (week.summary.answered, week.summary.shown, week.can_close_early) == (3, False, True)
    assert _count(session, PulseResponse) == 0
    pulse_rounds.close_round(session, ann.id, week.round_id, NOW)
    week = _results(session, ann.id, team.id)[0]
    assert week.summary.shown and week.summary.answered == 3 and week.closed
    reverse_items = sum(i.reverse for i in CURRENT.trust_items)
    trust_items = len(CURRENT.trust_items)
    # Answer 4 everywhere: forward items score 4, the reverse-scored one 2.
    assert week.summary.trust_index == round((4 * (trust_items - reverse_items) + 2 * reverse_items) / trust_items, 2)


def test_a_team_with_a_higher_k_waits_longer(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, k=4)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers(), "", NOW)
    week = _results(session, ann.id, team.id)[0]
    assert not week.summary.shown and not week.can_close_early
    with pytest.raises(pulse_rounds.CloseRefused):
        pulse_rounds.close_round(session, ann.id, week.round_id, NOW)
    pulse_answers.submit_pulse(session, tokens[3], answers(), "", NOW)
    pulse_rounds.close_round(session, ann.id, week.round_id, NOW)
    assert _results(session, ann.id, team.id)[0].summary.shown


def test_a_round_closed_below_k_shows_nothing_ever(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:2]:
        pulse_answers.submit_pulse(session, token, answers(value=4), "a comment", NOW)
    closed = NOW + pulse_rounds.ROUND_OPEN_FOR
    for later in (closed, closed + timedelta(days=30)):
        week = next(b for b in results.visible_results(session, ann.id, team.id, later).blocks
                    if b.start_week == "2026-W48")
        assert week.complete and not week.shown and week.answered == 2
        assert (week.trust, week.needs, week.items, week.seen, week.comments) == (None, {}, {}, {}, ())


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
    # Held apart until the round closes.
    assert _count(session, PulseResponse) == 0 and _count(session, HeldAnswer) == 1
    assert session.exec(select(HeldComment.text)).all() == ["first"]


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
    assert session.exec(select(Invitation).where(Invitation.used.is_(True))).all() == []
    # Past closes_at the links expire on their own.
    with pytest.raises(PulseRefused, match="closed"):
        pulse_answers.submit_pulse(session, tokens[0], answers(), "", NOW + pulse_rounds.ROUND_OPEN_FOR)
    round_id = _results(session, ann.id, team.id)[0].round_id
    with pytest.raises(pulse_rounds.CloseRefused):
        pulse_rounds.close_round(session, ann.id, round_id, NOW)
    assert pulse_rounds.close_due(session, NOW + pulse_rounds.ROUND_OPEN_FOR) == 1
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
    week = _results(session, ann.id, team.id)[0]
    assert not week.summary.shown and week.comments == []
    pulse_rounds.close_round(session, ann.id, week.round_id, NOW)
    assert sorted(_results(session, ann.id, team.id)[0].comments) == ["comment 1", "comment 2"]


def test_responses_keep_their_instrument_version_and_only_clean_answers(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers() | {"team_id": "1", "member": "a@x.nl"}, "", NOW)
    pulse_rounds.close_round(session, ann.id, _results(session, ann.id, team.id)[0].round_id, NOW)
    for stored in session.exec(select(PulseResponse)).all():
        assert stored.instrument_version == CURRENT.version and stored.iso_week == "2026-W48"
        assert set(json.loads(stored.answers)) == {i.key for i in CURRENT.items_for_week("2026-W48")}


def test_manager_a_cannot_see_or_change_team_b(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    bobs_team = team_with_members(session, bob.id)
    send_round(session, bob.id, bobs_team.id)
    round_id = _results(session, bob.id, bobs_team.id)[0].round_id
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
    assert not _results(session, bob.id, bobs_team.id)[0].closed
    assert results.period_changes(session, bobs_team.id) == []
