"""Reflection questions: enough per behaviour, both languages, rotating."""

from __future__ import annotations

import pytest

from trusthabits.core.calendar import shift_week
from trusthabits.core.reflection import (
    QUESTIONS,
    behaviour_in_focus,
    question_for_week,
    questions_for,
)

BEHAVIOURS = ["empowerment", "stewardship", "courage", "humility", "standing_back", "forgiveness"]


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_at_least_three_questions_per_behaviour_in_both_languages(behaviour):
    questions = questions_for(behaviour)
    assert len(questions) >= 3
    for question in questions:
        assert set(question.text) == {"en", "nl"}
        assert all(text.strip().endswith("?") for text in question.text.values())
        assert question.text["en"] != question.text["nl"]


def test_question_keys_are_unique():
    keys = [q.key for q in QUESTIONS]
    assert len(keys) == len(set(keys))


def test_questions_rotate_week_by_week():
    weeks = [shift_week("2026-W50", i) for i in range(3)]  # crosses into 2027
    asked = [question_for_week("courage", w).key for w in weeks]
    assert len(set(asked)) == 3


def test_the_least_practised_behaviour_is_in_focus():
    counts = {"empowerment": 3, "stewardship": 1, "courage": 2, "humility": 2, "standing_back": 4, "forgiveness": 1}
    focus = {behaviour_in_focus(counts, BEHAVIOURS, shift_week("2026-W01", i)) for i in range(4)}
    assert focus == {"stewardship", "forgiveness"}  # ties rotate between the two
    assert behaviour_in_focus({"courage": 0}, ["courage"], "2026-W10") == "courage"
