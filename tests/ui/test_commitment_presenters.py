"""Commitments and experiments as rows, in both languages (pure functions)."""

from __future__ import annotations

from datetime import date
from functools import partial

from trusthabits.core.i18n import translate
from trusthabits.services.commitments import CommitmentView, DidYou, MatchingEntry
from trusthabits.services.experiments import ExperimentView
from trusthabits.ui.presenters import commitments as present

EN = partial(translate, language="en")
NL = partial(translate, language="nl")
TODAY = date(2026, 12, 4)  # Friday of 2026-W49


def _view(micro: str | None = "let_decide", outcome: str = "") -> CommitmentView:
    return CommitmentView("2026-W48", "2026-W49", "empowerment", micro, "Let Sam run the planning", outcome)


def test_a_commitment_card_names_behaviour_micro_action_and_sentence():
    card = present.commitment_card(_view(), "today.commitment", EN)
    assert (card.heading, card.behaviour, card.micro, card.sentence, card.colour) == (
        "This week I try", "Empowerment", "Let someone decide without me", "Let Sam run the planning", "blue")
    assert present.commitment_card(_view(None), "today.commitment", NL).micro == "Op welke manier dan ook"
    assert present.today_heading(_view(), "2026-W49") == "today.commitment"
    assert present.today_heading(_view(), "2026-W48") == "today.commitment_next"


def test_did_you_lists_the_matching_entries_and_shows_the_suggestion_until_answered():
    question = DidYou(_view(), [MatchingEntry(date(2026, 12, 1), "shared_context", ""),
                                MatchingEntry(date(2026, 12, 3), None, "")], "partly")
    card = present.did_you_card(question, TODAY, EN)
    assert card.lines == ["Tue 1 Dec: Shared the context behind a decision", "Yesterday: no micro-action noted"]
    assert (card.answer, card.answered) == ("partly", False)
    assert card.commitment.heading == "Your commitment for 2026-W49"
    answered = present.did_you_card(DidYou(_view(outcome="no"), [], "no"), TODAY, NL)
    assert (answered.answer, answered.answered, answered.lines) == ("no", True, [])
    assert answered.nothing_logged == "Deze week niets geregistreerd voor Empowerment."


def test_the_micro_action_choices_follow_the_behaviour():
    options = present.micro_options("courage", EN)
    assert options[0].value == "" and options[0].label == "Any way of practising it"
    assert {o.value for o in options[1:]} and all(o.label for o in options)
    assert present.micro_options("", EN) == []
    assert present.behaviour_options(EN, "commit.none")[0].label == "No commitment this week"
    assert [o.value for o in present.weeks_options(NL)] == [str(n) for n in range(2, 9)]


def test_an_experiment_row_says_where_it_stands_and_whether_it_can_be_stopped():
    running = ExperimentView(3, "humility", "2026-W49", 4, "running", 2, 0.5, 3.0)
    row = present.experiment_row(running, EN)
    assert row.headline == "More Humility: week 2 of 4 (until 2026-W52)"
    assert row.detail == "So far you logged Humility 3.0 times a week, against 0.5 in the weeks before."
    assert row.can_stop
    stopped = present.experiment_row(ExperimentView(3, "humility", "2026-W49", 4, "stopped", 0, 0.5, 1.0), NL)
    assert not stopped.can_stop and "achteraf" in stopped.detail
