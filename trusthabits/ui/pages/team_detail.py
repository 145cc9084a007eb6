"""One team: send this week's pulse, close a round, read the results, manage the members and
the pulse schedule. The page loads in one event: one session check, one database session."""

from __future__ import annotations

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock, input_rules
from trusthabits.core.anonymity import PERIODS
from trusthabits.core.errors import Refused
from trusthabits.services import erasure, mail, pulse_rounds, results, team_events, teams
from trusthabits.services.pulse_rounds import local_time_text
from trusthabits.ui.components.forms import labelled, notice, submit_button, text_area_field
from trusthabits.ui.components.pulse_results import week_card
from trusthabits.ui.components.schedule_forms import pulse_schedule_form
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Form, Me, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.teams import (
    MemberRow,
    WeekView,
    added_report,
    member_rows,
    period_text,
    result_views,
    team_facts,
)
from trusthabits.ui.states.app import AppState, limit_values, t, tv
from trusthabits.ui.states.schedules import PulseScheduleMixin
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/team/[team_id]"
EVENTS_SHOWN = 10


class TeamDetailState(PulseScheduleMixin, AppState):
    found: bool = True
    team_name: str = ""
    team_facts: str = ""
    members: list[MemberRow] = []
    weeks: list[WeekView] = []
    pulse_message: str = ""
    delivery_problem: bool = False
    add_report: list[str] = []
    invalid_emails: list[str] = []
    members_form_key: int = 0
    period: str = "1"
    period_text: str = ""
    period_message: str = ""
    period_error: str = ""
    period_form_key: int = 0
    # Erasing a member asks first: which one, and the question naming them.
    erasing_id: int = 0
    erase_prompt: str = ""
    erase_done: str = ""
    public_href: str = ""
    events: list[str] = []  # what the manager did with the results (as on the public page), dates only

    def _team_id(self) -> int:
        return input_rules.path_id(self.router.url.path.rstrip("/").rsplit("/", 1)[-1]) or 0

    def _show_team(self, me: Me) -> None:
        """Everything the page shows about the team, from the one session of this event."""
        try:
            team = me.call(teams.get_team, me.id, self._team_id())
            # A round past its closing time is closed (its answers released) before it is read.
            me.call(pulse_rounds.close_due, clock.now(), team.id)
            members = me.call(teams.list_members, me.id, team.id)
            found = me.call(results.visible_results, me.id, team.id, clock.now())
            self._load_pulse_schedule(me)
        except LookupError:
            self.found = False
            return
        self.found, self.team_name, self.team_facts = True, team.name, team_facts(team, self._tr)
        self.public_href = f"/anonymity/{team.public_id}"
        public = me.call(team_events.public_page, team.public_id)
        self.events = [self._tr(f"public.event.{kind}", day=day.isoformat(), week=week)
                       for day, kind, week in (public.events if public else [])][:EVENTS_SHOWN]
        self.members = member_rows(members)
        self.weeks = result_views(found, team.time_zone, self._tr)
        self.period = str(found.next_period.weeks if found.next_period else found.period)
        self.period_text = period_text(found, self._tr)
        self.delivery_problem = bool(me.call(mail.delivery_problems, me.id))

    @page_load
    def load(self, me: Me) -> None:
        self.pulse_message, self.add_report, self.invalid_emails = "", [], []
        self.period_message, self.period_error = "", ""
        self.schedule_saved = ""
        self._show_team(me)

    @signed_in
    def send_pulse(self, me: Me) -> None:
        settings = get_settings()
        try:
            count = me.call(pulse_rounds.send_this_weeks_pulse, me.id, self._team_id(), clock.now(),
                            settings.base_url, by_hand=not settings.smtp_url)
        except pulse_rounds.RoundClosed:
            self.pulse_message = self._tr("pulse.round_closed")
        except pulse_rounds.RoundAlreadyOpen as already:
            zone = me.call(teams.get_team, me.id, self._team_id()).time_zone
            self.pulse_message = self._tr(already.key, closes=f"{local_time_text(already.closes_at, zone)} ({zone})")
        except mail.DailyLimitReached as full:
            self.pulse_message = self._tr(full.key, wanted=full.wanted, left=full.left, mails=full.limit)
        except LookupError:
            self.found = False
            return
        else:
            self.pulse_message = self._tr("pulse.sent", count=count) if count else self._tr("pulse.nobody_to_invite")
        self._show_team(me)

    @signed_in
    def save_period(self, me: Me, form: Form) -> None:
        self.period_message, self.period_error = "", ""
        try:
            change = me.call(results.set_period, me.id, self._team_id(), form.get("period", ""), clock.now())
        except results.PeriodRefused as refused:
            self.period_error = self._tr(refused.key)
            return
        except LookupError:
            self.found = False
            return
        self.period_message = self._tr("period.saved", week=change.from_week)
        self.period_form_key += 1
        self._show_team(me)

    @signed_in
    def close_round(self, me: Me, round_id: int) -> None:
        self.pulse_message = ""
        try:
            me.call(pulse_rounds.close_round, me.id, round_id, clock.now())
        except pulse_rounds.CloseRefused as refused:  # fewer than k answered: checked on the server
            self.pulse_message = self._tr(refused.key, k=me.call(teams.get_team, me.id, self._team_id()).k)
        except LookupError:
            self.found = False
            return
        self._show_team(me)

    @signed_in
    def add_members(self, me: Me, form: Form) -> None:
        try:
            result = me.call(teams.add_members, me.id, self._team_id(), form.get("emails", ""))
        except LookupError:
            self.found = False
            return
        self.add_report, self.invalid_emails = added_report(result, self._tr, limit_values()["members"])
        self.members_form_key += 1
        self._show_team(me)

    @public
    def ask_erase(self, member_id: int) -> None:
        shown = next((m for m in self.members if m.id == member_id), None)
        self.erase_done = ""
        if shown is None:
            self.erasing_id, self.erase_prompt = 0, ""
            return
        self.erasing_id = member_id
        self.erase_prompt = self._tr("erase.member_confirm", email=shown.email)

    @public
    def cancel_erase(self) -> None:
        self.erasing_id, self.erase_prompt = 0, ""

    @signed_in
    def erase_member(self, me: Me) -> None:
        member_id, self.erasing_id, self.erase_prompt = self.erasing_id, 0, ""
        try:
            me.call(erasure.erase_member, me.id, self._team_id(), member_id)
        except LookupError:
            self.found = False
            return
        self.erase_done = self._tr("erase.member_done")
        self._show_team(me)

    @signed_in
    def toggle_member(self, me: Me, member_id: int, active: bool) -> None:
        try:
            me.call(teams.set_member_active, me.id, self._team_id(), member_id, active)
        except Refused as refused:  # the team is full
            self.add_report = [self._tr(refused.key, **limit_values())]
            return
        except LookupError:
            self.found = False
            return
        self._show_team(me)


