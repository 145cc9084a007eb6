"""Habits: per behaviour its strength, streak, this week's progress and target; the pauses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core.scoring import HabitStrength
from trusthabits.services.habits import PauseView
from trusthabits.ui.presenters import Translate
from trusthabits.ui.presenters.entries import day_label


@dataclass(frozen=True)
class Strengths:
    """Keyed by behaviour: the page lays out one row per catalogue behaviour at build time."""

    scores: dict[str, int]
    streaks: dict[str, str]
    progress: dict[str, str]
    targets: dict[str, str]  # the value of the target's select
    paused_now: bool


@dataclass(frozen=True)
class PauseRow:
    id: int
    label: str


def strengths(found: dict[str, HabitStrength], tr: Translate) -> Strengths:
    return Strengths(
        scores={key: s.score for key, s in found.items()},
        streaks={key: tr("habits.streak", weeks=s.streak) for key, s in found.items()},
        progress={key: tr("habits.this_week", count=s.this_week, target=s.target) for key, s in found.items()},
        targets={key: str(s.target) for key, s in found.items()},
        paused_now=any(s.paused_now for s in found.values()),
    )


def pause_rows(pauses: list[PauseView], today: date, tr: Translate) -> list[PauseRow]:
    return [PauseRow(p.id, tr("habits.pause_range", start=day_label(p.start, today, tr), end=day_label(p.end, today,
        tr)))
            for p in pauses]
