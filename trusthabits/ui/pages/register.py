"""Registration: name, email, password, language and time zone (taken from the browser)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core.accounts import known_time_zones, time_zone_error
from trusthabits.core.calendar import DEFAULT_TIME_ZONE
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.services import accounts
from trusthabits.ui.components.forms import (
    language_select,
    submit_button,
    text_field,
    time_zone_field,
)
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import Form, public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, run_hashing_service, t

ROUTE = "/register"


class RegisterState(AppState):
    errors: dict[str, str] = {}
    time_zone: str = DEFAULT_TIME_ZONE
    busy: bool = False

    @public
    def load(self) -> Any:
        self.errors = {}
        return [
            self._set_language(self._page_language()),
            rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone",
                           callback=RegisterState.use_browser_time_zone),
        ]

    @public
    def use_browser_time_zone(self, zone: str | None) -> None:
        if zone and time_zone_error(zone) is None:
            self.time_zone = zone

    @public
    def set_time_zone(self, zone: str) -> None:
        self.time_zone = zone

    @public
    async def submit(self, form: Form) -> AsyncIterator[Any]:
        self.busy = True
        yield
        fields = {
            "name": form.get("name", ""),
            "email": form.get("email", ""),
            "password": form.get("password", ""),
            "locale": form.get("locale", self.lang),
            "time_zone": form.get("time_zone", "").strip(),
        }
        settings = get_settings()
        try:
            # With a mail server the address must be confirmed before anything is sent for it.
            await run_hashing_service(accounts.register, **fields,
                                      confirm_base_url=settings.base_url if settings.smtp_url else None)
            profile, token = await run_hashing_service(
                accounts.sign_in, email=fields["email"], password=fields["password"], client_ip=self._client_ip()
            )
        except FieldErrors as invalid:
            self.busy = False
            self.errors = {name: self._tr(key) for name, key in invalid.errors.items()}
            return
        except Refused as refused:  # the hashing pool is full
            self.busy = False
            self.errors = {"password": self._tr(refused.key)}
            return
        self.busy = False
        self.errors = {}
        await self._keep_session(token)
        await self._show_session(profile)
        self.lang_pref = profile.locale
        yield self._set_language(profile.locale)
        yield rx.redirect("/")


def view() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("register.title"), as_="h1", size="7"),
            rx.text(t("register.subtitle"), color_scheme="gray"),
            rx.form(
                rx.vstack(
                    text_field("name", "field.name", RegisterState.errors, autocomplete="name"),
                    text_field("email", "field.email", RegisterState.errors, type_="email", autocomplete="email"),
                    text_field(
                        "password",
                        "field.password",
                        RegisterState.errors,
                        type_="password",
                        autocomplete="new-password",
                        hint_key="field.password_hint",
                    ),
                    language_select("locale", "field.language", AppState.lang),
                    time_zone_field(
                        "time_zone",
                        RegisterState.errors,
                        known_time_zones(),
                        value=RegisterState.time_zone,
                        on_change=RegisterState.set_time_zone,
                    ),
                    submit_button("register.submit", RegisterState.busy),
                    spacing="4",
                    width="100%",
                ),
                on_submit=RegisterState.submit,
                no_validate=True,
                # Should anyone submit before the page is live, the password stays out of the URL.
                method="post",
                width="100%",
            ),
            rx.text(
                t("register.have_account"),
                " ",
                rx.link(t("register.signin_link"), href="/signin"),
                size="2",
            ),
            rx.link(t("privacy.link"), href="/privacy", size="2", id="privacy-link"),
            spacing="4",
            width="100%",
        )
    )


PAGE = Page((ROUTE,), view, RegisterState.load)
