"""What every page that lists log entries shares: the entries as rows, and the editor (details
after a tap, backdating, edit, delete).

Today and History mix in `EntryListMixin` and say, in `_refresh`, what to reload after a
change. A mixin, not a base state: Reflex binds an inherited event handler to the state class
that defines it, so a base class's handler would update the base state, not the page's. The
services refuse entries of other managers.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.core.calendar import parse_day
from trusthabits.core.errors import FieldErrors
from trusthabits.services import actions, focus
from trusthabits.ui.events import Form, Me, public, signed_in
from trusthabits.ui.presenters.entries import EntryRow


class EntryListMixin(rx.State, mixin=True):
    entries: list[EntryRow] = []
    entry_message: str = ""
    # The editor dialog: the entry being edited (0 = closed) and what the form starts with.
    edit_id: int = 0
    edit_behaviour: str = ""
    edit_title: str = ""
    edit_micro: str = ""
    # The manager's own micro-actions for the entry's behaviour: [key, text] pairs.
    edit_own_micro: list[list[str]] = []
    edit_note: str = ""
    edit_day: str = ""
    edit_min_day: str = ""
    edit_max_day: str = ""
    edit_errors: dict[str, str] = {}
    # Bumped whenever the editor opens, so its uncontrolled fields start from the entry again.
    edit_version: int = 0
    # The entry whose delete button was tapped: its row asks "Delete / Keep" before anything goes.
    deleting_id: int = 0

    def _refresh(self, me: Me) -> None:
        """Reload what the page shows after an entry changed (in the event's thread). Pages
        override this."""

    def _open_editor(self, me: Me, entry_id: int) -> None:
        try:
            entry = me.call(actions.get_entry, me.id, entry_id)
        except actions.EntryNotFound:
            self.entry_message = self._tr("error.entry_gone")
            return
        today = me.today()
        self.edit_id, self.edit_behaviour = entry.id, entry.behaviour
        self.edit_title = self._tr(f"behaviour.{entry.behaviour}.name")
        self.edit_micro, self.edit_note, self.edit_day = entry.micro_action or "", entry.note, entry.day.isoformat()
        self.edit_own_micro = [[item.key, item.text]
                               for item in me.call(focus.own_actions, me.id).get(entry.behaviour, [])]
        self.edit_max_day = today.isoformat()
        self.edit_min_day = min(entry.day, actions.rules.earliest_allowed_day(today)).isoformat()
        self.edit_errors = {}
        self.edit_version += 1

    @signed_in
    def start_edit(self, me: Me, entry_id: int) -> None:
        self._open_editor(me, entry_id)

    @public
    def close_editor(self, open_: bool = False) -> None:
        if not open_:
            self.edit_id, self.edit_errors = 0, {}

    @signed_in
    def save_edit(self, me: Me, form: Form) -> None:
        note = form.get("note", "")
        # What was typed stays in the form when it is refused: the form is not remounted.
        self.edit_note = note
        try:
            me.call(actions.update_entry, me.id, self.edit_id, micro_action=form.get("micro_action") or None,
                    note=note, day=parse_day(form.get("day", "")))
        except FieldErrors as invalid:
            self.edit_errors = {name: self._tr(key) for name, key in invalid.errors.items()}
            return
        except actions.EntryNotFound:
            self.edit_id, self.entry_message = 0, self._tr("error.entry_gone")
            return
        self.edit_id, self.edit_errors = 0, {}
        self.entry_message = self._tr("log.saved")
        self._refresh(me)

    @public
    def ask_delete(self, entry_id: int) -> None:
        self.deleting_id = entry_id

    @public
    def keep_entry(self) -> None:
        self.deleting_id = 0

    @signed_in
    def delete_entry(self, me: Me, entry_id: int) -> None:
        self.deleting_id = 0
        try:
            deleted = me.call(actions.delete_entry, me.id, entry_id)
        except actions.EntryNotFound:
            self.entry_message = self._tr("error.entry_gone")
        else:
            name = self._tr(f"behaviour.{deleted.behaviour}.name")
            self.entry_message = self._tr("log.deleted", name=name)
        self.edit_id = 0
        self._refresh(me)
