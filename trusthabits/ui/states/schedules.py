"""The weekly schedule forms as state mixins: a team's pulse (on the team's page, with what went
out) and the manager's reflection prompt (on Settings). The page mixes one in and calls its
`_load_*` from its own load; the form itself is `components/schedule_forms.py`."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.services import schedules
from trusthabits.ui.events import Form, Me, signed_in
from trusthabits.ui.presenters.teams import ScheduleStatus, schedule_status


class _ScheduleFields(rx.State, mixin=True):
    schedule_weekday: str = "4"
    schedule_time: str = ""
    schedule_errors: dict[str, str] = {}
    schedule_saved: str = ""
    schedule_zone: str = ""
    schedule_form_key: int = 0

    def _show_schedule(self, weekday: int, time: str, zone: str) -> None:
        self.schedule_weekday, self.schedule_time = str(weekday), time
        self.schedule_zone = self._tr("schedule.zone", zone=zone)
        self.schedule_errors, self.schedule_form_key = {}, self.schedule_form_key + 1

    def _refused(self, invalid: FieldErrors) -> None:
        self.schedule_errors, self.schedule_saved = {k: self._tr(v) for k, v in invalid.errors.items()}, ""


class PulseScheduleMixin(_ScheduleFields, mixin=True):
    """A team's pulse schedule; the page provides `_team_id()`."""

    schedule_reminder_hours: str = ""
    schedule_close_after_days: str = ""
    schedule_status: ScheduleStatus = ScheduleStatus("", "", [], [])

    def _show_pulse_schedule(self, form: schedules.PulseScheduleForm) -> None:
        self._show_schedule(form.weekday, form.time, form.zone)
        self.schedule_reminder_hours = str(form.reminder_hours)
        self.schedule_close_after_days = str(form.close_after_days)

    def _load_pulse_schedule(self, me: Me) -> None:
        """Raises LookupError for a team that is not the manager's (the page says so)."""
        self._show_pulse_schedule(me.call(schedules.pulse_schedule, me.id, self._team_id()))
        self.schedule_status = schedule_status(
            me.call(schedules.team_status, me.id, self._team_id(), clock.now()), self._tr)

    @signed_in
    def save_pulse_schedule(self, me: Me, form: Form) -> None:
        try:
            saved = me.call(schedules.update_pulse_schedule, me.id, self._team_id(),
                            weekday=form.get("weekday", ""), time=form.get("time", ""),
                            reminder_hours=form.get("reminder_hours", ""),
                            close_after_days=form.get("close_after_days", ""), now=clock.now())
        except FieldErrors as invalid:
            return self._refused(invalid)
        except LookupError:
            return None  # the page itself says the team was not found
        self._show_pulse_schedule(saved)
        self.schedule_saved = self._tr("schedule.saved")
        self.schedule_status = schedule_status(
            me.call(schedules.team_status, me.id, self._team_id(), clock.now()), self._tr)
        return None


class ReflectScheduleMixin(_ScheduleFields, mixin=True):
    """The manager's weekly reflection prompt."""

    def _load_reflect_schedule(self, me: Me) -> None:
        form = me.call(schedules.reflection_schedule, me.id)
        self._show_schedule(form.weekday, form.time, form.zone)

    @signed_in
    def save_reflect_schedule(self, me: Me, form: Form) -> None:
        try:
            saved = me.call(schedules.update_reflection_schedule, me.id, weekday=form.get("weekday", ""),
                            time=form.get("time", ""), now=clock.now())
        except FieldErrors as invalid:
            return self._refused(invalid)
        self._show_schedule(saved.weekday, saved.time, saved.zone)
        self.schedule_saved = self._tr("schedule.saved")
        return None
