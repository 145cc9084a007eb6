"""Form fields that show their label, hint and error, all from the message catalogue."""

from __future__ import annotations

import reflex as rx

from trusthabits.ui.states.app import t, tv
from trusthabits.ui.theme import TAP_TARGET, native_select_style


def field_error(error: rx.Var) -> rx.Component:
    # A missing key is `undefined` in the browser: test truthiness, not `!= ""`.
    return rx.cond(
        error,
        rx.text(error, color_scheme="red", size="2", role="alert"),
    )


def labelled(name: str, label_key: str, control: rx.Component, error: rx.Var | None, hint_key: str | None = None):
    parts = [rx.el.label(rx.text(t(label_key), weight="medium", size="2"), html_for=name)]
    parts.append(control)
    if hint_key:
        parts.append(rx.text(t(hint_key), size="1", color_scheme="gray"))
    if error is not None:
        parts.append(field_error(error))
    return rx.vstack(*parts, spacing="1", width="100%", align="stretch")


def text_field(
    name: str,
    label_key: str,
    errors: rx.Var,
    *,
    type_: str = "text",
    autocomplete: str = "off",
    hint_key: str | None = None,
    **props,
) -> rx.Component:
    error = errors[name].to(str)
    control = rx.input(
        id=name,
        name=name,
        type=type_,
        auto_complete=autocomplete,
        size="3",
        min_height=TAP_TARGET,
        aria_invalid=rx.cond(error, "true", "false"),
        **props,
    )
    return labelled(name, label_key, control, error, hint_key)


def language_select(name: str, label_key: str, value: rx.Var) -> rx.Component:
    control = rx.el.select(
        rx.el.option(tv("language.en"), value="en"),
        rx.el.option(tv("language.nl"), value="nl"),
        id=name,
        name=name,
        default_value=value,
        # Remount when the value arrives from the server: an uncontrolled select ignores later defaults.
        key=value,
        style=native_select_style,
    )
    return labelled(name, label_key, control, None)


def time_zone_field(
    name: str,
    errors: rx.Var,
    zones: list[str],
    *,
    label_key: str = "field.time_zone",
    hint_key: str = "field.time_zone_hint",
    **props,
) -> rx.Component:
    datalist_id = f"{name}-options"
    control = rx.input(
        id=name,
        name=name,
        list=datalist_id,
        auto_complete="off",
        size="3",
        min_height=TAP_TARGET,
        **props,
    )
    options = rx.el.datalist(*[rx.el.option(value=zone) for zone in zones], id=datalist_id)
    return rx.fragment(
        labelled(name, label_key, control, errors[name].to(str), hint_key),
        options,
    )


def text_area_field(name: str, label_key: str, *, hint_key: str | None = None, **props) -> rx.Component:
    control = rx.text_area(id=name, name=name, size="3", width="100%", **props)
    return labelled(name, label_key, control, None, hint_key)


def submit_button(label_key: str, busy: rx.Var) -> rx.Component:
    return rx.button(
        t(label_key),
        type="submit",
        size="3",
        width="100%",
        min_height=TAP_TARGET,
        loading=busy,
    )


def notice(message: rx.Var, color: str = "green") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, color_scheme=color, role="status", width="100%"),
    )
