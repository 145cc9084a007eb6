"""The weekly schedules as forms: the team's pulse (with its status) and the manager's
reflection prompt. Each has its own small state so the pages they sit on stay untouched."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.services import schedules
from trusthabits.ui.components.forms import labelled, notice, submit_button, text_field
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import native_select_style


class _ScheduleState(AppState):
    weekday: str = "4"
    time: str = ""
    errors: dict[str, str] = {}
    saved: str = ""
    zone_text: str = ""
    form_key: int = 0

    async def _profile_id(self) -> int | None:
        profile = await self._signed_in()
        return profile.id if profile else None

    def _invalid(self, invalid: FieldErrors) -> None:
        self.errors, self.saved = {k: self._tr(v) for k, v in invalid.errors.items()}, ""


class PulseScheduleState(_ScheduleState):
    reminder_hours: str = ""
    close_after_days: str = ""
    next_pulse: str = ""
    next_prompt: str = ""
    rounds: list[str] = []
    warnings: list[str] = []

    def _team_id(self) -> int:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return int(last) if last.isdigit() else 0

    def _show(self, form: schedules.PulseScheduleForm) -> None:
        self.weekday, self.time = str(form.weekday), form.time
        self.reminder_hours, self.close_after_days = str(form.reminder_hours), str(form.close_after_days)
        self.zone_text = self._tr("schedule.zone", zone=form.zone)
        self.form_key += 1

    async def _status(self, manager_id: int) -> None:
        status = await run_service(schedules.team_status, manager_id, self._team_id(), clock.now())
        self.next_pulse = self._tr("status.next_pulse", when=status.next_pulse)
        self.next_prompt = self._tr("status.next_prompt", when=status.next_prompt)
        self.rounds = [self._tr("status.round", week=r.week, sent=r.sent, failed=r.failed, waiting=r.waiting)
                       for r in status.rounds]
        self.warnings = [self._tr("status.undelivered", week=r.week) for r in status.rounds if r.undelivered]

    @rx.event
    async def on_load(self):
        self.errors, self.saved = {}, ""
        if manager_id := await self._profile_id():
            try:
                self._show(await run_service(schedules.pulse_schedule, manager_id, self._team_id()))
                await self._status(manager_id)
            except LookupError:
                pass  # the team page itself says the team was not found

    @rx.event
    async def save(self, form: dict):
        manager_id = await self._profile_id()
        if manager_id is None:
            return self._to_signin()
        try:
            saved = await run_service(
                schedules.update_pulse_schedule, manager_id, self._team_id(), weekday=form.get("weekday", ""),
                time=form.get("time", ""), reminder_hours=form.get("reminder_hours", ""),
                close_after_days=form.get("close_after_days", ""), now=clock.now())
        except FieldErrors as invalid:
            return self._invalid(invalid)
        self._show(saved)
        self.errors, self.saved = {}, self._tr("schedule.saved")
        await self._status(manager_id)


class ReflectScheduleState(_ScheduleState):
    @rx.event
    async def on_load(self):
        self.errors, self.saved = {}, ""
        if manager_id := await self._profile_id():
            self._show(await run_service(schedules.reflection_schedule, manager_id))

    def _show(self, form: schedules.ReflectionScheduleForm) -> None:
        self.weekday, self.time = str(form.weekday), form.time
        self.zone_text = self._tr("schedule.zone", zone=form.zone)
        self.form_key += 1

    @rx.event
    async def save(self, form: dict):
        manager_id = await self._profile_id()
        if manager_id is None:
            return self._to_signin()
        try:
            saved = await run_service(schedules.update_reflection_schedule, manager_id,
                                      weekday=form.get("weekday", ""), time=form.get("time", ""), now=clock.now())
        except FieldErrors as invalid:
            return self._invalid(invalid)
        self._show(saved)
        self.errors, self.saved = {}, self._tr("schedule.saved")


def _weekday_select(state: type[_ScheduleState]) -> rx.Component:
    control = rx.el.select(
        *[rx.el.option(t(f"weekday.short.{day}"), value=str(day)) for day in range(7)],
        id="weekday", name="weekday", default_value=state.weekday, key=state.form_key, style=native_select_style,
    )
    return labelled("weekday", "schedule.weekday", control, state.errors["weekday"].to(str))


def _form(form_id: str, title_key: str, state: type[_ScheduleState], *extra: rx.Component) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t(title_key), as_="h2", size="4"),
            rx.text(state.zone_text, size="2", color_scheme="gray"),
            _weekday_select(state),
            text_field("time", "schedule.time", state.errors, default_value=state.time, key=state.form_key),
            *extra,
            notice(state.saved),
            submit_button("schedule.save", False),
            spacing="3", width="100%",
        ),
        on_submit=state.save, no_validate=True, reset_on_submit=False, id=form_id, width="100%",
    )


def pulse_schedule_form() -> rx.Component:
    state = PulseScheduleState
    return rx.vstack(
        _form(
            "pulse-schedule", "schedule.pulse_title", state,
            text_field("reminder_hours", "schedule.reminder_hours", state.errors, default_value=state.reminder_hours,
                       key=state.form_key, input_mode="numeric", hint_key="schedule.reminder_explain"),
            text_field("close_after_days", "schedule.close_after_days", state.errors,
                       default_value=state.close_after_days, key=state.form_key, input_mode="numeric"),
        ),
        rx.heading(t("status.title"), as_="h2", size="4"),
        rx.foreach(state.warnings, lambda w: rx.callout(w, color_scheme="red", role="alert", width="100%")),
        rx.text(state.next_pulse, size="2", id="next-pulse"),
        rx.text(state.next_prompt, size="2", id="next-prompt"),
        rx.cond(state.rounds.length() > 0,
                rx.foreach(state.rounds, lambda line: rx.text(line, size="2", class_name="round-status")),
                rx.text(t("status.no_rounds"), size="2", color_scheme="gray")),
        spacing="3", width="100%",
    )


def reflect_schedule_form() -> rx.Component:
    return _form("reflect-schedule", "schedule.reflect_title", ReflectScheduleState)
