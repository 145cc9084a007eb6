"""The pulse instrument and its rules: rotation, reverse scoring, validation, the k threshold
and reading pasted member emails."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trusthabits.core.anonymity import Answer, block_figures
from trusthabits.core.calendar import local_week_key as iso_week_key
from trusthabits.core.instrument import (
    CURRENT,
    NEEDS,
    TRUST,
    InvalidAnswers,
    clean_answers,
    instrument,
    seen_behaviour,
)
from trusthabits.core.pulse import k_error, parse_member_emails


def _all_answers(week: str, value: int) -> dict[str, int]:
    return {item.key: value for item in CURRENT.items_for_week(week)}


def test_every_week_asks_the_same_trust_items_and_one_item_per_need():
    weeks = [f"2026-W{n:02d}" for n in range(1, 6)]
    for week in weeks:
        items = CURRENT.items_for_week(week)
        constructs = [i.construct for i in items]
        assert constructs[:-1] == [TRUST] * len(CURRENT.trust_items) + list(NEEDS)
        assert seen_behaviour(constructs[-1]) is not None  # one "seen by the team" item
        assert 3 <= len(CURRENT.trust_items) <= 4
        assert all(set(i.text) == {"en", "nl"} and all(i.text.values()) for i in items)
    need_items = {CURRENT.items_for_week(w)[-4].key for w in weeks}
    assert len(need_items) > 1, "the autonomy item should rotate from week to week"


def test_item_keys_are_unique_within_an_instrument():
    keys = [i.key for i in CURRENT.trust_items] + [i.key for bank in CURRENT.need_banks.values() for i in bank]
    assert len(keys) == len(set(keys))
    assert instrument(CURRENT.version) is CURRENT


def test_reverse_scored_items_are_flipped():
    reverse = next(i for i in CURRENT.trust_items if i.reverse)
    forward = next(i for i in CURRENT.trust_items if not i.reverse)
    assert [reverse.score(v) for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert forward.score(4) == 4


def test_trust_index_flips_reverse_items():
    # Everyone agrees fully with everything: forward items score 5, the reverse item 1.
    week = "2026-W10"
    summary = block_figures([Answer(week, CURRENT.version, _all_answers(week, 5))] * 3, k=3)
    trust = CURRENT.trust_items
    expected = sum(5 if not i.reverse else 1 for i in trust) / len(trust)
    assert summary.trust is not None and summary.trust.value == round(expected, 2)
    for need, item in zip(NEEDS, CURRENT.items_for_week(week)[-4:-1], strict=True):
        assert summary.needs[need].value == (1 if item.reverse else 5)


def test_nothing_but_the_count_below_k():
    week = "2026-W10"
    two = block_figures([Answer(week, CURRENT.version, _all_answers(week, 4))] * 2, k=3)
    assert (two.n, two.trust, two.needs, two.items, two.seen) == (2, None, {}, {}, {})
    three = block_figures([Answer(week, CURRENT.version, _all_answers(week, 4))] * 3, k=3)
    assert three.trust is not None and three.n == 3


def test_k_is_never_below_three():
    two = block_figures([Answer("2026-W10", CURRENT.version, _all_answers("2026-W10", 4))] * 2, k=1)
    assert two.trust is None
    assert k_error(2) == "error.k_invalid"
    assert k_error("3") is None
    assert k_error("abc") == "error.k_invalid"


@pytest.mark.parametrize("bad", [None, "", "0", "6", "3.5", "x", True, [3]])
def test_answers_must_be_whole_numbers_on_the_scale(bad):
    items = CURRENT.items_for_week("2026-W10")
    raw = {item.key: "3" for item in items} | {items[0].key: bad}
    with pytest.raises(InvalidAnswers) as caught:
        clean_answers(items, raw, "")
    assert caught.value.missing == [items[0].key]


def test_clean_answers_keeps_only_the_weeks_items_and_limits_the_comment():
    items = CURRENT.items_for_week("2026-W10")
    raw = {item.key: "2" for item in items} | {"injected": "5", "team_id": "9"}
    answers, comment = clean_answers(items, raw, "  more coffee  ")
    assert answers == {item.key: 2 for item in items}
    assert comment == "more coffee"
    with pytest.raises(InvalidAnswers, match="error.pulse_comment_too_long"):
        clean_answers(items, raw, "x" * 1001)


def test_iso_week_follows_the_team_time_zone():
    sunday_late_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday in Amsterdam
    assert iso_week_key(sunday_late_utc, "UTC") == "2026-W48"
    assert iso_week_key(sunday_late_utc, "Europe/Amsterdam") == "2026-W49"
    assert iso_week_key(datetime(2027, 1, 1, 12, tzinfo=UTC), "UTC") == "2026-W53"


def test_pasted_emails_keep_the_valid_and_report_the_invalid():
    parsed = parse_member_emails(
        "Ann@Example.com, bob@example.com\nnot-an-email;\n\nann@example.com\nCees <cees@example.com>")
    assert parsed.valid == ["ann@example.com", "bob@example.com", "cees@example.com"]
    assert parsed.invalid == [("not-an-email", "error.email_invalid")]
