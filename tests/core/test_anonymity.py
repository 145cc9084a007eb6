"""The anonymity rule (core/anonymity.py) without a database: fixed blocks from an epoch week,
period changes from the next block, completeness, and which figures one block may show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.anonymity_check import assert_no_group_below, smallest_group
from trusthabits.core import anonymity
from trusthabits.core.anonymity import Answer, PeriodChange, Span
from trusthabits.core.calendar import shift_week
from trusthabits.core.instrument import CURRENT, V1


def _answers(week: str, value: int = 4, version=CURRENT) -> dict[str, int]:
    return {item.key: value for item in version.items_for_week(week)}


def test_blocks_count_from_the_epoch_week_whatever_the_data():
    assert anonymity.week_index("2000-W01") == 0 and anonymity.week_at(0) == "2000-W01"
    changes = [PeriodChange("2026-W01", 4)]
    first = anonymity.block_of("2026-W03", changes)
    assert anonymity.week_index(first.start) % 4 == 0
    assert len(first.weeks) == 4 and "2026-W03" in first.weeks
    # The same week gives the same block however the range around it is asked for.
    spans = [anonymity.blocks_between(shift_week("2026-W03", -n), "2026-W20", changes) for n in range(6)]
    assert all(first in found for found in spans)
    # Blocks tile the weeks: no gap, no overlap.
    found = anonymity.blocks_between("2026-W01", "2026-W30", changes)
    weeks = [w for span in found for w in span.weeks]
    assert len(weeks) == len(set(weeks)) and weeks == sorted(weeks)


@pytest.mark.parametrize(("old", "new"), [(1, 2), (1, 4), (2, 4), (4, 1), (4, 2), (2, 1)])
def test_a_change_applies_from_a_boundary_of_both_periods_after_the_current_block(old, new):
    for offset in range(8):
        current = anonymity.week_at(1400 + offset)
        start = anonymity.change_start(old, new, current)
        index = anonymity.week_index(start)
        current_block_end = (1400 + offset) // old * old + old
        assert index >= current_block_end and index % old == 0 and index % new == 0
        # The blocks before the change are untouched: same as with no change at all.
        before = anonymity.blocks_between(anonymity.week_at(1392), current, [PeriodChange(anonymity.week_at(0), old)])
        after = anonymity.blocks_between(anonymity.week_at(1392), current,
                                         [PeriodChange(anonymity.week_at(0), old), PeriodChange(start, new)])
        assert before == after


def test_period_validation():
    assert [anonymity.period_error(v) for v in (1, "2", " 4 ")] == [None, None, None]
    assert {anonymity.period_error(v) for v in (0, 3, 5, "x", "", None, 8)} == {"error.period_invalid"}


def test_a_block_is_complete_only_when_no_answer_can_still_join_it():
    span = Span(("2026-W10", "2026-W11"))
    assert not anonymity.block_complete(span, "2026-W10", {"2026-W10": True})
    assert not anonymity.block_complete(span, "2026-W11", {"2026-W10": True})  # W11 may still get a round
    assert not anonymity.block_complete(span, "2026-W11", {"2026-W10": True, "2026-W11": False})
    assert anonymity.block_complete(span, "2026-W11", {"2026-W10": True, "2026-W11": True})
    assert anonymity.block_complete(span, "2026-W12", {"2026-W10": True})
    # Early on Monday in Europe the rule's week (UTC-12) is still the last one: a closed one-week
    # round shows (nothing else can join it); a two-week block waits until its first week is over
    # everywhere.
    assert anonymity.block_complete(Span(("2026-W11",)), "2026-W10", {"2026-W11": True})
    assert not anonymity.block_complete(span, "2026-W10", {"2026-W10": True, "2026-W11": True})
    assert not anonymity.block_complete(span, "2026-W30", {"2026-W10": True, "2026-W11": False})



def test_the_rules_clock_ignores_the_teams_time_zone():
    # 2026-W10 ends on Monday 9 March 00:00 at UTC-12, i.e. 12:00 UTC: not before.
    over = anonymity.week_over_everywhere("2026-W10")
    assert over == datetime(2026, 3, 9, 12, tzinfo=UTC)
    assert anonymity.rule_week(over - timedelta(seconds=1)) == "2026-W10"
    assert anonymity.rule_week(over) == "2026-W11"
    # Opened on Sunday evening or even Monday morning in Europe: it still counts; after that never.
    assert anonymity.counts("2026-W10", datetime(2026, 3, 9, 1, tzinfo=UTC))
    assert not anonymity.counts("2026-W10", over)
    assert not anonymity.counts("2026-W10", datetime(2026, 3, 10, 9, tzinfo=UTC))


def test_nothing_below_k_and_whole_block_figures_at_k():
    week = "2026-W10"
    two = anonymity.block_figures([Answer(week, 2, _answers(week))] * 2, 3)
    assert (two.n, two.trust, two.needs, two.items, two.seen) == (2, None, {}, {}, {})
    three = anonymity.block_figures([Answer(week, 2, _answers(week, v)) for v in (1, 4, 4)], 3)
    assert three.trust is not None and three.trust.n == 3 and set(three.needs) == {"autonomy", "relatedness",
                                                                                     "competence"}
    assert all(f.n == 3 for f in [*three.needs.values(), *three.items.values(), *three.seen.values()])
    assert len(three.seen) == 1  # the one behaviour asked that week


def test_weeks_of_a_pooled_block_are_not_shown_alone():
    # A 2-week block: 2 answers in one week, 3 in the other. The block shows (n=5) but nothing
    # asked in only one of its weeks (a rotating item, the week's "seen by the team" item).
    a, b = "2026-W10", "2026-W11"
    block = [Answer(a, 2, _answers(a, 2))] * 2 + [Answer(b, 2, _answers(b, 5))] * 3
    figures = anonymity.block_figures(block, 3)
    assert figures.trust is not None and figures.trust.n == 5
    assert all(f.n == 5 for f in [*figures.needs.values(), *figures.items.values(), *figures.seen.values()])
    assert figures.seen == {}
    # With k people in each week the per-week items may show: every atom is still >= k.
    even = [Answer(a, 2, _answers(a, 2))] * 3 + [Answer(b, 2, _answers(b, 5))] * 3
    shown = anonymity.block_figures(even, 3)
    assert len(shown.seen) == 2 and {f.n for f in shown.seen.values()} == {3}


def test_released_figures_never_isolate_a_small_group():
    # Three weeks pooled (as after a change to 4 weeks), with instruments 1 and 2 mixed: the
    # "seen" item exists only in version 2's answers.
    a, b, c = "2026-W09", "2026-W10", "2026-W11"
    block = ([Answer(a, 1, _answers(a, 3, V1))] * 3 + [Answer(b, 2, _answers(b, 4))] * 4
             + [Answer(c, 2, _answers(c, 5))] * 2)
    for k in (3, 4, 5):
        released = anonymity.released(block, k)
        assert_no_group_below([c.members for c in released], k)


def test_the_check_catches_a_leaky_pair_of_figures():
    # The attack from issue 10: the mean of 3 answers, then the mean of the same 3 plus a fourth.
    first_three, all_four = frozenset({1, 2, 3}), frozenset({1, 2, 3, 4})
    assert smallest_group([first_three, all_four]) == 1
    with pytest.raises(AssertionError):
        assert_no_group_below([first_three, all_four], 3)
    # And the rule itself refuses to release a part of a block that would leave a small atom.
    week, other = "2026-W10", "2026-W11"
    block = [Answer(week, 2, _answers(week))] * 3 + [Answer(other, 2, _answers(other))]
    assert all(len(c.members) == 4 for c in anonymity.released(block, 3))
