"""Insight in words: which sentences the app may say about a team's figures.

Builds on `core.correlation` (the statistics) and decides what is said: per behaviour only its
strongest reportable lag, always with n, "exploratory" below CONFIDENT_PAIRED_WEEKS; which
need moved most with trust; and, while too few weeks have at least k answers, what the page is
waiting for. Also the sentences about a personal experiment (`core.experiments`: difference, n,
and how easily chance gives it) and about logged vs seen (`core.logged_vs_seen`), both always
exploratory. The words are catalogue keys "insight.*" (core/i18n/trends.py and
core/i18n/reflection_loop.py), written never to imply cause; tests check every sentence this
module can build, in both languages, against a list of causal words.

The statistics count points of a series: one per reporting block (core.anonymity). While every
point is one ISO week the sentences speak of weeks; once any point spans more (a team on 2- or
4-week blocks, or one that changed to them) the same sentences count and name blocks (`unit_of`;
a Sentence carries its unit, which fills {unit} and picks the lag words), so n and the lags say
what they count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from trusthabits.core import correlation, experiments, logged_vs_seen
from trusthabits.core.i18n import translate
from trusthabits.core.instrument import TRUST

# What one point of a series is called: a week, or a reporting block of one or more weeks.
Unit = Literal["week", "block"]
_UNIT_WORDS: dict[Unit, str] = {"week": "insight.unit_weeks", "block": "insight.unit_blocks"}
_LAG_KEYS: dict[Unit, str] = {"week": "insight.lag_{lag}", "block": "insight.block_lag_{lag}"}
_CAVEATS: dict[Unit, str] = {"week": "insight.caveat", "block": "insight.caveat_blocks"}


@dataclass(frozen=True)
class Sentence:
    key: str
    values: dict[str, object] = field(default_factory=dict)
    exploratory: bool = False
    unit: Unit = "week"  # what {unit} in the text says: "weeks" or "blocks"

    def text(self, language: str) -> str:
        values = {k: translate(str(v), language) if k in _TRANSLATED else v for k, v in self.values.items()}
        sentence = translate(self.key, language, **values, unit=translate(_UNIT_WORDS[self.unit], language))
        return translate("insight.exploratory", language, sentence=sentence) if self.exploratory else sentence


# Values that are themselves catalogue keys (a behaviour's name, a need, a lag, a construct).
_TRANSLATED = {"behaviour", "need", "when", "construct"}


def unit_of(weeks_per_point: Iterable[int]) -> Unit:
    """"week" while every point of a series is one ISO week, else "block" (the whole series, so
    one list of sentences never mixes the two words)."""
    return "block" if any(weeks > 1 for weeks in weeks_per_point) else "week"


def _when(lag: int, unit: Unit) -> str:
    return _LAG_KEYS[unit].format(lag=lag)


def _r(value: float | None) -> str:
    """r with its sign; a reportable correlation always has one (None only where it does not vary)."""
    return "–" if value is None else f"{value:+.2f}"


def _behaviour_sentence(best: correlation.Correlation, unit: Unit) -> Sentence:
    values = {"behaviour": f"behaviour.{best.subject}.name", "when": _when(best.lag_weeks, unit),
              "r": _r(best.r), "n": best.n}
    key = "insight.no_clear_link" if best.strength == "none" else f"insight.{best.direction}_{best.strength}"
    return Sentence(key, values, best.exploratory, unit)


def behaviour_sentences(
    correlations: Mapping[str, Sequence[correlation.Correlation]], unit: Unit = "week",
) -> dict[str, Sentence | None]:
    """Per behaviour (from `correlation.behaviour_correlations`): one sentence about its strongest
    reportable lag, or None while the data is too thin."""
    return {behaviour: (_behaviour_sentence(best, unit) if (best := correlation.strongest(list(found))) else None)
            for behaviour, found in correlations.items()}


def need_sentence(
    weeks: Sequence[str], trust: Mapping[str, float | None], needs: Mapping[str, Mapping[str, float | None]],
    unit: Unit = "week",
) -> Sentence | None:
    best = correlation.need_that_moved_most(weeks, trust, needs)
    if best is None:
        return None
    return Sentence("insight.need_most", {"need": f"results.need_{best.subject}", "r": _r(best.r), "n": best.n},
                    best.exploratory, unit)


def waiting_sentence(weeks: Sequence[str], trust: Mapping[str, float | None], k: int,
                     unit: Unit = "week") -> Sentence | None:
    """What the page waits for, counted in points (weeks or blocks) whose trust passed the
    threshold k (None once at least MIN_PAIRED_WEEKS such points exist)."""
    shown = sum(1 for week in weeks if trust.get(week) is not None)
    missing = max(0, correlation.MIN_PAIRED_WEEKS - shown)
    if not missing:
        return None
    return Sentence("insight.waiting", {"weeks": missing, "k": k}, unit=unit)


def lag_cells(correlations: Sequence[correlation.Correlation], unit: Unit = "week") -> list[Sentence]:
    """For the per-behaviour detail: each lag's r with n, or only n when not reportable."""
    return [
        Sentence("insight.cell", {"when": _when(c.lag_weeks, unit), "r": _r(c.r), "n": c.n}, unit=unit)
        if c.reportable else Sentence("insight.cell_thin", {"when": _when(c.lag_weeks, unit), "n": c.n}, unit=unit)
        for c in correlations
    ]


