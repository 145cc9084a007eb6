"""What every page that lists log entries shares: the entries as plain dicts, and the editor
(details after a tap, backdating, edit, delete).

Today and History mix in `EntryListMixin` and say, in `_refresh`, what to reload after a
change. A mixin, not a base state: Reflex binds an inherited event handler to the state class
that defines it, so a base class's handler would update the base state, not the page's. Every handler checks the session itself and passes the manager's id to the services,
which refuse entries of other managers.
"""

from __future__ import annotations

from datetime import date

import reflex as rx

from trusthabits.core.behaviours import BY_KEY
from trusthabits.core.calendar import parse_day
from trusthabits.core.errors import FieldErrors
from trusthabits.services import actions
from trusthabits.services.accounts import Profile
from trusthabits.ui.state import run_service


def day_label(day: date, today: date, tr) -> str:
    """"Today", "Yesterday", "Thu 19 Nov" or, in another year, "19 Nov 2025"."""
    if day == today:
        return tr("day.today")
    if (today - day).days == 1:
        return tr("day.yesterday")
    month = tr(f"month.short.{day.month}")
    if day.year != today.year:
        return tr("day.long", day=day.day, month=month, year=day.year)
    return tr("day.short", weekday=tr(f"weekday.short.{day.weekday()}"), day=day.day, month=month)


class EntryListMixin(rx.State, mixin=True):
    entries: list[dict[str, str]] = []
    entry_message: str = ""
    # The editor dialog: the entry being edited (0 = closed) and what the form starts with.
    edit_id: int = 0
    edit_behaviour: str = ""
    edit_title: str = ""
    edit_micro: str = ""
    edit_note: str = ""
    edit_day: str = ""
    edit_min_day: str = ""
    edit_max_day: str = ""
    edit_errors: dict[str, str] = {}
    # Bumped whenever the editor opens, so its uncontrolled fields start from the entry again.
    edit_version: int = 0
    # The entry whose delete button was tapped: its row asks "Delete / Keep" before anything goes.
    deleting_id: str = ""

    async def _refresh(self, profile: Profile) -> None:
        """Reload what the page shows after an entry changed. Pages override this."""

    def _entry_view(self, entry: actions.Entry, today: date) -> dict[str, str]:
        behaviour = BY_KEY.get(entry.behaviour)
        return {
            "id": str(entry.id),
            "behaviour": entry.behaviour,
            "name": self._tr(f"behaviour.{entry.behaviour}.name"),
            "colour": behaviour.colour if behaviour else "gray",
            "micro": self._tr(f"micro.{entry.behaviour}.{entry.micro_action}") if entry.micro_action else "",
            "note": entry.note,
            "day": entry.day.isoformat(),
            "day_label": day_label(entry.day, today, self._tr),
        }

    async def _open_editor(self, profile: Profile, entry_id: int) -> bool:
        try:
            entry = await run_service(actions.get_entry, profile.id, entry_id)
        except actions.EntryNotFound:
            self.entry_message = self._tr("error.entry_gone")
            return False
        today = await run_service(actions.manager_today, profile.id)
        self.edit_id, self.edit_behaviour = entry.id, entry.behaviour
        self.edit_title = self._tr(f"behaviour.{entry.behaviour}.name")
        self.edit_micro, self.edit_note, self.edit_day = entry.micro_action or "", entry.note, entry.day.isoformat()
        self.edit_max_day = today.isoformat()
        self.edit_min_day = min(entry.day, actions.rules.earliest_allowed_day(today)).isoformat()
        self.edit_errors = {}
        self.edit_version += 1
        return True

    @rx.event
    async def start_edit(self, entry_id: str):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await self._open_editor(profile, int(entry_id))
        except ValueError:
            self.entry_message = self._tr("error.entry_gone")

    @rx.event
    def close_editor(self, open_: bool = False):
        if not open_:
            self.edit_id, self.edit_errors = 0, {}

    @rx.event
    async def save_edit(self, form: dict):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        note = form.get("note", "")
        # What was typed stays in the form when it is refused: the form is not remounted.
        self.edit_note = note
        try:
            await run_service(
                actions.update_entry,
                profile.id,
                self.edit_id,
                micro_action=form.get("micro_action") or None,
                note=note,
                day=parse_day(form.get("day", "")),
            )
        except FieldErrors as invalid:
            self.edit_errors = {name: self._tr(key) for name, key in invalid.errors.items()}
            return
        except actions.EntryNotFound:
            self.edit_id, self.entry_message = 0, self._tr("error.entry_gone")
            return
        self.edit_id, self.edit_errors = 0, {}
        self.entry_message = self._tr("log.saved")
        await self._refresh(profile)

    @rx.event
    def ask_delete(self, entry_id: str):
        self.deleting_id = str(entry_id)

    @rx.event
    def keep_entry(self):
        self.deleting_id = ""

    @rx.event
    async def delete_entry(self, entry_id: str):
        self.deleting_id = ""
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            deleted = await run_service(actions.delete_entry, profile.id, int(entry_id))
        except (ValueError, actions.EntryNotFound):
            self.entry_message = self._tr("error.entry_gone")
        else:
            self.entry_message = self._tr("log.deleted", name=self._tr(f"behaviour.{deleted.behaviour}.name"))
        self.edit_id = 0
        await self._refresh(profile)
