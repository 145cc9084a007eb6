"""Page frames: the signed-out frame (brand + language switch) and the signed-in app frame
with its navigation — a bottom bar on phones, a top bar from tablet width up."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from trusthabits.ui.states.app import AppState, ProblemState, SessionState, t, tv
from trusthabits.ui.theme import CONTENT_MAX_WIDTH, NAV_HEIGHT


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
        aria_label=tv("language.switch"),
        size="2",
    )


def connection_overlay() -> rx.Component:
    """Shown while the browser cannot reach the server, in the manager's language."""
    return rx.connection_banner(
        rx.callout(t("connection.lost"), icon="wifi-off", color_scheme="red", role="alert", size="1",
                   position="fixed", top="0", left="0", right="0", z_index="20", border_radius="0",
                   id="connection-lost"),
    )


def problem_banner() -> rx.Component:
    """What the page sent was refused at the boundary (ui/events.py): say so, in the user's
    language, where they are looking — instead of nothing happening."""
    return rx.cond(
        ProblemState.text != "",
        rx.callout.root(
            rx.hstack(
                rx.callout.text(ProblemState.text, flex="1"),
                rx.button(t("problem.dismiss"), on_click=ProblemState.dismiss, variant="soft", size="2"),
                align="center", width="100%",
            ),
            color_scheme="red", role="alert", width="100%", size="1", id="problem", margin_bottom="1rem",
        ),
    )


def public_layout(*children: rx.Component) -> rx.Component:
    return rx.box(
        rx.hstack(brand(), language_switch(), justify="between", align="center", width="100%"),
        rx.box(problem_banner(), *children, width="100%", padding_top="1.5rem"),
        max_width="28rem",
        margin="0 auto",
        padding="1rem",
        min_height="100dvh",
    )


def _nav_link(item: NavItem, current: str) -> rx.Component:
    return rx.link(
        rx.icon(item.icon, size=22, aria_hidden="true"),
        rx.el.span(t(item.label_key)),
        href=item.route,
        aria_current="page" if current == item.route else "false",
        underline="none",
        class_name="app-nav-link",
    )


def _nav(current: str) -> rx.Component:
    """One navigation for every width, placed by assets/theme.css: a bar at the bottom of a
    phone (five equal tap targets), a top bar with the brand from tablet width up. Plain
    elements and fixed rules, because every signed-in page draws it first."""
    return rx.el.nav(
        rx.el.div(
            rx.el.div(brand(), class_name="app-nav-brand"),
            rx.el.div(*[_nav_link(item, current) for item in NAV_ITEMS], class_name="app-nav-links"),
            class_name="app-nav-inner",
        ),
        aria_label=tv("nav.main"),
        class_name="app-nav",
    )


def when_signed_in(*children: rx.Component, waiting: rx.Component | None = None) -> rx.Component:
    """What only a confirmed session may see: nothing of it renders (not even in the prerendered
    HTML) until the server has answered the page's load. `waiting` shows until then."""
    return rx.cond(SessionState.signed_in, rx.fragment(*children), waiting if waiting is not None else rx.fragment())


def _spinner() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="3rem")


def app_layout(route: str, title_key: str, *children: rx.Component, gated: bool = True) -> rx.Component:
    """The frame of every signed-in page. `route` marks the current nav item.

    By default the whole page waits for the session (`when_signed_in`). A page that passes
    `gated=False` draws its catalogue-only parts (tiles, headings, controls) straight from the
    prerendered HTML, so a phone paints real content before any script has run, and wraps each
    part that shows the manager's data in `when_signed_in` itself."""
    return rx.box(
        _nav(route),
        rx.el.main(
            rx.heading(t(title_key), size="7", as_="h1", margin_bottom="1rem"),
            problem_banner(),
            *(children if not gated else [when_signed_in(*children, waiting=_spinner())]),
            max_width=CONTENT_MAX_WIDTH,
            margin="0 auto",
            padding="1rem",
            padding_bottom=f"calc({NAV_HEIGHT} + 1.5rem)",
        ),
        min_height="100dvh",
    )
