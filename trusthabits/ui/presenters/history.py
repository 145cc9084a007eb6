"""History's 12-month heatmap: one coloured cell per day, the month labels over its week
columns and a one-line summary for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core.behaviours import BY_KEY
from trusthabits.services.history import HeatCell
from trusthabits.ui.presenters import Translate
from trusthabits.ui.presenters.entries import day_label

# Shades by level: none, 1, 2, 3–4, 5+ entries on a day.
SHADES = ("var(--gray-a3)", "var(--{c}-6)", "var(--{c}-8)", "var(--{c}-9)", "var(--{c}-11)")


@dataclass(frozen=True)
class HeatCellRow:
    colour: str
    title: str


@dataclass(frozen=True)
class Heatmap:
    cells: list[HeatCellRow]
    months: list[str]  # one per week column: the month's name on its first week, else ""
    summary: str


def heatmap(cells: list[HeatCell], today: date, behaviour: str | None, tr: Translate) -> Heatmap:
    colour = BY_KEY[behaviour].colour if behaviour in BY_KEY else "accent"
    rows = [
        HeatCellRow(colour="transparent", title="") if cell.future else HeatCellRow(
            colour=SHADES[cell.level].format(c=colour),
            title=tr("history.cell", day=day_label(cell.day, today, tr), count=cell.count))
        for cell in cells
    ]
    mondays = [cell.day for cell in cells[::7]]
    months = [tr(f"month.short.{monday.month}") if n == 0 or monday.month != mondays[n - 1].month else ""
              for n, monday in enumerate(mondays)]
    return Heatmap(rows, months, tr("history.heat_summary", count=sum(cell.count for cell in cells)))
