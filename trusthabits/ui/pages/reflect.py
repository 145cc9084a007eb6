"""Reflect: the manager's own ISO week, one question for the behaviour in focus, and two
answers kept as a draft (saved when a field loses focus or on Save) until finished.
`/reflect` is this week; the prompt mail links to `/reflect/<week>`."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.services import reflections
from trusthabits.ui.components.forms import labelled, notice
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/reflect"
ROUTE_WEEK = "/reflect/[week]"


class ReflectState(AppState):
    found: bool = True
    week_key: str = ""
    heading: str = ""
    logged: list[str] = []
    not_practised: str = ""
    focus: str = ""
    question: str = ""
    went_well: str = ""
    try_next: str = ""
    finished: bool = False
    errors: dict[str, str] = {}
    message: str = ""
    past: list[dict[str, str]] = []
    form_key: int = 0

    def _week_in_path(self) -> str:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return "" if last == "reflect" else last

    def _show(self, view: reflections.WeekReflection) -> None:
        name = lambda key: self._tr(f"behaviour.{key}.name")  # noqa: E731
        self.week_key, self.heading = view.week, self._tr("reflect.title", week=view.week)
        self.logged = [self._tr("reflect.logged", behaviour=name(k), count=c) for k, c in view.counts.items() if c]
        self.not_practised = (self._tr("reflect.not_practised", behaviours=", ".join(map(name, view.not_practised)))
                              if view.not_practised else self._tr("reflect.all_practised"))
        self.focus = self._tr("reflect.focus", behaviour=name(view.focus))
        self.question = reflections.question_text(view.question_key, self.lang)
        self.went_well, self.try_next, self.finished = view.went_well, view.try_next, view.finished
        self.form_key += 1

    async def _load(self, manager_id: int) -> None:
        week = self._week_in_path() or await run_service(reflections.this_week, manager_id, clock.now())
        try:
            self._show(await run_service(reflections.week_reflection, manager_id, week))
            self.found = True
        except LookupError:
            self.found = False
        rows = await run_service(reflections.past, manager_id)
        self.past = [{"week": p.week, "try_next": p.try_next, "href": f"/reflect/{p.week}",
                      "status": self._tr("reflect.is_finished" if p.finished else "reflect.is_draft")} for p in rows]

    @rx.event
    async def on_load(self):
        self.errors, self.message = {}, ""
        if profile := await self._signed_in():
            await self._load(profile.id)

    async def _save(self, finish: bool):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(reflections.save, profile.id, self.week_key, self.went_well, self.try_next, clock.now(), finish)
        except FieldErrors as invalid:
            # The text stays in the field (the form is not remounted) so nothing typed is lost.
            self.errors = {k: self._tr(v, count=len(getattr(self, k))) for k, v in invalid.errors.items()}
            self.message = ""
            return None
        self.errors = {}
        self.message = self._tr("reflect.finished" if finish else "reflect.draft_saved")
        if finish:
            await self._load(profile.id)
        return None

    @rx.event
    async def keep_went_well(self, text: str):
        self.went_well = text
        return await self._save(False)

    @rx.event
    async def keep_try_next(self, text: str):
        self.try_next = text
        return await self._save(False)

    @rx.event
    async def save_draft(self):
        return await self._save(False)

    @rx.event
    async def finish(self):
        return await self._save(True)


def _answer(name: str, label_key: str, value: rx.Var, on_blur) -> rx.Component:
    error = ReflectState.errors[name].to(str)
    control = rx.text_area(id=name, name=name, default_value=value, key=ReflectState.form_key, on_blur=on_blur,
                           size="3", width="100%", rows="4", aria_invalid=rx.cond(error, "true", "false"))
    return labelled(name, label_key, control, error)


def _past_row(row: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(rx.text(row["week"], weight="bold", size="2"), rx.badge(row["status"]), spacing="2"),
            rx.text(row["try_next"], size="2", color_scheme="gray", trim="both"),
            spacing="1",
        ),
        href=row["href"], min_height=TAP_TARGET, display="block", class_name="past-reflection",
    )


def _week() -> rx.Component:
    return rx.vstack(
        rx.heading(ReflectState.heading, as_="h2", size="5", id="reflect-week"),
        rx.text(t("reflect.private"), size="1", color_scheme="gray"),
        rx.card(
            rx.vstack(
                rx.heading(t("reflect.your_week"), as_="h3", size="3"),
                rx.foreach(ReflectState.logged, lambda line: rx.text(line, size="2")),
                rx.text(ReflectState.not_practised, size="2", color_scheme="gray"),
                spacing="1",
            ),
            width="100%",
        ),
        rx.text(ReflectState.focus, size="2", weight="bold"),
        rx.blockquote(ReflectState.question, size="3", id="reflect-question"),
        _answer("went_well", "reflect.went_well", ReflectState.went_well, ReflectState.keep_went_well),
        _answer("try_next", "reflect.try_next", ReflectState.try_next, ReflectState.keep_try_next),
        notice(ReflectState.message),
        rx.cond(ReflectState.finished, rx.badge(t("reflect.is_finished"), color_scheme="green", size="2")),
        rx.hstack(
            rx.button(t("reflect.save_draft"), on_click=ReflectState.save_draft, variant="soft", size="3",
                      min_height=TAP_TARGET, flex="1", id="save-draft"),
            rx.button(t("reflect.finish"), on_click=ReflectState.finish, size="3", min_height=TAP_TARGET,
                      flex="1", id="finish-reflection"),
            width="100%", spacing="2",
        ),
        spacing="3", width="100%",
    )


ON_LOAD = [AppState.require_manager, ReflectState.on_load]


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "nav.reflect",
        rx.vstack(
            rx.cond(ReflectState.found, _week(), rx.callout(t("reflect.bad_week"), color_scheme="red", width="100%")),
            rx.heading(t("reflect.past"), as_="h2", size="4"),
            rx.cond(ReflectState.past.length() > 0, rx.foreach(ReflectState.past, _past_row),
                    rx.text(t("reflect.none_yet"), size="2", color_scheme="gray")),
            spacing="4", width="100%",
        ),
    )
