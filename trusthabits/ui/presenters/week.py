"""Today's "this week": per behaviour, on which days it was practised, and what is still
untouched, said in one line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.services.actions import WeekSummary
from trusthabits.ui.presenters import Translate


@dataclass(frozen=True)
class WeekGlance:
    counts: dict[str, list[int]]  # behaviour → entries on Monday … Sunday
    totals: dict[str, int]
    today_index: int  # 0 = Monday
    status: str


def week_glance(summary: WeekSummary, today: date, tr: Translate) -> WeekGlance:
    untouched = summary.untouched()
    if untouched:
        status = tr("week.untouched", names=", ".join(tr(f"behaviour.{key}.name") for key in untouched))
    else:
        status = tr("week.all_done")
    return WeekGlance(
        counts=summary.per_behaviour,
        totals={key: sum(counts) for key, counts in summary.per_behaviour.items()},
        today_index=today.weekday(),
        status=status,
    )
