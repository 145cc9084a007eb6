"""Commitments: made in a reflection for the week after, shown on Today all that week, and asked
about ("did you?") in the next reflection with that week's matching entries filled in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.services.rhythm_helpers import local, manager
from trusthabits.core.errors import FieldErrors
from trusthabits.services import actions, commitments, reflections

NOW = local("Europe/Amsterdam", 2026, 11, 27, 17, 0)  # Friday of 2026-W48
NEXT_WEEK = NOW + timedelta(days=7)  # Friday of 2026-W49


def test_a_commitment_carries_over_to_next_weeks_did_you_with_the_right_entries(session):
    ann = manager(session)
    reflections.save(session, ann.id, "2026-W48", "Listened", "Let Sam run the planning", NOW)
    made = commitments.commit(session, ann.id, "2026-W48", "empowerment", "let_decide", NOW)
    assert (made.for_week, made.sentence, made.outcome) == ("2026-W49", "Let Sam run the planning", "")
    # Entries of week 49: two of the committed behaviour (one with the micro-action), one other,
    # and one of the same behaviour in week 48 and one in week 50, which must not count.
    actions.log_action(session, ann.id, "empowerment", day=date(2026, 11, 26), micro_action="let_decide", now=NOW)
    for day, behaviour, micro in [(date(2026, 12, 1), "empowerment", "shared_context"),
                                  (date(2026, 12, 3), "empowerment", "let_decide"),
                                  (date(2026, 12, 2), "courage", None)]:
        actions.log_action(session, ann.id, behaviour, day=day, micro_action=micro, now=NEXT_WEEK)
    actions.log_action(session, ann.id, "empowerment", day=date(2026, 12, 7), micro_action="let_decide",
                       now=NEXT_WEEK + timedelta(days=4))
    question = commitments.did_you(session, ann.id, "2026-W49")
    assert question.commitment.behaviour == "empowerment" and question.commitment.micro_action == "let_decide"
    assert [(e.day, e.micro_action) for e in question.entries] == [(date(2026, 12, 1), "shared_context"),
                                                                   (date(2026, 12, 3), "let_decide")]
    assert question.suggested == "yes" and question.answer == "yes"
    answered = commitments.answer(session, ann.id, "2026-W49", "partly", NEXT_WEEK)
    assert answered.commitment.outcome == "partly" and answered.answer == "partly"
    # The week it was made in asks nothing; the week after next asks about nothing either.
    assert commitments.did_you(session, ann.id, "2026-W48") is None
    assert commitments.did_you(session, ann.id, "2026-W50") is None


@pytest.mark.parametrize("logged, expected", [([], "no"), (["shared_context"], "partly"),
                                              (["shared_context", "let_decide"], "yes")])
def test_the_suggested_answer_follows_the_entries(session, logged, expected):
    ann = manager(session)
    commitments.commit(session, ann.id, "2026-W48", "empowerment", "let_decide", NOW)
    for micro in logged:
        actions.log_action(session, ann.id, "empowerment", day=date(2026, 12, 1), micro_action=micro, now=NEXT_WEEK)
    assert commitments.did_you(session, ann.id, "2026-W49").suggested == expected


def test_without_a_micro_action_any_entry_of_the_behaviour_counts(session):
    ann = manager(session)
    commitments.commit(session, ann.id, "2026-W48", "humility", "", NOW)
    actions.log_action(session, ann.id, "humility", day=date(2026, 12, 1), now=NEXT_WEEK)
    assert commitments.did_you(session, ann.id, "2026-W49").suggested == "yes"


def _on_today(session, manager_id, moment):
    return [(c.for_week, c.behaviour) for c in commitments.on_today(session, manager_id, moment)]


def test_today_shows_this_weeks_commitment_all_week_and_next_weeks_once_made(session):
    ann = manager(session)
    assert commitments.on_today(session, ann.id, NOW) == []
    commitments.commit(session, ann.id, "2026-W48", "courage", "backed_publicly", NOW)
    # Right after making it (still week 48) Today shows it as next week's.
    assert _on_today(session, ann.id, NOW) == [("2026-W49", "courage")]
    monday, sunday = local("Europe/Amsterdam", 2026, 11, 30, 0, 5), local("Europe/Amsterdam", 2026, 12, 6, 23, 55)
    for moment in (monday, NEXT_WEEK, sunday):
        assert _on_today(session, ann.id, moment) == [("2026-W49", "courage")]
    # Week 49's reflection makes week 50's: both show until week 49 ends, then only the new one.
    commitments.commit(session, ann.id, "2026-W49", "humility", None, NEXT_WEEK)
    assert _on_today(session, ann.id, sunday) == [("2026-W49", "courage"), ("2026-W50", "humility")]
    assert _on_today(session, ann.id, sunday + timedelta(hours=1)) == [("2026-W50", "humility")]
    assert commitments.on_today(session, ann.id, sunday + timedelta(days=8)) == []


def test_logged_in_week_counts_the_entries_of_the_week_it_is_for(session):
    ann = manager(session)
    made = commitments.commit(session, ann.id, "2026-W48", "courage", None, NOW)
    actions.log_action(session, ann.id, "courage", day=date(2026, 11, 27), now=NOW)  # week 48: not counted
    actions.log_action(session, ann.id, "courage", day=date(2026, 11, 30), now=NEXT_WEEK)
    assert commitments.logged_in_week(session, ann.id, made) == 1


def test_a_changed_commitment_forgets_its_answer_and_an_empty_behaviour_withdraws_it(session):
    ann = manager(session)
    commitments.commit(session, ann.id, "2026-W48", "courage", None, NOW)
    commitments.answer(session, ann.id, "2026-W49", "yes", NEXT_WEEK)
    assert commitments.commit(session, ann.id, "2026-W48", "courage", "backed_publicly", NOW).outcome == ""
    assert commitments.commit(session, ann.id, "2026-W48", "", None, NOW) is None
    assert commitments.made_in(session, ann.id, "2026-W48") is None


@pytest.mark.parametrize("behaviour, micro, field", [("bravery", None, "commit_behaviour"),
                                                    ("courage", "let_decide", "commit_micro_action")])
def test_unknown_choices_are_refused_and_nothing_is_stored(session, behaviour, micro, field):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        commitments.commit(session, ann.id, "2026-W48", behaviour, micro, NOW)
    assert field in refused.value.errors
    assert commitments.made_in(session, ann.id, "2026-W48") is None


def test_unknown_answers_and_weeks_without_a_commitment_are_refused(session):
    ann = manager(session)
    with pytest.raises(LookupError):
        commitments.answer(session, ann.id, "2026-W49", "yes", NEXT_WEEK)
    commitments.commit(session, ann.id, "2026-W48", "courage", None, NOW)
    with pytest.raises(FieldErrors):
        commitments.answer(session, ann.id, "2026-W49", "maybe", NEXT_WEEK)
    with pytest.raises(LookupError):
        commitments.commit(session, ann.id, "2026-W54", "courage", None, NOW)


def test_one_manager_cannot_read_or_change_anothers_commitment(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    reflections.save(session, ann.id, "2026-W48", "", "Ann's plan", NOW)
    commitments.commit(session, ann.id, "2026-W48", "courage", None, NOW)
    assert commitments.made_in(session, bob.id, "2026-W48") is None
    assert commitments.did_you(session, bob.id, "2026-W49") is None
    assert commitments.on_today(session, bob.id, NEXT_WEEK) == []
    with pytest.raises(LookupError):
        commitments.answer(session, bob.id, "2026-W49", "no", NEXT_WEEK)
    # Bob's own commitment for the same week is his, and Ann's stays as it was.
    assert commitments.commit(session, bob.id, "2026-W48", "humility", None, NOW).sentence == ""
    assert commitments.made_in(session, ann.id, "2026-W48").behaviour == "courage"
    assert commitments.did_you(session, ann.id, "2026-W49").commitment.outcome == ""
