"""Settings: profile (name, language, time zone), reflection schedule, password change and sign-out."""

from __future__ import annotations

import reflex as rx

from trusthabits.core.accounts import known_time_zones
from trusthabits.core.errors import FieldErrors
from trusthabits.core.i18n import DEFAULT_LANGUAGE
from trusthabits.services import accounts
from trusthabits.ui.components.forms import (
    language_select,
    notice,
    submit_button,
    text_field,
    time_zone_field,
)
from trusthabits.ui.components.schedule_forms import (
    ReflectScheduleState,
    reflect_schedule_form,
)
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/settings"


class SettingsState(AppState):
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

    async def _show(self, profile: accounts.Profile) -> None:
        self.email, self.name = profile.email, profile.name
        self.locale, self.time_zone = profile.locale, profile.time_zone
        await self._show_session(profile)

    @rx.event
    async def on_load(self):
        self.profile_errors, self.password_errors = {}, {}
        self.profile_saved, self.password_saved = "", ""
        if profile := await self._signed_in():
            await self._show(profile)

    @rx.event
    def set_time_zone(self, zone: str):
        self.time_zone = zone

    @rx.event
    async def save_profile(self, form: dict):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        self.name = form.get("name", "")
        try:
            updated = await run_service(
                accounts.update_profile,
                profile.id,
                name=self.name,
                locale=form.get("locale", ""),
                time_zone=(form.get("time_zone") or "").strip(),
            )
        except FieldErrors as invalid:
            self.profile_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.profile_saved = ""
            return
        await self._show(updated)
        self.profile_errors = {}
        self.lang_pref = updated.locale
        script = self._set_language(updated.locale)
        self.profile_saved = self._tr("settings.saved")
        return script

    @rx.event
    async def change_password(self, form: dict):
        profile = await self._signed_in()
        if profile is None:
            yield self._to_signin()
            return
        self.busy = True
        yield
        try:
            await run_service(
                accounts.change_password,
                profile.id,
                current_password=form.get("current_password", ""),
                new_password=form.get("new_password", ""),
                keep_token=await self._session_token(),
            )
        except FieldErrors as invalid:
            self.password_errors = {k: self._tr(v) for k, v in invalid.errors.items()}
            self.password_saved = ""
            self.busy = False
            return
        self.busy = False
        self.password_errors = {}
        self.password_saved = self._tr("settings.password_changed")
        self.password_form_key += 1


def _profile_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("settings.profile"), as_="h2", size="4"),
            rx.text(t("settings.signed_in_as"), " ", rx.text.strong(SettingsState.email), size="2"),
            text_field("name", "field.name", SettingsState.profile_errors, autocomplete="name", default_value=SettingsState.name, key=SettingsState.email),
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
            text_field("current_password", "field.current_password", SettingsState.password_errors, type_="password", autocomplete="current-password"),
            text_field("new_password", "field.new_password", SettingsState.password_errors, type_="password", autocomplete="new-password", hint_key="field.password_hint"),
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


ON_LOAD = [AppState.require_manager, SettingsState.on_load, ReflectScheduleState.on_load]


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "settings.title",
        rx.vstack(
            rx.card(_profile_form(), width="100%"),
            rx.card(reflect_schedule_form(), width="100%"),
            rx.card(_password_form(), width="100%"),
            rx.button(
                rx.icon("log-out", size=18),
                t("settings.sign_out"),
                on_click=AppState.sign_out,
                variant="soft",
                color_scheme="gray",
                size="3",
                width="100%",
                min_height=TAP_TARGET,
            ),
            spacing="4",
            width="100%",
        ),
    )
