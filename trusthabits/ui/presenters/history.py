"""History's 12-month heatmap: one coloured cell per day, the month labels over its week
columns and a one-line summary for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core.behaviours import BY_KEY
from trusthabits.services.history import HeatCell
from trusthabits.ui.presenters import Translate
from trusthabits.ui.presenters.entries import day_label
from trusthabits.ui.theme import ACCENT

FUTURE = -1  # a day still to come this week: drawn empty


@dataclass(frozen=True)
class HeatCellRow:
    level: int  # 0 (none) … 4 (most), shaded by the `heat-cell` rules in assets/theme.css; FUTURE
    title: str


@dataclass(frozen=True)
class Heatmap:
    colour: str  # the colour scale of the behaviour shown (the accent for all of them)
    cells: list[HeatCellRow]
    months: list[str]  # one per week column: the month's name on its first week, else ""
    summary: str


def heatmap(cells: list[HeatCell], today: date, behaviour: str | None, tr: Translate) -> Heatmap:
    colour = BY_KEY[behaviour].colour if behaviour in BY_KEY else ACCENT
    rows = [
        HeatCellRow(FUTURE, "") if cell.future else HeatCellRow(
            cell.level, tr("history.cell", day=day_label(cell.day, today, tr), count=cell.count))
        for cell in cells
    ]
    mondays = [cell.day for cell in cells[::7]]
    months = [tr(f"month.short.{monday.month}") if n == 0 or monday.month != mondays[n - 1].month else ""
              for n, monday in enumerate(mondays)]
    return Heatmap(colour, rows, months, tr("history.heat_summary", count=sum(cell.count for cell in cells)))
