"""The answer page a team member opens from the pulse mail: no account, phone first, every
question on one page, in the team's language. The token in the URL is the only credential and
is checked (by hash) on the server for loading and again for submitting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.i18n import negotiate
from trusthabits.core.instrument import SCALE_MAX, SCALE_MIN, InvalidAnswers
from trusthabits.services import pulse_answers
from trusthabits.services.pulse_answers import PulseRefused
from trusthabits.ui.components.forms import submit_button
from trusthabits.ui.components.shell import brand
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.pulse import QuestionRow, question_rows
from trusthabits.ui.states.app import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/pulse/[token]"
SCALE = [str(value) for value in range(SCALE_MIN, SCALE_MAX + 1)]


class PulseAnswerState(AppState):
    # "" while loading, then "form", "done", or a refusal: "used", "closed", "unknown".
    status: str = ""
    title: str = ""
    intro: str = ""
    comment_label: str = ""
    how_body: str = ""
    items: list[QuestionRow] = []
    missing: list[str] = []
    problem: str = ""
    busy: bool = False

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    async def _refuse(self, reason: str):
        language = await run_service(pulse_answers.team_language, self._token())
        self.status = reason
        return self._set_language(language or negotiate(self.router.headers.accept_language))

    @public
    async def load(self) -> Any:
        self.status, self.missing, self.problem, self.busy = "", [], "", False
        try:
            form = await run_service(pulse_answers.open_pulse, self._token(), clock.now())
        except PulseRefused as refused:
            return await self._refuse(refused.reason)
        # The team's language, not the browser's or the manager's: the whole team reads the same.
        script = self._set_language(form.language)
        self.title = self._tr("pulse.title", manager=form.manager_name)
        self.intro = self._tr("pulse.intro", team=form.team_name, week=form.iso_week)
        self.comment_label = self._tr("pulse.comment_label", manager=form.manager_name)
        self.how_body = self._tr("pulse.how_body", manager=form.manager_name, k=form.k)
        self.items = question_rows(form.items)
        self.status = "form"
        return script

    @public
    async def submit(self, form: Form) -> AsyncIterator[Any]:
        if self.status != "form":
            return
        answers = {key: value for key, value in form.items() if key != "comment"}
        self.busy = True
        yield
        try:
            await run_service(pulse_answers.submit_pulse, self._token(), answers, form.get("comment"), clock.now())
        except InvalidAnswers as invalid:
            self.missing = invalid.missing
            self.problem = (self._tr("pulse.incomplete", count=len(invalid.missing)) if invalid.missing
                            else self._tr(invalid.key))
        except PulseRefused as refused:
            self.status = refused.reason
        else:
            self.status = "done"
        self.busy = False


def _choice(name: rx.Var, value: str) -> rx.Component:
    # A native radio over the whole tile: the form posts it without any client code, and the
    # tile (not a tiny dot) is the 44px tap target.
    return rx.el.label(
        rx.el.input(type="radio", name=name, value=value,
                    style={"position": "absolute", "inset": "0", "opacity": "0", "margin": "0", "cursor": "pointer"}),
        rx.text(value, size="4", weight="medium", as_="span"),
        style={
            "position": "relative", "flex": "1", "display": "flex", "align_items": "center",
            "justify_content": "center", "min_height": "48px", "min_width": TAP_TARGET,
            "border": "1px solid var(--gray-a7)", "border_radius": "var(--radius-3)",
            "background": "var(--color-surface)", "cursor": "pointer",
            "&:has(input:checked)": {"background": "var(--accent-9)", "color": "var(--accent-contrast)",
                                     "border_color": "var(--accent-9)"},
            "&:has(input:focus-visible)": {"outline": "2px solid var(--accent-8)", "outline_offset": "2px"},
        },
    )


def _question(item: rx.Var) -> rx.Component:
    missing = PulseAnswerState.missing.contains(item.key)
    return rx.el.fieldset(
        # A floated legend sits inside the fieldset's box instead of cutting through its border.
        rx.el.legend(rx.text(item.text, size="3", weight="medium"),
                     style={"padding": "0", "margin_bottom": "0.4rem", "float": "left", "width": "100%"}),
        rx.hstack(*[_choice(item.key, value) for value in SCALE], spacing="2", width="100%", clear="both"),
        rx.hstack(
            rx.text(t("pulse.scale_low"), size="1", color_scheme="gray"),
            rx.text(t("pulse.scale_high"), size="1", color_scheme="gray"),
            justify="between",
            width="100%",
        ),
        custom_attrs={"data-item": item.key},
        style={
            "border": rx.cond(missing, "2px solid var(--red-9)", "0"),
            "border_radius": "var(--radius-3)",
            "padding": rx.cond(missing, "0.5rem", "0"),
            "margin": "0",
            "min_width": "0",
            "width": "100%",
        },
    )


def _anonymity_note() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.hstack(
                rx.icon("shield-check", size=18, color="var(--accent-11)", flex_shrink="0"),
                rx.text(t("pulse.anonymous"), " ",
                        rx.text.span(t("pulse.how"), color="var(--accent-11)", text_decoration="underline"), size="2"),
                align="center",
                spacing="2",
            ),
            style={"min_height": TAP_TARGET, "display": "flex", "align_items": "center", "cursor": "pointer",
                   "list_style": "none"},
        ),
        rx.text(PulseAnswerState.how_body, size="2", color_scheme="gray", id="how-anonymous"),
        width="100%",
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(PulseAnswerState.title, as_="h1", size="6"),
            rx.text(PulseAnswerState.intro, size="2", color_scheme="gray"),
            _anonymity_note(),
            rx.foreach(PulseAnswerState.items, _question),
            rx.vstack(
                rx.el.label(rx.text(PulseAnswerState.comment_label, size="3", weight="medium"), html_for="comment"),
                rx.text_area(id="comment", name="comment", max_length=1000, rows="3", size="3", width="100%"),
                spacing="1",
                width="100%",
            ),
            rx.cond(PulseAnswerState.problem != "",
                    rx.callout(PulseAnswerState.problem, color_scheme="red", role="alert", width="100%")),
            submit_button("pulse.submit", PulseAnswerState.busy),
            spacing="4",
            width="100%",
        ),
        on_submit=PulseAnswerState.submit,
        reset_on_submit=False,
        no_validate=True,
        id="pulse-form",
        width="100%",
    )


def _message(icon: str, title_key: str, body_key: str) -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=40, color="var(--accent-9)"),
        rx.heading(t(title_key), as_="h1", size="6"),
        rx.text(t(body_key)),
        spacing="3",
        padding_top="2rem",
        width="100%",
        id="pulse-message",
    )


def view() -> rx.Component:
    return rx.box(
        brand(),
        rx.el.main(
            rx.match(
                PulseAnswerState.status,
                ("form", _form()),
                ("done", _message("heart-handshake", "pulse.thanks_title", "pulse.thanks_body")),
                ("used", _message("circle-check", "pulse.used_title", "pulse.used_body")),
                ("closed", _message("clock", "pulse.closed_title", "pulse.closed_body")),
                ("unknown", _message("link-2-off", "pulse.unknown_title", "pulse.unknown_body")),
                rx.center(rx.spinner(size="3"), padding="3rem"),
            ),
            padding_top="1rem",
        ),
        max_width="32rem",
        margin="0 auto",
        padding="1rem",
        padding_bottom="2rem",
        min_height="100dvh",
    )


PAGE = Page((ROUTE,), view, PulseAnswerState.load)