def none_yet_sentence(unit: Unit = "week") -> Sentence:
    """Said when no behaviour has a sentence and nothing is awaited any more."""
    return Sentence("insight.none_yet", unit=unit)


def basis_sentence(points: int, unit: Unit = "week") -> Sentence:
    """What the insight is over: every point of the history, whatever window the chart shows."""
    return Sentence("insight.based_on", {"weeks": points}, unit=unit)


def caveat_key(unit: Unit = "week") -> str:
    """The caveat under the insight, a fixed text per unit (the page draws it in both languages
    before any data arrives, so it takes no values)."""
    return _CAVEATS[unit]


# --- personal experiments --------------------------------------------------------------------


def construct_key(construct: str) -> str:
    """The catalogue key naming a figure: the trust index or one of the needs."""
    return "results.trust_index" if construct == TRUST else f"results.need_{construct}"


def _p(value: float) -> str:
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def experiment_sentence(comparison: experiments.Comparison) -> Sentence:
    """Before vs during for one figure, with the difference, n per side and, in plain words,
    how easily chance alone gives a difference this size. Always exploratory."""
    values: dict[str, object] = {"construct": construct_key(comparison.construct),
                                 "n_before": len(comparison.before), "n_during": len(comparison.during)}
    result = comparison.result
    if result is None:
        return Sentence("insight.experiment_thin", {**values, "minimum": experiments.MIN_VALUES_PER_SIDE},
                        exploratory=True)
    values.update(before=f"{sum(comparison.before) / len(comparison.before):.2f}",
                  during=f"{sum(comparison.during) / len(comparison.during):.2f}",
                  difference=f"{result.difference:+.2f}", p=_p(result.p_value))
    return Sentence(f"insight.experiment_{result.chance}", values, exploratory=True)


# --- logged by you, seen by the team ----------------------------------------------------------


def seen_sentence(found: logged_vs_seen.Gap) -> Sentence | None:
    """A sentence where the manager's log and the team's answers differ, else None."""
    if found.kind is None:
        return None
    return Sentence(f"insight.seen_{found.kind}",
                    {"behaviour": f"behaviour.{found.behaviour}.name", "logged": f"{found.logged_per_week:.1f}",
                     "seen": f"{found.seen:.1f}", "n": found.n}, exploratory=True)


def seen_sentences(found: Sequence[logged_vs_seen.Gap], k: int) -> list[Sentence]:
    """The differences worth a look; or that none stands out; or what the page waits for."""
    if not found:
        return [Sentence("insight.seen_waiting", {"k": k})]
    differing = [s for g in found if (s := seen_sentence(g))]
    return differing or [Sentence("insight.seen_alike", {"n": sum(g.n for g in found)}, exploratory=True)]