def _close_button(week: WeekView) -> rx.Component:
    return rx.vstack(
        rx.button(
            t("pulse.close_early"), on_click=TeamDetailState.close_round(week.round_id),
            variant="soft", color_scheme="gray", size="3", min_height=TAP_TARGET, width="100%",
            class_name="close-early",
        ),
        rx.text(t("pulse.close_early_hint"), size="1", color_scheme="gray"),
        spacing="1",
        width="100%",
    )


def _pulse_section() -> rx.Component:
    return rx.vstack(
        rx.button(rx.icon("send", size=18), t("pulse.send_now"), on_click=TeamDetailState.send_pulse,
                  size="3", width="100%", min_height=TAP_TARGET),
        notice(TeamDetailState.pulse_message),
        rx.cond(TeamDetailState.delivery_problem,
                rx.callout(t("delivery.problems"), color_scheme="amber", role="alert", width="100%")),
        rx.link(t("team.outbox_link"), href="/outbox", size="2", min_height=TAP_TARGET, display="flex",
            align_items="center"),
        rx.link(t("team.public_page"), href=TeamDetailState.public_href, size="2", min_height=TAP_TARGET,
                display="flex", align_items="center", is_external=True, id="public-page-link"),
        rx.cond(TeamDetailState.events.length() > 0, rx.vstack(
            rx.heading(t("team.events_title"), as_="h2", size="4"),
            rx.el.ul(rx.foreach(TeamDetailState.events, lambda line: rx.el.li(rx.text(line, size="2"))),
                     padding_left="1.2rem", margin="0"),
            spacing="1", width="100%", id="team-events")),
        rx.heading(t("results.title"), as_="h2", size="5"),
        rx.cond(
            TeamDetailState.weeks.length() > 0,
            rx.foreach(TeamDetailState.weeks, lambda week: week_card(week, _close_button)),
            rx.text(t("results.none"), color_scheme="gray"),
        ),
        spacing="3",
        width="100%",
    )


