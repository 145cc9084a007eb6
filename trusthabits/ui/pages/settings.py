"""Settings: profile (name, language, time zone), reflection schedule, password change, sign-out,
the privacy page's link and deleting the account (password asked again)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from trusthabits.core.accounts import known_time_zones
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.core.i18n import DEFAULT_LANGUAGE
from trusthabits.services import accounts, erasure
from trusthabits.ui.components.forms import (
    language_select,
    notice,
    submit_button,
    text_field,
    time_zone_field,
)
from trusthabits.ui.components.nudge_form import nudge_form
from trusthabits.ui.components.schedule_forms import reflect_schedule_form
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Form, Me, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_hashing_service, t
from trusthabits.ui.states.nudge import NudgeMixin
from trusthabits.ui.states.schedules import ReflectScheduleMixin
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/settings"


class SettingsState(NudgeMixin, ReflectScheduleMixin, AppState):
    email: str = ""
    name: str = ""
    locale: str = DEFAULT_LANGUAGE
    time_zone: str = ""
    profile_errors: dict[str, str] = {}
    profile_saved: str = ""
    password_errors: dict[str, str] = {}
    password_saved: str = ""
    busy: bool = False
    # Bumped after a successful password change so the form remounts empty.
    password_form_key: int = 0
    delete_errors: dict[str, str] = {}
    deleting: bool = False

    def _show(self, profile: accounts.Profile) -> None:
        self.email, self.name = profile.email, profile.name
        self.locale, self.time_zone = profile.locale, profile.time_zone

    @page_load
    def load(self, me: Me) -> None:
        self.profile_errors, self.password_errors = {}, {}
        self.profile_saved, self.password_saved, self.schedule_saved = "", "", ""
        self._show(me.profile)
        self._load_reflect_schedule(me)
        self._load_nudge(me)

    @public
    def set_time_zone(self, zone: str) -> None:
        self.time_zone = zone

    @signed_in
    async def save_profile(self, me: Me, form: Form) -> Any:
        self.name = form.get("name", "")
        try:
            updated = await me.run(accounts.update_profile, me.id, name=self.name, locale=form.get("locale", ""),
                                   time_zone=form.get("time_zone", "").strip())
        except FieldErrors as invalid:
            self.profile_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.profile_saved = ""
            return None
        self._show(updated)
        await self._show_session(updated)
        self.profile_errors = {}
        self.lang_pref = updated.locale
        script = self._set_language(updated.locale)
        self.profile_saved = self._tr("settings.saved")
        return script

    @signed_in
    async def change_password(self, me: Me, form: Form) -> AsyncIterator[Any]:
        self.busy = True
        yield
        try:
            # Argon2 runs in its own bounded pool, never in the threads pages use.
            await run_hashing_service(accounts.change_password, me.id,
                                      current_password=form.get("current_password", ""),
                                      new_password=form.get("new_password", ""), keep_token=me.token)
        except FieldErrors as invalid:
            self.password_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.password_saved = ""
            self.busy = False
            return
        except Refused as refused:  # the hashing pool is full
            self.password_errors = {"current_password": self._tr(refused.key)}
            self.busy = False
            return
        self.busy = False
        self.password_errors = {}
        self.password_saved = self._tr("settings.password_changed")
        self.password_form_key += 1

    @signed_in
    async def delete_account(self, me: Me, form: Form) -> AsyncIterator[Any]:
        self.deleting = True
        yield
        try:
            # The password check is Argon2: in the hashing pool, like every password check.
            await run_hashing_service(erasure.delete_account, me.id, password=form.get("delete_password", ""))
        except FieldErrors as invalid:
            self.delete_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.deleting = False
            return
        except Refused as refused:  # the hashing pool is full
            self.delete_errors = {"delete_password": self._tr(refused.key)}
            self.deleting = False
            return
        self.deleting, self.delete_errors = False, {}
        await self._keep_session("")
        await self._show_session(None)
        yield rx.redirect("/signin?deleted=1")

    @signed_in
    async def sign_out(self, me: Me) -> Any:
        await me.run(accounts.sign_out, me.token)
        await self._keep_session("")
        await self._show_session(None)
        return rx.redirect("/signin?signed_out=1")


def _profile_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("settings.profile"), as_="h2", size="4"),
            rx.text(t("settings.signed_in_as"), " ", rx.text.strong(SettingsState.email), size="2"),
            text_field("name", "field.name", SettingsState.profile_errors, autocomplete="name",
                       default_value=SettingsState.name, key=SettingsState.email),
            language_select("locale", "field.language", SettingsState.locale),
            time_zone_field(
                "time_zone",
                SettingsState.profile_errors,
                known_time_zones(),
                value=SettingsState.time_zone,
                on_change=SettingsState.set_time_zone,
            ),
            notice(SettingsState.profile_saved),
            submit_button("settings.save", False),
            spacing="4",
            width="100%",
        ),
        on_submit=SettingsState.save_profile,
        no_validate=True,
        id="profile-form",
        width="100%",
    )


def _password_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("settings.password_section"), as_="h2", size="4"),
            text_field("current_password", "field.current_password", SettingsState.password_errors,
                       type_="password", autocomplete="current-password"),
            text_field("new_password", "field.new_password", SettingsState.password_errors, type_="password",
                       autocomplete="new-password", hint_key="field.password_hint"),
            notice(SettingsState.password_saved),
            submit_button("settings.change_password", SettingsState.busy),
            spacing="4",
            width="100%",
        ),
        on_submit=SettingsState.change_password,
        no_validate=True,
        method="post",
        reset_on_submit=False,
        key=SettingsState.password_form_key,
        id="password-form",
        width="100%",
    )


def _delete_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("erase.account_title"), as_="h2", size="4"),
            rx.text(t("erase.account_explain"), size="2"),
            text_field("delete_password", "erase.account_password", SettingsState.delete_errors,
                       type_="password", autocomplete="current-password"),
            rx.button(t("erase.account_button"), type="submit", color_scheme="red", variant="soft", size="3",
                      width="100%", min_height=TAP_TARGET, loading=SettingsState.deleting),
            spacing="4",
            width="100%",
        ),
        on_submit=SettingsState.delete_account,
        no_validate=True,
        method="post",
        reset_on_submit=True,
        id="delete-account-form",
        width="100%",
    )


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "settings.title",
        rx.vstack(
            rx.card(_profile_form(), width="100%"),
            rx.card(reflect_schedule_form(SettingsState), width="100%"),
            rx.card(nudge_form(SettingsState), width="100%", id="nudge"),
            rx.card(_password_form(), width="100%"),
            rx.button(
                rx.icon("log-out", size=18),
                t("settings.sign_out"),
                on_click=SettingsState.sign_out,
                variant="soft",
                color_scheme="gray",
                size="3",
                width="100%",
                min_height=TAP_TARGET,
            ),
            rx.link(t("privacy.link"), href="/privacy", size="2", min_height=TAP_TARGET, display="flex",
                    align_items="center"),
            rx.card(_delete_form(), width="100%"),
            spacing="4",
            width="100%",
        ),
        # Labels, headings and buttons paint from the prerendered page; the values follow the
        # session check into the same places, so nothing moves.
        gated=False,
    )


PAGE = Page((ROUTE,), view, SettingsState.load)
