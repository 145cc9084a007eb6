"""Personal experiments: "for the next N weeks: more <behaviour>", and the honest comparison once
it has ended.

The windows are fixed when the experiment is declared: it starts the week after (never in the
past, so nobody picks a window after seeing the figures), runs N whole ISO weeks (2–8), and is
compared with the N weeks right before it. Only figures the anonymity rule released count, and
only whole released answer sets (`Period`s): a pooled block that straddles a window edge is left
out rather than cut, so a window can never carve a smaller group out of a released set.

The comparison is a two-sided permutation test on the difference of means (during − before):
every way of splitting the pooled values into groups of the same sizes is equally likely if the
experiment made no difference, and the p-value is the share of those splits whose difference is
at least as large as the one seen. With at most 8 + 8 values there are at most C(16, 8) = 12,870
splits, so the app always enumerates them exactly; beyond EXACT_LIMIT splits it draws
MONTE_CARLO_PERMUTATIONS random ones from a seeded generator (p = (hits + 1) / (draws + 1)).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from trusthabits.core.calendar import shift_week

MIN_WEEKS = 2
MAX_WEEKS = 8
DEFAULT_WEEKS = 4
# Fewer values than this on either side and nothing is compared (one value a side gives p = 1).
MIN_VALUES_PER_SIDE = 2
EXACT_LIMIT = 20_000
MONTE_CARLO_PERMUTATIONS = 10_000
# Wording bands for the p-value: below RARELY "would rarely come from chance alone", below
# POSSIBLY "could be chance", else "could easily be chance". Always called exploratory.
RARELY = 0.05
POSSIBLY = 0.20
_TIE = 1e-9  # differences this close count as equal (floating-point sums)

NOT_STARTED, RUNNING, WAITING, ENDED = "not_started", "running", "waiting", "ended"


def weeks_error(weeks: object) -> str | None:
    try:
        value = int(str(weeks).strip())
    except ValueError:
        return "error.experiment_weeks"
    return None if MIN_WEEKS <= value <= MAX_WEEKS else "error.experiment_weeks"


@dataclass(frozen=True)
class Windows:
    during: tuple[str, ...]
    before: tuple[str, ...]

    @property
    def last(self) -> str:
        return self.during[-1]


def windows(start_week: str, weeks: int) -> Windows:
    """The experiment's weeks and the same number of weeks right before them."""
    return Windows(
        during=tuple(shift_week(start_week, offset) for offset in range(weeks)),
        before=tuple(shift_week(start_week, offset) for offset in range(-weeks, 0)),
    )


def status(start_week: str, weeks: int, current_week: str) -> str:
    """Where an experiment stands in the manager's current week ("YYYY-Www" keys sort by date)."""
    span = windows(start_week, weeks)
    if current_week < start_week:
        return NOT_STARTED
    if current_week <= span.last:
        return RUNNING
    return ENDED


def week_number(start_week: str, current_week: str) -> int:
    """1 for the experiment's first week, 2 for the next, …"""
    number, week = 1, start_week
    while week < current_week:
        week, number = shift_week(week, 1), number + 1
    return number


@dataclass(frozen=True)
class Period:
    """One released answer set's figure: the weeks it covers and its value (None: not shown)."""

    weeks: tuple[str, ...]
    value: float | None


def values_within(periods: Sequence[Period], window: Sequence[str]) -> list[float]:
    """The values of the periods that lie wholly inside `window`; a period that only partly
    overlaps it is left out, never cut (see the module docstring)."""
    inside = set(window)
    return [p.value for p in periods if p.value is not None and p.weeks and set(p.weeks) <= inside]


@dataclass(frozen=True)
class PermutationResult:
    difference: float  # mean(during) − mean(before)
    n_before: int
    n_during: int
    p_value: float
    exact: bool
    permutations: int  # splits enumerated (exact) or drawn (Monte Carlo)

    @property
    def chance(self) -> str:
        """"rarely", "possibly" or "easily": how easily chance alone gives a difference this size."""
        return "rarely" if self.p_value < RARELY else "possibly" if self.p_value < POSSIBLY else "easily"


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def permutation_test(before: Sequence[float], during: Sequence[float], *, seed: int | None = None,
                     permutations: int = MONTE_CARLO_PERMUTATIONS) -> PermutationResult:
    """Two-sided permutation test of mean(during) − mean(before). Exact when the number of
    splits is at most EXACT_LIMIT, else `permutations` random splits from Random(seed)."""
    if not before or not during:
        raise ValueError("both groups need at least one value")
    pooled = [float(v) for v in (*before, *during)]
    n, n_during = len(pooled), len(during)
    total = sum(pooled)
    observed = _mean(during) - _mean(before)

    def difference(during_sum: float) -> float:
        return during_sum / n_during - (total - during_sum) / (n - n_during)

    threshold = abs(observed) - _TIE
    splits = math.comb(n, n_during)
    if splits <= EXACT_LIMIT:
        hits = sum(1 for chosen in itertools.combinations(pooled, n_during)
                   if abs(difference(sum(chosen))) >= threshold)
        return PermutationResult(observed, len(before), n_during, hits / splits, True, splits)
    rng = random.Random(seed)
    hits = sum(1 for _ in range(permutations) if abs(difference(sum(rng.sample(pooled, n_during)))) >= threshold)
    return PermutationResult(observed, len(before), n_during, (hits + 1) / (permutations + 1), False, permutations)


@dataclass(frozen=True)
class Comparison:
    construct: str  # "trust" or a need
    before: tuple[float, ...]
    during: tuple[float, ...]
    result: PermutationResult | None  # None: too few released periods on a side

    @property
    def missing(self) -> int:
        """How many more released periods the thinner side would need."""
        return max(0, MIN_VALUES_PER_SIDE - min(len(self.before), len(self.during)))


def compare(construct: str, periods: Sequence[Period], span: Windows, *, seed: int | None = None) -> Comparison:
    before, during = values_within(periods, span.before), values_within(periods, span.during)
    enough = len(before) >= MIN_VALUES_PER_SIDE and len(during) >= MIN_VALUES_PER_SIDE
    result = permutation_test(before, during, seed=seed) if enough else None
    return Comparison(construct, tuple(before), tuple(during), result)
