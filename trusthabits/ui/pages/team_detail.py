"""One team: send this week's pulse, close a round, read the results, manage the members."""

from __future__ import annotations

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.core.instrument import NEEDS
from trusthabits.services import mail, pulse_rounds, teams
from trusthabits.services.pulse_rounds import WeekResult
from trusthabits.ui.components.forms import notice, submit_button, text_area_field
from trusthabits.ui.components.pulse_results import Figure, WeekView, week_card
from trusthabits.ui.components.schedule_forms import (
    PulseScheduleState,
    pulse_schedule_form,
)
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/team/[team_id]"


class TeamDetailState(AppState):
    found: bool = True
    team_name: str = ""
    team_facts: str = ""
    members: list[dict[str, str]] = []
    weeks: list[WeekView] = []
    pulse_message: str = ""
    delivery_problem: bool = False
    add_report: list[str] = []
    invalid_emails: list[str] = []
    members_form_key: int = 0

    def _team_id(self) -> int | None:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return int(last) if last.isdigit() else None

    def _week_view(self, week: WeekResult, time_zone: str) -> WeekView:
        summary = week.summary
        figures = []
        if summary.shown:
            figures = [Figure(self._tr("results.trust_index"), f"{summary.trust_index:.2f}")]
            figures += [Figure(self._tr(f"results.need_{need}"), f"{summary.needs[need]:.2f}")
                        for need in NEEDS if summary.needs.get(need) is not None]
        status = self._tr("results.closed") if week.closed else self._tr(
            "results.open_until", closes=pulse_rounds.local_time_text(week.closes_at, time_zone), zone=time_zone)
        return WeekView(
            round_id=week.round_id,
            heading=self._tr("results.week", week=week.iso_week),
            status=status,
            answered=self._tr("results.answered", answered=summary.answered, invited=week.invited),
            shown=summary.shown,
            not_enough=self._tr("results.not_enough", answered=summary.answered, k=summary.k),
            closed=week.closed,
            figures=figures,
            comments=week.comments,
        )

    async def _load(self, manager_id: int) -> bool:
        team_id = self._team_id()
        try:
            team = await run_service(teams.get_team, manager_id, team_id or 0)
            members = await run_service(teams.list_members, manager_id, team.id)
            weeks = await run_service(pulse_rounds.team_results, manager_id, team.id, clock.now())
        except LookupError:
            self.found = False
            return False
        problems = await run_service(mail.delivery_problems, manager_id)
        self.found, self.team_name = True, team.name
        self.team_facts = " · ".join([self._tr("team.active_members", count=team.active_members),
                                      self._tr(f"language.{team.language}"), team.time_zone])
        self.members = [{"id": str(m.id), "email": m.email, "active": "1" if m.active else ""} for m in members]
        self.weeks = [self._week_view(week, team.time_zone) for week in weeks]
        self.delivery_problem = bool(problems)
        return True

    async def _manager_id(self) -> int | None:
        profile = await self._signed_in()
        return profile.id if profile else None

    @rx.event
    async def on_load(self):
        self.pulse_message, self.add_report, self.invalid_emails = "", [], []
        if manager_id := await self._manager_id():
            await self._load(manager_id)

    @rx.event
    async def send_pulse(self):
        manager_id = await self._manager_id()
        if manager_id is None:
            return self._to_signin()
        settings = get_settings()
        try:
            count = await run_service(pulse_rounds.send_this_weeks_pulse, manager_id, self._team_id() or 0,
                                      clock.now(), settings.base_url, log_links=not settings.smtp_url)
        except pulse_rounds.RoundClosed:
            self.pulse_message = self._tr("pulse.round_closed")
        except LookupError:
            self.found = False
            return
        else:
            self.pulse_message = self._tr("pulse.sent", count=count) if count else self._tr("pulse.nobody_new")
        await self._load(manager_id)

    @rx.event
    async def close_round(self, round_id: int):
        manager_id = await self._manager_id()
        if manager_id is None:
            return self._to_signin()
        try:
            await run_service(pulse_rounds.close_round, manager_id, int(round_id), clock.now())
        except (LookupError, ValueError, TypeError):
            self.found = False
            return
        await self._load(manager_id)

    @rx.event
    async def add_members(self, form: dict):
        manager_id = await self._manager_id()
        if manager_id is None:
            return self._to_signin()
        try:
            result = await run_service(teams.add_members, manager_id, self._team_id() or 0, form.get("emails", ""))
        except LookupError:
            self.found = False
            return
        self.add_report = [self._tr("team.added", count=len(result.added))]
        if result.already:
            self.add_report.append(self._tr("team.already", count=len(result.already)))
        self.invalid_emails = [f"{typed}: {self._tr(key)}" for typed, key in result.invalid]
        self.members_form_key += 1
        await self._load(manager_id)

    @rx.event
    async def toggle_member(self, member_id: str, active: bool):
        manager_id = await self._manager_id()
        if manager_id is None:
            return self._to_signin()
        try:
            await run_service(teams.set_member_active, manager_id, self._team_id() or 0, int(member_id), bool(active))
        except (LookupError, ValueError):
            self.found = False
            return
        await self._load(manager_id)


def _close_button(week: WeekView) -> rx.Component:
    return rx.button(
        t("pulse.close_now"), on_click=TeamDetailState.close_round(week.round_id),
        variant="soft", color_scheme="gray", size="3", min_height=TAP_TARGET, width="100%",
    )


def _pulse_section() -> rx.Component:
    return rx.vstack(
        rx.button(rx.icon("send", size=18), t("pulse.send_now"), on_click=TeamDetailState.send_pulse,
                  size="3", width="100%", min_height=TAP_TARGET),
        notice(TeamDetailState.pulse_message),
        rx.cond(TeamDetailState.delivery_problem,
                rx.callout(t("delivery.problems"), color_scheme="amber", role="alert", width="100%")),
        rx.link(t("team.outbox_link"), href="/outbox", size="2", min_height=TAP_TARGET, display="flex", align_items="center"),
        rx.heading(t("results.title"), as_="h2", size="5"),
        rx.cond(
            TeamDetailState.weeks.length() > 0,
            rx.foreach(TeamDetailState.weeks, lambda week: week_card(week, _close_button)),
            rx.text(t("results.none"), color_scheme="gray"),
        ),
        spacing="3",
        width="100%",
    )


def _member_row(member: rx.Var) -> rx.Component:
    active = member["active"] != ""
    return rx.hstack(
        rx.text(member["email"], size="2", color=rx.cond(active, "var(--gray-12)", "var(--gray-9)"),
                style={"overflow_wrap": "anywhere"}),
        rx.cond(active, rx.fragment(), rx.badge(t("team.inactive"), color_scheme="gray")),
        rx.spacer(),
        rx.button(
            rx.cond(active, t("team.deactivate"), t("team.reactivate")),
            on_click=TeamDetailState.toggle_member(member["id"], member["active"] == ""),
            variant="ghost", size="2", min_height=TAP_TARGET,
        ),
        align="center",
        width="100%",
        class_name="member-row",
    )


def _members_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("team.members_title"), as_="h2", size="5"),
        rx.foreach(TeamDetailState.members, _member_row),
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


ON_LOAD = [AppState.require_manager, TeamDetailState.on_load, PulseScheduleState.on_load]


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
                rx.card(pulse_schedule_form(), width="100%"),
                rx.card(_members_section(), width="100%"),
                spacing="4",
                width="100%",
            ),
            rx.callout(t("team.not_found"), color_scheme="red", width="100%"),
        ),
    )
