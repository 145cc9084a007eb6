"""Personal experiments: windows fixed in advance, whole released periods only, and a permutation
test that reports a real shift and calls noise possibly chance."""

from __future__ import annotations

import math
import random

import pytest

from trusthabits.core import experiments
from trusthabits.core.experiments import (
    Period,
    compare,
    permutation_test,
    status,
    values_within,
    weeks_error,
    windows,
)


def test_a_known_small_case_gives_the_exact_p_value():
    # Splits of {1, 2, 3, 4} into two pairs: only {3,4} vs {1,2} and its mirror reach |2|.
    result = permutation_test([1, 2], [3, 4])
    assert result.exact and result.permutations == 6
    assert result.difference == pytest.approx(2.0)
    assert result.p_value == pytest.approx(2 / 6)
    assert (result.n_before, result.n_during) == (2, 2)


def test_a_real_shift_is_reported_as_seldom_chance():
    before = [3.0, 3.1, 2.9, 3.0, 3.05, 2.95]
    during = [3.8, 3.9, 3.7, 3.85, 3.75, 3.9]
    result = permutation_test(before, during)
    # The observed split and its mirror are the only ones this extreme: 2 of C(12, 6) = 924.
    assert result.exact and result.permutations == math.comb(12, 6)
    assert result.p_value == pytest.approx(2 / 924)
    assert result.difference == pytest.approx(22.9 / 6 - 3.0)
    assert result.chance == "rarely"


def test_noise_is_called_possibly_chance():
    rng = random.Random(20261127)  # fixed seed: the same noise every run
    seen = []
    for _ in range(20):
        before = [round(rng.gauss(3.5, 0.3), 2) for _ in range(4)]
        during = [round(rng.gauss(3.5, 0.3), 2) for _ in range(4)]
        seen.append(permutation_test(before, during).chance)
    # Pure noise: most draws could easily be chance; none of these seeded ones looks "rare".
    assert "rarely" not in seen
    assert seen.count("easily") >= 12


def test_an_experiment_of_two_weeks_can_never_be_called_rare():
    # With two values a side the most extreme split still has p = 2/6: honest about tiny n.
    assert permutation_test([1.0, 1.1], [4.9, 5.0]).chance == "easily"


def test_identical_values_give_no_difference_and_p_one():
    result = permutation_test([3.0, 3.0, 3.0], [3.0, 3.0])
    assert result.difference == 0 and result.p_value == 1.0


def test_every_window_the_app_allows_is_enumerated_exactly():
    assert math.comb(2 * experiments.MAX_WEEKS, experiments.MAX_WEEKS) <= experiments.EXACT_LIMIT
    values = [float(i % 5) for i in range(16)]
    assert permutation_test(values[:8], values[8:]).exact


def test_monte_carlo_is_repeatable_with_a_seed_and_close_to_the_exact_answer(monkeypatch):
    rng = random.Random(3)
    before = [rng.gauss(3.2, 0.4) for _ in range(7)]
    during = [rng.gauss(3.6, 0.4) for _ in range(7)]
    exact = permutation_test(before, during)
    monkeypatch.setattr(experiments, "EXACT_LIMIT", 0)
    first = permutation_test(before, during, seed=11)
    again = permutation_test(before, during, seed=11)
    assert not first.exact and first.permutations == experiments.MONTE_CARLO_PERMUTATIONS
    assert first.p_value == again.p_value
    assert abs(first.p_value - exact.p_value) < 0.02


def test_windows_are_the_experiment_weeks_and_as_many_right_before():
    span = windows("2026-W02", 3)
    assert span.during == ("2026-W02", "2026-W03", "2026-W04")
    assert span.before == ("2025-W51", "2025-W52", "2026-W01")


def test_status_over_the_weeks():
    assert status("2026-W10", 4, "2026-W09") == experiments.NOT_STARTED
    assert status("2026-W10", 4, "2026-W10") == experiments.RUNNING
    assert status("2026-W10", 4, "2026-W13") == experiments.RUNNING
    assert status("2026-W10", 4, "2026-W14") == experiments.ENDED
    assert experiments.week_number("2026-W10", "2026-W12") == 3


@pytest.mark.parametrize("weeks, ok", [(2, True), (8, True), ("4", True), (1, False), (9, False), ("x", False)])
def test_weeks_must_be_two_to_eight(weeks, ok):
    assert (weeks_error(weeks) is None) is ok


def test_only_whole_released_periods_inside_a_window_count():
    periods = [
        Period(("2026-W01", "2026-W02"), 3.0),  # wholly before
        Period(("2026-W03", "2026-W04"), 3.4),  # straddles the edge: left out, never cut
        Period(("2026-W05",), 3.9),
        Period(("2026-W06",), None),  # not shown (e.g. not every response answered it)
    ]
    assert values_within(periods, ["2026-W01", "2026-W02", "2026-W03"]) == [3.0]
    assert values_within(periods, ["2026-W04", "2026-W05", "2026-W06"]) == [3.9]


def test_compare_needs_two_released_periods_a_side():
    span = windows("2026-W10", 2)
    thin = compare("trust", [Period(("2026-W08",), 3.0), Period(("2026-W10",), 3.5), Period(("2026-W11",), 3.6)], span)
    assert thin.result is None and thin.missing == 1
    weeks = ("2026-W08", "2026-W09", "2026-W10", "2026-W11")
    full = compare("trust", [Period((w,), v) for w, v in zip(weeks, (3.0, 3.1, 3.6, 3.7), strict=True)], span)
    assert full.result is not None and full.result.n_before == 2 and full.missing == 0