def _period_section() -> rx.Component:
    select = rx.el.select(
        *[rx.el.option(tv(f"period.weeks_{weeks}"), value=str(weeks)) for weeks in PERIODS],
        id="period", name="period", default_value=TeamDetailState.period, key=TeamDetailState.period_form_key,
        style=native_select_style,
    )
    return rx.form(
        rx.vstack(
            rx.heading(t("period.title"), as_="h2", size="4"),
            rx.text(t("period.explain"), size="2", color_scheme="gray"),
            rx.text(TeamDetailState.period_text, size="2", id="period-now"),
            labelled("period", "period.field", select, TeamDetailState.period_error),
            notice(TeamDetailState.period_message),
            submit_button("period.save", False),
            spacing="3", width="100%",
        ),
        on_submit=TeamDetailState.save_period, no_validate=True, reset_on_submit=False, id="period-form",
        width="100%",
    )


def _member_row(member: rx.Var) -> rx.Component:
    active = member.active
    return rx.hstack(
        rx.text(member.email, size="2", color=rx.cond(active, "var(--gray-12)", "var(--gray-9)"),
                style={"overflow_wrap": "anywhere"}),
        rx.cond(active, rx.fragment(), rx.badge(t("team.inactive"), color_scheme="gray")),
        rx.spacer(),
        rx.button(
            rx.cond(active, t("team.deactivate"), t("team.reactivate")),
            on_click=TeamDetailState.toggle_member(member.id, ~member.active),
            variant="ghost", size="2", min_height=TAP_TARGET,
        ),
        rx.button(t("erase.member_button"), on_click=TeamDetailState.ask_erase(member.id), variant="ghost",
                  color_scheme="red", size="2", min_height=TAP_TARGET, class_name="erase-member"),
        align="center",
        width="100%",
        class_name="member-row",
    )


def _erase_question() -> rx.Component:
    return rx.cond(
        TeamDetailState.erasing_id != 0,
        rx.callout(
            rx.vstack(
                rx.text(TeamDetailState.erase_prompt, size="2"),
                rx.hstack(
                    rx.button(t("erase.member_yes"), on_click=TeamDetailState.erase_member, color_scheme="red",
                              size="2", min_height=TAP_TARGET, id="erase-member-yes"),
                    rx.button(t("erase.cancel"), on_click=TeamDetailState.cancel_erase, variant="soft",
                              color_scheme="gray", size="2", min_height=TAP_TARGET),
                    spacing="3",
                ),
                spacing="3",
            ),
            color_scheme="red", role="alert", width="100%",
        ),
    )


def _members_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("team.members_title"), as_="h2", size="5"),
        rx.foreach(TeamDetailState.members, _member_row),
        _erase_question(),
        notice(TeamDetailState.erase_done),
        rx.form(
            rx.vstack(
                text_area_field("emails", "field.member_emails", hint_key="field.member_emails_hint", rows="4"),
                submit_button("team.add_members", False),
                spacing="3",
                width="100%",
            ),
            on_submit=TeamDetailState.add_members,
            key=TeamDetailState.members_form_key,
            id="members-form",
            width="100%",
        ),
        rx.foreach(TeamDetailState.add_report, lambda line: rx.text(line, size="2", role="status")),
        rx.cond(
            TeamDetailState.invalid_emails.length() > 0,
            rx.box(
                rx.text(t("team.invalid_title"), weight="bold", size="2"),
                rx.el.ul(rx.foreach(TeamDetailState.invalid_emails, lambda line: rx.el.li(rx.text(line, size="2"))),
                         padding_left="1.2rem", margin="0"),
                role="alert", id="invalid-emails", width="100%", padding="0.75rem",
                border_radius="var(--radius-3)", background="var(--red-a3)", color="var(--red-11)",
            ),
        ),
        spacing="3",
        width="100%",
    )


def view() -> rx.Component:
    return app_layout(
        "/team",
        "team.title",
        rx.cond(
            TeamDetailState.found,
            rx.vstack(
                rx.link(rx.icon("chevron-left", size=18), t("team.back"), href="/team", size="2",
                        min_height=TAP_TARGET, display="flex", align_items="center"),
                rx.heading(TeamDetailState.team_name, as_="h2", size="6", id="team-name"),
                rx.text(TeamDetailState.team_facts, size="2", color_scheme="gray"),
                rx.card(_pulse_section(), width="100%"),
                rx.card(_period_section(), width="100%"),
                rx.card(pulse_schedule_form(TeamDetailState), width="100%"),
                rx.card(_members_section(), width="100%"),
                spacing="4",
                width="100%",
            ),
            rx.callout(t("team.not_found"), color_scheme="red", width="100%"),
        ),
    )


PAGE = Page((ROUTE,), view, TeamDetailState.load)
