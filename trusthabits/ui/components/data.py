"""The "your data" card: export buttons and the JSON import."""

from __future__ import annotations

import reflex as rx

from trusthabits.ui.components.forms import notice
from trusthabits.ui.states.app import t
from trusthabits.ui.states.data import UPLOAD_ID
from trusthabits.ui.theme import TAP_TARGET


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
            rx.upload.root(
                rx.button(rx.icon("upload", size=18), t("data.import"), type="button", variant="outline", size="3",
                    min_height=TAP_TARGET, width="100%"),
                id=UPLOAD_ID,
                accept={"application/json": [".json"]},
                max_files=1,
                multiple=False,
                no_drag=True,
                on_drop=state.import_json(rx.upload_files(upload_id=UPLOAD_ID)),
                width="100%",
            ),
            notice(state.data_message),
            notice(state.data_error, color="red"),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="your-data",
    )
