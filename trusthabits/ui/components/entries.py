"""Log entries on screen: one row per entry with edit and delete, and the editor dialog
(micro-action, note, date). Stateless: each takes the page state that mixes in EntryListMixin
(ui/states/entries.py); a row is an `EntryRow` (ui/presenters/entries.py)."""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS, Behaviour
from trusthabits.ui.components.forms import labelled
from trusthabits.ui.states.app import t, tv
from trusthabits.ui.theme import TAP_TARGET, native_select_style, textarea_style


def colour_dot(colour: rx.Var | str) -> rx.Component:
    # An f-string with a Var becomes a template string in the browser.
    return rx.el.span(class_name=f"colour-dot colour-{colour}", aria_hidden="true")


def _icon_button(icon: str, label_key: str, on_click, danger: bool = False) -> rx.Component:
    return rx.el.button(
        rx.icon(icon, size=20, aria_hidden="true"),
        on_click=on_click,
        aria_label=tv(label_key),
        title=tv(label_key),
        type="button",
        class_name="icon-button danger" if danger else "icon-button",
    )


def entry_row(state, entry: rx.Var) -> rx.Component:
    # Plain elements laid out by the `entry-*` rules in assets/theme.css: a list of many rows
    # then draws quickly on a phone (History shows 50 at a time).
    return rx.el.div(
        colour_dot(entry.colour),
        rx.el.div(
            rx.el.div(
                rx.el.span(entry.name, class_name="entry-name"),
                rx.el.span(entry.day_label, class_name="entry-day"),
                class_name="entry-head",
            ),
            rx.cond(entry.micro, rx.el.p(entry.micro, class_name="entry-micro")),
            rx.cond(entry.note, rx.el.p(entry.note, class_name="entry-note")),
            class_name="entry-body",
        ),
        rx.cond(
            state.deleting_id == entry.id,
            # One thumb can slip: deleting takes a second, deliberate tap.
            rx.el.span(
                rx.el.button(t("log.delete_confirm"), on_click=state.delete_entry(entry.id), type="button",
                             class_name="text-button danger"),
                rx.el.button(t("log.keep"), on_click=state.keep_entry, type="button", class_name="text-button"),
                class_name="entry-confirm", role="group", aria_label=tv("log.delete_question"),
            ),
            rx.fragment(
                _icon_button("pencil", "log.edit", state.start_edit(entry.id)),
                _icon_button("trash-2", "log.delete", state.ask_delete(entry.id), danger=True),
            ),
        ),
        class_name="entry-row",
        role="listitem",
        data_entry=entry.id,
    )


def entry_list(state) -> rx.Component:
    return rx.el.div(rx.foreach(state.entries, lambda entry: entry_row(state, entry)), role="list",
                     class_name="entry-list")


def _micro_select(state, behaviour: Behaviour) -> rx.Component:
    return rx.el.select(
        rx.el.option(tv("log.no_micro_action"), value=""),
        *[rx.el.option(tv(f"micro.{behaviour.key}.{m.key}"), value=m.key) for m in behaviour.micro_actions],
        rx.foreach(state.edit_own_micro, lambda own: rx.el.option(own[1], value=own[0])),
        id="micro_action",
        name="micro_action",
        default_value=state.edit_micro,
        style=native_select_style,
    )


def _editor_form(state) -> rx.Component:
    micro = rx.match(state.edit_behaviour, *[(b.key, _micro_select(state, b)) for b in BEHAVIOURS], rx.fragment())
    # A native textarea: Radix's TextArea would add a 25 KB (gzip) chunk to Today's first load.
    note = rx.el.textarea(
        id="note",
        name="note",
        default_value=state.edit_note,
        rows=3,
        aria_invalid=rx.cond(state.edit_errors["note"], "true", "false"),
        style=textarea_style,
    )
    # Native elements here too: Radix's TextField would add a 44 KB (gzip) chunk to Today.
    day = rx.el.input(
        id="day",
        name="day",
        type="date",
        default_value=state.edit_day,
        min=state.edit_min_day,
        max=state.edit_max_day,
        style=native_select_style,
    )
    return rx.form(
        rx.vstack(
            labelled("micro_action", "log.micro_action", micro, state.edit_errors["micro_action"].to(str)),
            labelled("note", "log.note", note, state.edit_errors["note"].to(str), "log.note_hint"),
            labelled("day", "log.day", day, state.edit_errors["day"].to(str), "log.day_hint"),
            rx.hstack(
                rx.dialog.close(
                    rx.button(t("log.cancel"), type="button", variant="soft", color_scheme="gray", size="3",
                        min_height=TAP_TARGET)
                ),
                rx.button(t("log.save"), type="submit", size="3", min_height=TAP_TARGET),
                justify="end",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=state.save_edit,
        reset_on_submit=False,
        # The server checks the day and says why in the user's language; the browser would not.
        no_validate=True,
        key=state.edit_version,
        width="100%",
    )


def editor_dialog(state) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(state.edit_title),
            rx.dialog.description(t("log.editor_hint"), size="2", color_scheme="gray", margin_bottom="0.75rem"),
            _editor_form(state),
            max_width="28rem",
        ),
        open=state.edit_id > 0,
        on_open_change=state.close_editor,
    )


def entry_message(state) -> rx.Component:
    return rx.cond(state.entry_message, rx.text(state.entry_message, size="2", role="status", color_scheme="gray"))

