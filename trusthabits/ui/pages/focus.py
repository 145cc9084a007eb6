"""Your focus: one to three behaviours in focus (first on Today, named by the daily nudge and
the reflection prompt), behaviours hidden from Today (history kept), and the manager's own
micro-actions per behaviour (as typed, at most 20 each)."""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS, Behaviour
from trusthabits.core.errors import FieldErrors
from trusthabits.services import focus
from trusthabits.ui.components.entries import colour_dot
from trusthabits.ui.components.forms import field_error, notice
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.events import Form, Me, page_load, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.states.app import AppState, t, tv
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/focus"


class FocusState(AppState):
    focus_keys: list[str] = []
    hidden_keys: list[str] = []
    # behaviour → [[id, text], …] of the manager's own micro-actions.
    own: dict[str, list[list[str]]] = {}
    # A message for the whole page (focus/hide refused) and per behaviour (own micro-action refused).
    message: str = ""
    own_errors: dict[str, str] = {}
    # Bumped after an own micro-action is added, so its form remounts empty.
    form_version: int = 0

    def _show(self, view: focus.FocusView) -> None:
        self.focus_keys, self.hidden_keys = view.focus, view.hidden
        self.own = {key: [[str(item.id), item.text] for item in items] for key, items in view.own.items()}

    @page_load
    def load(self, me: Me) -> None:
        self.message, self.own_errors = "", {}
        self._show(me.call(focus.get_focus, me.id))

    @signed_in
    def toggle_focus(self, me: Me, behaviour: str) -> None:
        try:
            self._show(me.call(focus.toggle_focus, me.id, behaviour))
            self.message = ""
        except FieldErrors as invalid:
            self.message = self._tr(next(iter(invalid.errors.values())))

    @signed_in
    def set_hidden(self, me: Me, behaviour: str, hidden: bool) -> None:
        try:
            self._show(me.call(focus.set_hidden, me.id, behaviour, hidden))
            self.message = ""
        except FieldErrors as invalid:
            self.message = self._tr(next(iter(invalid.errors.values())))

    @signed_in
    def add_own(self, me: Me, form: Form) -> None:
        behaviour = form.get("behaviour", "")
        try:
            me.call(focus.add_own_action, me.id, behaviour, form.get("text", ""))
        except FieldErrors as invalid:
            self.own_errors = {behaviour: self._tr(next(iter(invalid.errors.values())))}
            return
        self.own_errors = {}
        self.form_version += 1
        self._show(me.call(focus.get_focus, me.id))

    @signed_in
    def remove_own(self, me: Me, own_id: int) -> None:
        try:
            me.call(focus.remove_own_action, me.id, own_id)
        except focus.OwnMicroActionNotFound:
            pass  # already gone: what was asked for
        self._show(me.call(focus.get_focus, me.id))


def _own_item(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.span(item[1], class_name="own-text"),
        rx.button(t("focus.remove"), on_click=FocusState.remove_own(item[0].to(int)), variant="ghost", size="2",
                  color_scheme="gray", min_height=TAP_TARGET, type="button"),
        class_name="own-item",
        style={"display": "flex", "justify_content": "space-between", "align_items": "center", "gap": "0.5rem"},
    )


def _behaviour(behaviour: Behaviour) -> rx.Component:
    key = behaviour.key
    in_focus = FocusState.focus_keys.contains(key)
    hidden = FocusState.hidden_keys.contains(key)
    return rx.el.section(
        rx.hstack(
            colour_dot(behaviour.colour),
            rx.heading(t(f"behaviour.{key}.name"), as_="h2", size="3", flex="1"),
            rx.cond(hidden, rx.badge(t("focus.hidden_badge"), color_scheme="gray")),
            align="center",
            width="100%",
        ),
        rx.hstack(
            rx.button(
                rx.cond(in_focus, t("focus.in_focus"), t("focus.put_in_focus")),
                on_click=FocusState.toggle_focus(key),
                variant=rx.cond(in_focus, "solid", "soft"),
                aria_pressed=rx.cond(in_focus, "true", "false"),
                disabled=hidden,
                size="2", min_height=TAP_TARGET, type="button", class_name="focus-toggle",
            ),
            rx.button(
                rx.cond(hidden, t("focus.show"), t("focus.hide")),
                on_click=FocusState.set_hidden(key, ~hidden),
                variant="soft", color_scheme="gray", size="2", min_height=TAP_TARGET, type="button",
                class_name="hide-toggle",
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.el.ul(rx.foreach(FocusState.own[key], _own_item), class_name="own-list",
                 style={"list_style": "none", "padding": 0, "margin": 0, "width": "100%"}),
        rx.form(
            rx.el.input(type="hidden", name="behaviour", value=key),
            rx.hstack(
                rx.el.input(name="text", id=f"own-{key}", placeholder=tv("focus.own_placeholder"),
                            aria_label=tv("focus.own_label"), max_length=80, auto_complete="off",
                            class_name="own-input",
                            style={"flex": "1", "min_height": TAP_TARGET, "padding": "0 0.5rem", "min_width": 0}),
                rx.button(t("focus.add"), type="submit", size="2", min_height=TAP_TARGET),
                width="100%",
                spacing="2",
            ),
            field_error(FocusState.own_errors[key].to(str)),
            on_submit=FocusState.add_own,
            key=FocusState.form_version.to_string() + key,
            width="100%",
        ),
        class_name="panel focus-behaviour",
        data_behaviour=key,
        data_focus=in_focus,
        data_hidden=hidden,
        style={"display": "flex", "flex_direction": "column", "gap": "0.5rem"},
    )


def view() -> rx.Component:
    return app_layout(
        "/",
        "focus.title",
        rx.vstack(
            rx.text(t("focus.intro"), size="2"),
            notice(FocusState.message, color="red"),
            *[_behaviour(b) for b in BEHAVIOURS],
            spacing="3",
            width="100%",
        ),
    )


PAGE = Page((ROUTE,), view, FocusState.load)
