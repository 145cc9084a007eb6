"""Log entries as rows (Today's latest, History's pages) and how a day is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core.behaviours import BY_KEY
from trusthabits.services.actions import Entry
from trusthabits.ui.presenters import Translate


@dataclass(frozen=True)
class EntryRow:
    id: int
    behaviour: str
    name: str
    colour: str
    micro: str
    note: str
    day: str  # ISO date, for the editor
    day_label: str


def day_label(day: date, today: date, tr: Translate) -> str:
    """"Today", "Yesterday", "Thu 19 Nov" or, in another year, "19 Nov 2025"."""
    if day == today:
        return tr("day.today")
    if (today - day).days == 1:
        return tr("day.yesterday")
    month = tr(f"month.short.{day.month}")
    if day.year != today.year:
        return tr("day.long", day=day.day, month=month, year=day.year)
    return tr("day.short", weekday=tr(f"weekday.short.{day.weekday()}"), day=day.day, month=month)


def entry_row(entry: Entry, today: date, tr: Translate) -> EntryRow:
    behaviour = BY_KEY.get(entry.behaviour)
    return EntryRow(
        id=entry.id,
        behaviour=entry.behaviour,
        name=tr(f"behaviour.{entry.behaviour}.name"),
        colour=behaviour.colour if behaviour else "gray",
        micro=tr(f"micro.{entry.behaviour}.{entry.micro_action}") if entry.micro_action else "",
        note=entry.note,
        day=entry.day.isoformat(),
        day_label=day_label(entry.day, today, tr),
    )


def entry_rows(entries: list[Entry], today: date, tr: Translate) -> list[EntryRow]:
    return [entry_row(entry, today, tr) for entry in entries]
