"""The commitment in three places: the form on Reflect (next week: behaviour, how, one sentence),
the "did you?" card on next week's Reflect (with that week's matching entries), and the card on
Today. Stateless: each takes the state that holds its fields (ui/states/reflection_loop.py for
Reflect, TodayState for Today)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.components.forms import field_error, notice, segmented
from trusthabits.ui.states.app import t
from trusthabits.ui.theme import native_select_style


def _select(id_: str, label_key: str, options: Any, value: Any, on_change: Any) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, font_weight="500"),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
            id=id_, value=value, on_change=on_change, style=native_select_style,
        ),
        spacing="1", width="100%",
    )


def commitment_form(state: Any, sentence: rx.Component) -> rx.Component:
    """Behaviour and micro-action save as soon as they are chosen; `sentence` is the page's own
    "try next week" text area (saved with the reflection's draft)."""
    return rx.el.section(
        rx.vstack(
            rx.heading(t("commit.title"), as_="h3", size="4"),
            rx.text(t("commit.hint"), size="2", color_scheme="gray"),
            _select("commit-behaviour", "commit.behaviour", state.commit_behaviours, state.commit_behaviour,
                    state.choose_commit_behaviour),
            rx.cond(
                state.commit_behaviour != "",
                _select("commit-micro", "commit.micro_action", state.commit_micros, state.commit_micro,
                        state.choose_commit_micro),
            ),
            sentence,
            notice(state.commit_message),
            field_error(state.commit_error),
            spacing="3", width="100%",
        ),
        class_name="panel", id="commitment",
    )


def _commitment_lines(card: Any) -> rx.Component:
    return rx.vstack(
        rx.hstack(colour_dot(card.colour), rx.text(card.behaviour, weight="bold", size="3"), align="center",
                  spacing="2"),
        rx.text(card.micro, size="2"),
        rx.cond(card.sentence != "", rx.text(card.sentence, size="2", color_scheme="gray", white_space="pre-wrap")),
        spacing="1", width="100%",
    )


def did_you(state: Any) -> rx.Component:
    card = state.did_you
    return rx.cond(
        state.has_did_you,
        rx.el.section(
            rx.vstack(
                rx.heading(card.commitment.heading, as_="h3", size="4"),
                _commitment_lines(card.commitment),
                rx.cond(
                    card.lines.length() > 0,
                    rx.el.ul(rx.foreach(card.lines, lambda line: rx.el.li(rx.text(line, size="2"))),
                             padding_left="1.2rem", margin="0", id="did-you-entries"),
                    rx.text(card.nothing_logged, size="2", color_scheme="gray"),
                ),
                rx.text(t("did.question"), weight="bold", size="3"),
                segmented(card.answer, state.answer_did_you,
                          [("yes", "did.yes"), ("partly", "did.partly"), ("no", "did.no")], "did.question",
                          "did-you-answer"),
                rx.cond(~card.answered, rx.text(t("did.suggested"), size="1", color_scheme="gray")),
                notice(state.did_you_message),
                spacing="3", width="100%",
            ),
            class_name="panel", id="did-you",
        ),
    )


def _today_card(card: Any) -> rx.Component:
    return rx.callout.root(
        rx.vstack(
            rx.text(card.heading, size="2", weight="bold"),
            _commitment_lines(card),
            rx.cond(card.progress != "", rx.text(card.progress, size="1")),
            spacing="1", width="100%",
        ),
        color_scheme="teal", width="100%", size="1", class_name="today-commitment",
    )


def today_commitments(state: Any) -> rx.Component:
    """Today's cards: this week's commitment all week, and next week's once it is made."""
    return rx.foreach(state.commitment_cards, _today_card)
