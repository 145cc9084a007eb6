"""Reflect: the manager's own ISO week, "did you?" about last week's commitment, one question
for the behaviour in focus, what went well, next week's commitment (behaviour, how, one
sentence) kept as a draft (saved when a field loses focus or on Save) until finished, and the
personal experiment. `/reflect` is this week; the prompt mail links to `/reflect/<week>`."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.services import mail, reflections, team_reflection, what_i_heard
from trusthabits.ui.components.commitment import commitment_form, did_you
from trusthabits.ui.components.experiment import experiment_card
from trusthabits.ui.components.forms import labelled, notice, submit_button, text_field
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Form, Me, MultilineText, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.reflect import PastRow, TeamCard, past_rows, team_cards, week_in_words
from trusthabits.ui.presenters.trends import Choice
from trusthabits.ui.states.app import AppState, t
from trusthabits.ui.states.reflection_loop import CommitmentMixin, ExperimentMixin
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/reflect"
ROUTE_WEEK = "/reflect/[week]"


class ReflectState(CommitmentMixin, ExperimentMixin, AppState):
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
    past: list[PastRow] = []
    team_cards: list[TeamCard] = []
    heard_options: list[Choice] = []  # teams with a shown block not yet sent
    heard_team: str = ""
    heard_statuses: list[str] = []
    heard_message: str = ""
    heard_errors: dict[str, str] = {}
    heard_form_key: int = 0
    form_key: int = 0

    def _week_in_path(self) -> str:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return "" if last == "reflect" else last

    def _show(self, me: Me) -> None:
        week = self._week_in_path() or me.call(reflections.this_week, me.id, clock.now())
        try:
            view = me.call(reflections.week_reflection, me.id, week)
        except LookupError:
            self.found = False
        else:
            words = week_in_words(view, self.lang, self._tr)
            self.found, self.week_key, self.heading = True, view.week, words.heading
            self.logged, self.not_practised, self.focus = words.logged, words.not_practised, words.focus
            self.question = words.question
            self.went_well, self.try_next, self.finished = view.went_well, view.try_next, view.finished
            self.form_key += 1
            self._load_commitment(me)
        self.past = past_rows(me.call(reflections.past, me.id), self._tr)
        self.team_cards = team_cards(me.call(team_reflection.team_results, me.id, clock.now()), self._tr)
        self._load_heard(me)

    def _load_heard(self, me: Me) -> None:
        found = me.call(what_i_heard.statuses, me.id, clock.now())
        self.heard_statuses = [self._tr("heard.status_sent" if s.sent else "heard.status_ready", team=s.team_name,
                                        week=s.block) for s in found if s.block]
        self.heard_options = [Choice(str(s.team_id), s.team_name) for s in found if s.block and not s.sent]
        if not any(o.id == self.heard_team for o in self.heard_options):
            self.heard_team = self.heard_options[0].id if self.heard_options else ""
        self._load_experiments(me)

    @page_load
    def load(self, me: Me) -> None:
        self.errors, self.message = {}, ""
        self._show(me)

    def _save(self, me: Me, finish: bool) -> None:
        try:
            me.call(reflections.save, me.id, self.week_key, self.went_well, self.try_next, clock.now(), finish)
        except FieldErrors as invalid:
            # The text stays in the field (the form is not remounted) so nothing typed is lost.
            self.errors = {k: self._tr(v, count=len(getattr(self, k))) for k, v in invalid.errors.items()}
            self.message = ""
            return
        self.errors = {}
        self.message = self._tr("reflect.finished" if finish else "reflect.draft_saved")
        if finish:
            self._show(me)

    @signed_in
    def keep_went_well(self, me: Me, text: MultilineText) -> None:
        self.went_well = text
        self._save(me, False)

    @signed_in
    def keep_try_next(self, me: Me, text: MultilineText) -> None:
        self.try_next = text
        self._save(me, False)

    @public
    def choose_heard_team(self, team_id: str) -> None:
        self.heard_team = team_id

    @signed_in
    def send_heard(self, me: Me, form: Form) -> None:
        self.heard_message, self.heard_errors = "", {}
        try:
            count = me.call(what_i_heard.send, me.id, int(self.heard_team or 0), str(form.get("heard", "")),
                            clock.now())
        except what_i_heard.HeardRefused as refused:
            self.heard_errors = {"heard": self._tr(refused.key)}
            return
        except mail.DailyLimitReached as full:
            self.heard_errors = {"heard": self._tr(full.key, wanted=full.wanted, left=full.left, mails=full.limit)}
            return
        except (LookupError, ValueError):
            self.heard_errors = {"heard": self._tr("team.not_found")}
            return
        self.heard_message = self._tr("heard.sent", count=count)
        self.heard_form_key += 1
        self._load_heard(me)

    @signed_in
    def save_draft(self, me: Me) -> None:
        self._save(me, False)

    @signed_in
    def finish(self, me: Me) -> None:
        self._save(me, True)


def _answer(name: str, label_key: str, value: rx.Var, on_blur) -> rx.Component:
    error = ReflectState.errors[name].to(str)
    control = rx.text_area(id=name, name=name, default_value=value, key=ReflectState.form_key, on_blur=on_blur,
                           size="3", width="100%", rows="4", aria_invalid=rx.cond(error, "true", "false"))
    return labelled(name, label_key, control, error)


def _past_row(row: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(rx.text(row.week, weight="bold", size="2"), rx.badge(row.status), spacing="2"),
            rx.text(row.try_next, size="2", color_scheme="gray", trim="both"),
            spacing="1",
        ),
        href=row.href, min_height=TAP_TARGET, display="block", class_name="past-reflection",
    )


def _team_figure(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(row.label, size="2", flex="1"),
        rx.vstack(rx.text(row.value, size="2", weight="bold"),
                  rx.cond(row.change != "", rx.text(row.change, size="1", color_scheme="gray")),
                  spacing="0", align="end"),
        width="100%", align="start",
    )


def _team_card(card: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(card.team, as_="h4", size="3"),
            rx.cond(
                card.heading != "",
                rx.vstack(
                    rx.text(card.heading, " · ", card.answered, size="2", color_scheme="gray"),
                    rx.foreach(card.figures, _team_figure),
                    rx.cond(card.comments.length() > 0, rx.vstack(
                        rx.text(t("reflect.team_comments"), size="2", weight="bold"),
                        rx.foreach(card.comments, lambda c: rx.blockquote(c, size="2")),
                        spacing="1", width="100%")),
                    spacing="2", width="100%",
                ),
                rx.text(card.waiting, size="2", class_name="team-waiting"),
            ),
            rx.cond(card.open_note != "", rx.text(card.open_note, size="1", color_scheme="gray")),
            spacing="2", width="100%",
        ),
        width="100%", class_name="team-in-reflection",
    )


def _team() -> rx.Component:
    return rx.cond(
        ReflectState.team_cards.length() > 0,
        rx.el.section(
            rx.vstack(
                rx.heading(t("reflect.team_title"), as_="h3", size="3"),
                rx.text(t("reflect.team_intro"), size="1", color_scheme="gray"),
                rx.foreach(ReflectState.team_cards, _team_card),
                spacing="2", width="100%",
            ),
            id="reflect-team", style={"width": "100%"},
        ),
    )


def _heard() -> rx.Component:
    return rx.cond(
        ReflectState.heard_statuses.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(t("heard.title"), as_="h3", size="3"),
                rx.text(t("heard.intro"), size="2", color_scheme="gray"),
                rx.foreach(ReflectState.heard_statuses, lambda line: rx.text(line, size="2")),
                # The team choice sits outside the form: a form's fields must all be rendered text
                # (a select hidden for a single team would send null and be refused at the boundary).
                rx.cond(ReflectState.heard_options.length() > 1, rx.vstack(
                    rx.el.label(t("heard.team"), html_for="heard-team", font_weight="500"),
                    rx.el.select(
                        rx.foreach(ReflectState.heard_options, lambda o: rx.el.option(o.label, value=o.id)),
                        id="heard-team", value=ReflectState.heard_team,
                        on_change=ReflectState.choose_heard_team, style=native_select_style,
                    ),
                    spacing="1", width="100%")),
                rx.cond(
                    ReflectState.heard_options.length() > 0,
                    rx.form(
                        rx.vstack(
                            text_field("heard", "heard.sentence", ReflectState.heard_errors,
                                       max_length=what_i_heard.MAX_HEARD_LENGTH, width="100%"),
                            submit_button("heard.send", False),
                            spacing="2", width="100%",
                        ),
                        on_submit=ReflectState.send_heard, key=ReflectState.heard_form_key, width="100%",
                    ),
                ),
                notice(ReflectState.heard_message),
                spacing="2", width="100%",
            ),
            width="100%", id="what-i-heard",
        ),
    )


def _week() -> rx.Component:
    return rx.vstack(
        rx.heading(ReflectState.heading, as_="h2", size="5", id="reflect-week"),
        rx.text(t("reflect.private"), size="1", color_scheme="gray"),
        did_you(ReflectState),
        rx.card(
            rx.vstack(
                rx.heading(t("reflect.your_week"), as_="h3", size="3"),
                rx.foreach(ReflectState.logged, lambda line: rx.text(line, size="2")),
                rx.text(ReflectState.not_practised, size="2", color_scheme="gray"),
                spacing="1",
            ),
            width="100%",
        ),
        _team(),
        rx.text(ReflectState.focus, size="2", weight="bold"),
        rx.blockquote(ReflectState.question, size="3", id="reflect-question"),
        _answer("went_well", "reflect.went_well", ReflectState.went_well, ReflectState.keep_went_well),
        commitment_form(ReflectState, _answer("try_next", "commit.sentence", ReflectState.try_next,
                                              ReflectState.keep_try_next)),
        notice(ReflectState.message),
        rx.cond(ReflectState.finished, rx.badge(t("reflect.is_finished"), color_scheme="green", size="2")),
        rx.hstack(
            rx.button(t("reflect.save_draft"), on_click=ReflectState.save_draft, variant="soft", size="3",
                      min_height=TAP_TARGET, flex="1", id="save-draft"),
            rx.button(t("reflect.finish"), on_click=ReflectState.finish, size="3", min_height=TAP_TARGET,
                      flex="1", id="finish-reflection"),
            width="100%", spacing="2",
        ),
        _heard(),
        spacing="3", width="100%",
    )


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "nav.reflect",
        rx.vstack(
            rx.cond(ReflectState.found, _week(), rx.callout(t("reflect.bad_week"), color_scheme="red", width="100%")),
            experiment_card(ReflectState),
            rx.heading(t("reflect.past"), as_="h2", size="4"),
            rx.cond(ReflectState.past.length() > 0, rx.foreach(ReflectState.past, _past_row),
                    rx.text(t("reflect.none_yet"), size="2", color_scheme="gray")),
            spacing="4", width="100%",
        ),
    )


PAGE = Page((ROUTE, ROUTE_WEEK), view, ReflectState.load)
