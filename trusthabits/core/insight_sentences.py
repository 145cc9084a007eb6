"""Insight in words: which sentences the app may say about a team's figures.

Builds on `core.correlation` (the statistics) and decides what is said: per behaviour only its
strongest reportable lag, always with n, "exploratory" below CONFIDENT_PAIRED_WEEKS; which
need moved most with trust; and, while too few weeks have at least k answers, what the page is
waiting for. Also the sentences about a personal experiment (`core.experiments`: difference, n,
and how easily chance gives it) and about logged vs seen (`core.logged_vs_seen`), both always
exploratory. The words are catalogue keys "insight.*" (core/i18n/trends.py and
core/i18n/reflection_loop.py), written never to imply cause; tests check every sentence this
module can build, in both languages, against a list of causal words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from trusthabits.core import correlation, experiments, logged_vs_seen
from trusthabits.core.i18n import translate
from trusthabits.core.instrument import TRUST


@dataclass(frozen=True)
class Sentence:
    key: str
    values: dict[str, object] = field(default_factory=dict)
    exploratory: bool = False

    def text(self, language: str) -> str:
        values = {k: translate(str(v), language) if k in _TRANSLATED else v for k, v in self.values.items()}
        sentence = translate(self.key, language, **values)
        return translate("insight.exploratory", language, sentence=sentence) if self.exploratory else sentence


# Values that are themselves catalogue keys (a behaviour's name, a need, a lag, a construct).
_TRANSLATED = {"behaviour", "need", "when", "construct"}


def _r(value: float | None) -> str:
    """r with its sign; a reportable correlation always has one (None only where it does not vary)."""
    return "–" if value is None else f"{value:+.2f}"


def _behaviour_sentence(best: correlation.Correlation) -> Sentence:
    values = {"behaviour": f"behaviour.{best.subject}.name", "when": f"insight.lag_{best.lag_weeks}",
              "r": _r(best.r), "n": best.n}
    key = "insight.no_clear_link" if best.strength == "none" else f"insight.{best.direction}_{best.strength}"
    return Sentence(key, values, best.exploratory)


def behaviour_sentences(
    correlations: Mapping[str, Sequence[correlation.Correlation]],
) -> dict[str, Sentence | None]:
    """Per behaviour (from `correlation.behaviour_correlations`): one sentence about its strongest
    reportable lag, or None while the data is too thin."""
    return {behaviour: (_behaviour_sentence(best) if (best := correlation.strongest(list(found))) else None)
            for behaviour, found in correlations.items()}


def need_sentence(
    weeks: Sequence[str], trust: Mapping[str, float | None], needs: Mapping[str, Mapping[str, float | None]]
) -> Sentence | None:
    best = correlation.need_that_moved_most(weeks, trust, needs)
    if best is None:
        return None
    return Sentence("insight.need_most", {"need": f"results.need_{best.subject}", "r": _r(best.r), "n": best.n},
                    best.exploratory)


def waiting_sentence(weeks: Sequence[str], trust: Mapping[str, float | None], k: int) -> Sentence | None:
    """What the page waits for, counted in weeks whose trust passed the threshold k (None once
    at least MIN_PAIRED_WEEKS such weeks exist)."""
    shown = sum(1 for week in weeks if trust.get(week) is not None)
    missing = max(0, correlation.MIN_PAIRED_WEEKS - shown)
    if not missing:
        return None
    return Sentence("insight.waiting", {"weeks": missing, "k": k})


def lag_cells(correlations: Sequence[correlation.Correlation]) -> list[Sentence]:
    """For the per-behaviour detail: each lag's r with n, or only n when not reportable."""
    return [
        Sentence("insight.cell", {"when": f"insight.lag_{c.lag_weeks}", "r": _r(c.r), "n": c.n})
        if c.reportable else Sentence("insight.cell_thin", {"when": f"insight.lag_{c.lag_weeks}", "n": c.n})
        for c in correlations
    ]


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
