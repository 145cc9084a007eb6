"""Insight on synthetic series with known answers."""

from __future__ import annotations

import math
import random

import pytest

from trusthabits.core.calendar import shift_week
from trusthabits.core.correlation import (
    MIN_PAIRED_WEEKS,
    behaviour_correlations,
    lagged_pairs,
    need_that_moved_most,
    pearson,
    strongest,
    weeks_still_needed,
)

WEEKS = [shift_week("2026-W01", i) for i in range(20)]


def test_pearson_known_values():
    assert pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4], [8, 6, 4, 2]) == pytest.approx(-1.0)
    assert pearson([1, 2, 3, 4], [1, -1, -1, 1]) == pytest.approx(0.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None  # no variation, no correlation
    assert pearson([1], [2]) is None


def test_a_behaviour_that_moves_trust_the_same_week_is_found_at_lag_0():
    counts = {w: (i % 4) for i, w in enumerate(WEEKS)}
    trust = {w: 3.0 + 0.4 * c for w, c in counts.items()}
    result = behaviour_correlations(WEEKS, {"courage": counts}, trust)["courage"]
    same_week = result[0]
    assert (same_week.lag_weeks, same_week.n) == (0, 20)
    assert same_week.r == pytest.approx(1.0)
    assert same_week.reportable and not same_week.exploratory
    assert same_week.strength == "strong" and same_week.direction == "together"


def test_a_behaviour_whose_effect_shows_a_week_later_is_found_at_lag_1():
    rng = random.Random(7)
    counts = {w: rng.randint(0, 5) for w in WEEKS}
    trust = {WEEKS[i + 1]: 2.5 + 0.3 * counts[WEEKS[i]] for i in range(len(WEEKS) - 1)}
    trust[WEEKS[0]] = 3.0
    lag0, lag1, lag2 = behaviour_correlations(WEEKS, {"humility": counts}, trust)["humility"]
    assert lag1.r == pytest.approx(1.0)
    assert lag1.n == 19
    assert abs(lag0.r) < 0.6 and abs(lag2.r) < 0.6
    assert strongest([lag0, lag1, lag2]) is lag1


def test_unrelated_series_give_no_clear_correlation():
    counts = {w: [0, 1, 2, 3][i % 4] for i, w in enumerate(WEEKS)}
    # A pattern orthogonal to the counts: exactly zero correlation.
    trust = {w: [3.0, 4.0, 4.0, 3.0][i % 4] for i, w in enumerate(WEEKS)}
    same_week = behaviour_correlations(WEEKS, {"stewardship": counts}, trust)["stewardship"][0]
    assert same_week.r == pytest.approx(0.0, abs=1e-12)
    assert same_week.strength == "none"


def test_weeks_below_k_are_left_out_not_counted_as_zero():
    counts = {w: i % 3 for i, w in enumerate(WEEKS[:10])}
    trust = {w: 3.0 + c for w, c in counts.items()}
    trust[WEEKS[2]] = None  # fewer than k answers that week
    trust.pop(WEEKS[5])  # no round that week
    pairs = lagged_pairs(WEEKS[:10], counts, trust, 0)
    assert len(pairs) == 8
    assert all(y == 3.0 + x for x, y in pairs)


def test_minimum_paired_weeks_and_exploratory_label():
    counts = {w: i % 3 for i, w in enumerate(WEEKS)}
    trust = {w: 3.0 + c for w, c in counts.items()}
    seven = behaviour_correlations(WEEKS[:7], {"forgiveness": counts}, trust)["forgiveness"]
    assert not seven[0].reportable
    assert strongest(seven) is None
    assert weeks_still_needed(seven) == MIN_PAIRED_WEEKS - 7
    eight = behaviour_correlations(WEEKS[:8], {"forgiveness": counts}, trust)["forgiveness"][0]
    assert eight.reportable and eight.exploratory and eight.n == 8
    twelve = behaviour_correlations(WEEKS[:12], {"forgiveness": counts}, trust)["forgiveness"][0]
    assert twelve.reportable and not twelve.exploratory


def test_no_result_when_most_weeks_are_below_k():
    counts = {w: i % 3 for i, w in enumerate(WEEKS)}
    trust = {w: (3.0 + counts[w]) if i % 3 == 0 else None for i, w in enumerate(WEEKS)}  # 7 weeks ≥ k
    result = behaviour_correlations(WEEKS, {"empowerment": counts}, trust)["empowerment"]
    assert result[0].n == 7
    assert strongest(result) is None


def test_the_need_that_moved_most_with_trust():
    trust = {w: 3 + math.sin(i) for i, w in enumerate(WEEKS)}
    needs = {
        "autonomy": {w: 3 + 0.1 * ((i * 7) % 5) for i, w in enumerate(WEEKS)},
        "relatedness": {w: 2 + 0.9 * (t - 3) + 0.05 * (i % 2) for i, (w, t) in enumerate(trust.items())},
        "competence": {w: 4.0 for w in WEEKS},  # never varies: nothing to say about it
    }
    best = need_that_moved_most(WEEKS, trust, needs)
    assert best.subject == "relatedness"
    assert best.r > 0.9
