"""The "your data" card: export buttons and the JSON import."""

from __future__ import annotations

import reflex as rx

from trusthabits.ui.components.forms import notice
from trusthabits.ui.states.app import t, tv
from trusthabits.ui.states.data import UPLOAD_ID
from trusthabits.ui.theme import TAP_TARGET


def _named_file_input(upload: rx.Component, name: rx.Var) -> rx.Component:
    """`rx.upload.root` draws its own visually hidden <input type=file> and takes no props for it,
    so the input had no accessible name (Lighthouse: "form elements do not have associated
    labels"). Name it here; stop the build if Reflex changes the shape this relies on."""
    zone = upload.children[0] if upload.children else None
    field = zone.children[0] if zone is not None and zone.children else None
    if field is None or field.tag != "input" or getattr(field, "type", None) is None:
        raise RuntimeError("rx.upload.root no longer starts with its file <input>: name it another way")
    field.custom_attrs["aria-label"] = name
    return upload


def your_data(state) -> rx.Component:
    button = dict(variant="soft", size="3", min_height=TAP_TARGET, flex="1")
    return rx.card(
        rx.vstack(
            rx.heading(t("data.title"), as_="h2", size="4"),
            rx.text(t("data.explain"), size="2", color_scheme="gray"),
            rx.hstack(
                rx.button(rx.icon("download", size=18), t("data.export_csv"), on_click=state.export_csv, **button),
                rx.button(rx.icon("download", size=18), t("data.export_json"), on_click=state.export_json, **button),
                width="100%",
            ),
            rx.button(rx.icon("archive", size=18), t("data.export_all"), on_click=state.export_all, variant="soft",
                      size="3", min_height=TAP_TARGET, width="100%", id="export-all"),
            rx.text(t("data.export_all_hint"), size="1", color_scheme="gray"),
            _named_file_input(rx.upload.root(
                rx.button(rx.icon("upload", size=18), t("data.import"), type="button", variant="outline", size="3",
                    min_height=TAP_TARGET, width="100%"),
                id=UPLOAD_ID,
                accept={"application/json": [".json"]},
                max_files=1,
                multiple=False,
                no_drag=True,
                on_drop=state.import_json(rx.upload_files(upload_id=UPLOAD_ID)),
                width="100%",
            ), tv("data.import")),
            notice(state.data_message),
            notice(state.data_error, color="red"),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="your-data",
    )
