"""Log entries as rows (Today's latest, History's pages) and how a day is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusthabits.core.behaviours import BY_KEY
from trusthabits.core.focus import OWN_PREFIX
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


def micro_text(entry: Entry, tr: Translate, own: dict[str, str] | None = None) -> str:
    """The micro-action's text: the catalogue's in the page's language, or the manager's own
    words as typed (an own one since removed says so)."""
    if not entry.micro_action:
        return ""
    if entry.micro_action.startswith(OWN_PREFIX):
        return (own or {}).get(entry.micro_action) or tr("micro.own_removed")
    return tr(f"micro.{entry.behaviour}.{entry.micro_action}")


def entry_row(entry: Entry, today: date, tr: Translate, own: dict[str, str] | None = None) -> EntryRow:
    behaviour = BY_KEY.get(entry.behaviour)
    return EntryRow(
        id=entry.id,
        behaviour=entry.behaviour,
        name=tr(f"behaviour.{entry.behaviour}.name"),
        colour=behaviour.colour if behaviour else "gray",
        micro=micro_text(entry, tr, own),
        note=entry.note,
        day=entry.day.isoformat(),
        day_label=day_label(entry.day, today, tr),
    )


def entry_rows(entries: list[Entry], today: date, tr: Translate, own: dict[str, str] | None = None) -> list[EntryRow]:
    return [entry_row(entry, today, tr, own) for entry in entries]
