"""Page frames: the signed-out frame (brand + language switch) and the signed-in app frame
with its navigation — a bottom bar on phones, a top bar from tablet width up."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from trusthabits.ui.state import AppState, t
from trusthabits.ui.theme import CONTENT_MAX_WIDTH, NAV_HEIGHT, TAP_TARGET


@dataclass(frozen=True)
class NavItem:
    route: str
    label_key: str
    icon: str


# The main sections (product.md); History and Habits are reached from Today and count as Today.
NAV_ITEMS = (
    NavItem("/", "nav.today", "sun"),
    NavItem("/trends", "nav.trends", "chart-column"),
    NavItem("/reflect", "nav.reflect", "notebook-pen"),
    NavItem("/team", "nav.team", "users"),
    NavItem("/settings", "nav.settings", "settings"),
)


def brand() -> rx.Component:
    return rx.hstack(
        rx.image(src="/icon.svg", width="28px", height="28px", alt=""),
        rx.text(t("app.name"), weight="bold", size="4"),
        align="center",
        spacing="2",
    )


def language_switch() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item(t("language.short_en"), value="en"),
        rx.segmented_control.item(t("language.short_nl"), value="nl"),
        value=AppState.lang,
        on_change=AppState.choose_language,
        aria_label=t("language.switch"),
        size="2",
    )


def public_layout(*children: rx.Component) -> rx.Component:
    return rx.box(
        rx.hstack(brand(), language_switch(), justify="between", align="center", width="100%"),
        rx.box(*children, width="100%", padding_top="1.5rem"),
        max_width="28rem",
        margin="0 auto",
        padding="1rem",
        min_height="100dvh",
    )


def _nav_link(item: NavItem, current: str, vertical: bool) -> rx.Component:
    active = current == item.route
    return rx.link(
        rx.flex(
            rx.icon(item.icon, size=22),
            rx.text(t(item.label_key), size="1" if vertical else "2", weight="medium"),
            direction="column" if vertical else "row",
            align="center",
            justify="center",
            gap="0.125rem" if vertical else "0.5rem",
            min_height=TAP_TARGET,
            # Five sections share 390 px on a phone: each takes an equal part, at least a tap wide.
            min_width="56px" if vertical else "64px",
            padding_x="0.25rem" if vertical else "0.5rem",
        ),
        href=item.route,
        aria_current=rx.cond(active, "page", "false"),
        color=rx.cond(active, "var(--accent-11)", "var(--gray-11)"),
        underline="none",
        flex="1" if vertical else "0",
    )


def _bottom_nav(current: str) -> rx.Component:
    return rx.el.nav(
        rx.hstack(*[_nav_link(i, current, True) for i in NAV_ITEMS], width="100%", spacing="0"),
        aria_label=t("nav.main"),
        display=["flex", "flex", "none"],
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        height=NAV_HEIGHT,
        padding_bottom="env(safe-area-inset-bottom)",
        background="var(--color-panel-solid)",
        border_top="1px solid var(--gray-a5)",
        z_index="10",
    )


NAV_MAX_WIDTH = "56rem"


def _top_nav(current: str) -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            brand(),
            rx.hstack(*[_nav_link(i, current, False) for i in NAV_ITEMS], spacing="1"),
            justify="between",
            align="center",
            spacing="6",
            # Wider than the content column: five sections and the brand need the room.
            max_width=NAV_MAX_WIDTH,
            margin="0 auto",
            width="100%",
        ),
        aria_label=t("nav.main"),
        display=["none", "none", "block"],
        padding="0.5rem 1rem",
        border_bottom="1px solid var(--gray-a5)",
    )


def app_layout(route: str, title_key: str, *children: rx.Component) -> rx.Component:
    """The frame of every signed-in page. `route` marks the current nav item."""
    return rx.box(
        _top_nav(route),
        rx.el.main(
            rx.heading(t(title_key), size="7", as_="h1", margin_bottom="1rem"),
            # Nothing of a protected page shows until the server has confirmed the session.
            rx.cond(AppState.signed_in, rx.fragment(*children), rx.center(rx.spinner(size="3"), padding="3rem")),
            max_width=CONTENT_MAX_WIDTH,
            margin="0 auto",
            padding="1rem",
            padding_bottom=f"calc({NAV_HEIGHT} + 1.5rem)",
        ),
        _bottom_nav(route),
        min_height="100dvh",
    )
