"""How one team-week of pulse results looks: counts always; scores and comments only when the
results service released them. The texts are prepared by a presenter (`presenters/teams.py`:
`week_view`) in the manager's language; this module only lays them out."""

from __future__ import annotations

import reflex as rx

from trusthabits.ui.presenters.teams import Figure, WeekView
from trusthabits.ui.states.app import t


def _figure(figure: Figure) -> rx.Component:
    return rx.hstack(
        rx.text(figure.label, size="3"),
        rx.text(figure.value, size="3", weight="bold", class_name="figure-value"),
        justify="between",
        width="100%",
        border_bottom="1px solid var(--gray-a4)",
        padding_y="0.35rem",
    )


def _comments(week: WeekView) -> rx.Component:
    return rx.vstack(
        rx.heading(t("results.comments_title"), as_="h4", size="3"),
        rx.cond(
            week.comments.length() > 0,
            rx.el.ul(
                rx.foreach(week.comments, lambda text: rx.el.li(rx.text(text, size="2"), class_name="pulse-comment")),
                padding_left="1.2rem",
                margin="0",
            ),
            rx.cond(
                week.closed & week.shown,
                rx.text(t("results.no_comments"), size="2", color_scheme="gray"),
                rx.text(t("results.comments_after_close"), size="2", color_scheme="gray"),
            ),
        ),
        spacing="2",
        width="100%",
    )


def week_card(week: WeekView, close_button) -> rx.Component:
    """`close_button(week)` renders the "close round now" action for an open round that at
    least k people answered (the server checks again)."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(week.heading, as_="h3", size="4"),
                rx.badge(week.status, color_scheme=rx.cond(week.closed, "gray", "teal"), size="2"),
                justify="between",
                align="center",
                width="100%",
                wrap="wrap",
            ),
            rx.text(week.answered, size="2", class_name="answered-count"),
            rx.cond(week.by_hand != "", rx.badge(week.by_hand, color_scheme="amber", size="2", class_name="by-hand")),
            rx.cond(
                week.shown,
                rx.vstack(
                    rx.foreach(week.figures, _figure),
                    rx.text(t("results.scale_note"), size="1", color_scheme="gray"),
                    spacing="0",
                    width="100%",
                    class_name="week-figures",
                ),
                rx.callout(week.not_enough, color_scheme="gray", size="1", width="100%", class_name="not-enough"),
            ),
            _comments(week),
            rx.cond(week.can_close, close_button(week)),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="week-result",
    )
