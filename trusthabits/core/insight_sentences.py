"""Insight in words: which sentences the Trends page may say about a team's weekly series.

Builds on `core.correlation` (the statistics) and decides what is said: per behaviour only its
strongest reportable lag, always with n, "exploratory" below CONFIDENT_PAIRED_WEEKS; which
need moved most with trust; and, while too few weeks have at least k answers, what the page is
waiting for. The words are catalogue keys (core/i18n/trends.py), written never to imply cause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from trusthabits.core import correlation
from trusthabits.core.i18n import translate


@dataclass(frozen=True)
class Sentence:
    key: str
    values: dict[str, object] = field(default_factory=dict)
    exploratory: bool = False

    def text(self, language: str) -> str:
        values = {k: translate(str(v), language) if k in _TRANSLATED else v for k, v in self.values.items()}
        sentence = translate(self.key, language, **values)
        return translate("insight.exploratory", language, sentence=sentence) if self.exploratory else sentence


# Values that are themselves catalogue keys (a behaviour's name, a need, a lag).
_TRANSLATED = {"behaviour", "need", "when"}


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
