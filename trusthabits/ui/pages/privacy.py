"""The privacy page (public): what TrustHabits keeps, for how long, and why. The periods are the
deployment's own settings (retention, backups), so the page says what this server does.
Linked from sign-up, Settings, the unsubscribe page and the pulse answer page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.config import get_settings
from trusthabits.core.i18n import translate
from trusthabits.core.pulse import MIN_K
from trusthabits.ui.components.shell import public_layout
from trusthabits.ui.events import public
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, t

ROUTE = "/privacy"
SECTIONS = ("account", "log", "members", "answers", "invitations", "mail", "signin", "backups", "nothing_else")


class PrivacyState(AppState):
    # Section bodies with this server's periods filled in, in both languages (the switch at the
    # top changes the language without another round trip).
    bodies_en: dict[str, str] = {}
    bodies_nl: dict[str, str] = {}

    def _fill(self) -> None:
        settings = get_settings()
        values: dict[str, dict[str, Any]] = {
            "answers": {"k": MIN_K},
            "invitations": {"days": settings.retain_invitations_days},
            "mail": {"days": settings.retain_outbox_days},
            "signin": {"hours": settings.retain_login_attempts_hours, "days": settings.retain_sessions_days},
            "backups": {"keep": settings.backup_keep},
        }
        self.bodies_en, self.bodies_nl = ({name: translate(f"privacy.{name}_body", lang, **values.get(name, {}))
                                           for name in SECTIONS} for lang in ("en", "nl"))

    @public
    def load(self) -> Any:
        script = self._set_language(self._page_language())
        self._fill()
        return script


def _section(name: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(f"privacy.{name}_title"), as_="h2", size="4"),
        rx.text(rx.cond(PrivacyState.lang == "nl", PrivacyState.bodies_nl.get(name, ""),
                        PrivacyState.bodies_en.get(name, "")), size="2"),
        spacing="1",
        width="100%",
    )


def view() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("privacy.title"), as_="h1", size="6"),
            rx.text(t("privacy.intro"), color_scheme="gray"),
            *[_section(name) for name in SECTIONS],
            spacing="4",
            width="100%",
            id="privacy",
        ),
    )


PAGE = Page((ROUTE,), view, PrivacyState.load)
