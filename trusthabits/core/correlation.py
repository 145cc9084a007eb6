"""Honest, exploratory insight: which behaviours moved together with the team's trust.

Inputs are weekly series keyed by ISO week ("2026-W48"). A behaviour's weekly count is paired
with trust in the same week and one and two weeks later; weeks without a trust value (below the
anonymity threshold, or no round) are left out, never treated as zero. A correlation is
reported only with at least MIN_PAIRED_WEEKS pairs, always with its n, and labelled exploratory
below CONFIDENT_PAIRED_WEEKS. Nothing here claims causation; the wording lives in the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_PAIRED_WEEKS = 8
CONFIDENT_PAIRED_WEEKS = 12
LAGS = (0, 1, 2)


@dataclass(frozen=True)
class Correlation:
    subject: str  # a behaviour key or a need
    lag_weeks: int
    r: float | None  # None when either series does not vary
    n: int

    @property
    def reportable(self) -> bool:
        return self.r is not None and self.n >= MIN_PAIRED_WEEKS

    @property
    def exploratory(self) -> bool:
        return self.n < CONFIDENT_PAIRED_WEEKS

    @property
    def strength(self) -> str:
        """"none", "weak", "moderate" or "strong" — for wording, by the usual rules of thumb."""
        size = abs(self.r or 0.0)
        return "none" if size < 0.1 else "weak" if size < 0.3 else "moderate" if size < 0.5 else "strong"

    @property
    def direction(self) -> str:
        return "together" if (self.r or 0.0) >= 0 else "opposite"


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) != len(ys):
        raise ValueError("series must have the same length")
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx, syy = sum(d * d for d in dx), sum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)


def lagged_pairs(
    weeks: Sequence[str],
    counts: Mapping[str, int],
    trust: Mapping[str, float | None],
    lag: int,
) -> list[tuple[float, float]]:
    """(count in week i, trust in week i+lag) for every week where that trust value exists.

    `weeks` is the ordered, gap-free list of weeks the manager was active in; a week with no
    logged action counts 0 (it happened, nothing was logged), a week with no trust is skipped.
    """
    pairs = []
    for i, week in enumerate(weeks):
        if i + lag >= len(weeks):
            break
        value = trust.get(weeks[i + lag])
        if value is not None:
            pairs.append((float(counts.get(week, 0)), float(value)))
    return pairs


def correlate(subject: str, pairs: list[tuple[float, float]], lag: int) -> Correlation:
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    return Correlation(subject, lag, pearson(xs, ys), len(pairs))


def behaviour_correlations(
    weeks: Sequence[str],
    counts_by_behaviour: Mapping[str, Mapping[str, int]],
    trust: Mapping[str, float | None],
) -> dict[str, list[Correlation]]:
    """Per behaviour, its correlation with trust at each lag in LAGS."""
    return {
        behaviour: [correlate(behaviour, lagged_pairs(weeks, counts, trust, lag), lag) for lag in LAGS]
        for behaviour, counts in counts_by_behaviour.items()
    }


def strongest(correlations: list[Correlation]) -> Correlation | None:
    """The reportable correlation with the largest size, or None while data is too thin."""
    reportable = [c for c in correlations if c.reportable]
    return max(reportable, key=lambda c: abs(c.r or 0.0), default=None)


def need_that_moved_most(
    weeks: Sequence[str],
    trust: Mapping[str, float | None],
    needs: Mapping[str, Mapping[str, float | None]],
) -> Correlation | None:
    """Which basic need's weekly mean moved most with trust in the same week."""
    found = []
    for need, series in needs.items():
        pairs = [
            (need_mean, trust_mean)
            for w in weeks
            if (need_mean := series.get(w)) is not None and (trust_mean := trust.get(w)) is not None
        ]
        found.append(correlate(need, pairs, 0))
    return strongest(found)


def weeks_still_needed(correlations: list[Correlation]) -> int:
    """How many more paired weeks before anything can be said (0 when something can)."""
    best_n = max((c.n for c in correlations), default=0)
    return max(0, MIN_PAIRED_WEEKS - best_n)
