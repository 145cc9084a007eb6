"""Team: the manager's teams, each linking to its own page, and a form for a new team."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.core.accounts import known_time_zones
from trusthabits.core.errors import FieldErrors
from trusthabits.core.i18n import DEFAULT_LANGUAGE
from trusthabits.core.pulse import DEFAULT_K
from trusthabits.services import teams
from trusthabits.ui.components.forms import (
    language_select,
    submit_button,
    text_field,
    time_zone_field,
)
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Form, Me, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.teams import TeamRow, team_rows
from trusthabits.ui.states.app import AppState, limit_values, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/team"


class TeamsState(AppState):
    teams: list[TeamRow] = []
    new_team_language: str = DEFAULT_LANGUAGE
    new_team_time_zone: str = ""
    errors: dict[str, str] = {}

    @page_load
    def load(self, me: Me) -> None:
        self.errors = {}
        self.new_team_language = me.profile.locale
        self.new_team_time_zone = self.new_team_time_zone or me.profile.time_zone
        self.teams = team_rows(me.call(teams.list_teams, me.id), self._tr)

    @public
    def set_new_team_time_zone(self, zone: str) -> None:
        self.new_team_time_zone = zone

    @signed_in
    def create_team(self, me: Me, form: Form) -> Any:
        try:
            created = me.call(teams.create_team, me.id, name=form.get("team_name", ""),
                              language=form.get("language", ""), time_zone=form.get("team_time_zone", "").strip(),
                              k=form.get("k", DEFAULT_K))
        except FieldErrors as invalid:
            names = {"name": "team_name", "time_zone": "team_time_zone"}
            self.errors = {names.get(k, k): self._tr(v, **limit_values()) for k, v in invalid.errors.items()}
            return None
        self.errors = {}
        return rx.redirect(f"/team/{created.id}")


def _team_card(team: rx.Var) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.text(team.name, weight="bold", size="4"),
                    rx.text(team.members, " · ", team.language, size="2", color_scheme="gray"),
                    spacing="1",
                ),
                rx.icon("chevron-right"),
                justify="between",
                align="center",
                width="100%",
                min_height=TAP_TARGET,
            ),
            width="100%",
        ),
        href=team.href,
        underline="none",
        color="inherit",
        width="100%",
    )


def _create_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("team.create_title"), as_="h2", size="4"),
            text_field("team_name", "field.team_name", TeamsState.errors),
            language_select("language", "field.pulse_language", TeamsState.new_team_language),
            time_zone_field(
                "team_time_zone", TeamsState.errors, known_time_zones(), hint_key="field.team_time_zone_hint",
                value=TeamsState.new_team_time_zone, on_change=TeamsState.set_new_team_time_zone,
            ),
            text_field("k", "field.k", TeamsState.errors, type_="number", hint_key="field.k_hint",
                       default_value=str(DEFAULT_K), min=3, max=50, input_mode="numeric"),
            submit_button("team.create", False),
            spacing="4",
            width="100%",
        ),
        on_submit=TeamsState.create_team,
        no_validate=True,
        id="create-team-form",
        width="100%",
    )


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "team.title",
        rx.vstack(
            rx.cond(
                TeamsState.teams.length() > 0,
                rx.vstack(rx.foreach(TeamsState.teams, _team_card), spacing="3", width="100%"),
                rx.text(t("team.none"), color_scheme="gray"),
            ),
            rx.card(_create_form(), width="100%"),
            rx.link(t("team.outbox_link"), href="/outbox", size="2", min_height=TAP_TARGET,
                    display="flex", align_items="center"),
            spacing="4",
            width="100%",
        ),
    )


PAGE = Page((ROUTE,), view, TeamsState.load)
