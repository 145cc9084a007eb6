"""History: a 12-month calendar heatmap (all behaviours or one), the paged list of entries,
filterable by behaviour and searchable by note, and "your data" (export and import)."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import behaviours
from trusthabits.services import focus, history
from trusthabits.ui.components.data import your_data
from trusthabits.ui.components.entries import editor_dialog, entry_list, entry_message
from trusthabits.ui.components.heatmap import heatmap
from trusthabits.ui.components.shell import app_layout, when_signed_in
from trusthabits.ui.events import Form, Me, page_load, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters import history as present
from trusthabits.ui.presenters.entries import entry_rows
from trusthabits.ui.presenters.history import HeatCellRow
from trusthabits.ui.states.app import AppState, t, tv
from trusthabits.ui.states.data import DataTransferMixin
from trusthabits.ui.states.entries import EntryListMixin
from trusthabits.ui.theme import ACCENT, TAP_TARGET, native_select_style

ROUTE = "/history"


class HistoryState(DataTransferMixin, EntryListMixin, AppState):
    behaviour_filter: str = ""
    search: str = ""
    page: int = 0
    has_more: bool = False
    heat_colour: str = ACCENT
    heat_cells: list[HeatCellRow] = []
    heat_months: list[str] = []
    heat_summary: str = ""

    def _refresh(self, me: Me) -> None:
        today = me.today()
        behaviour = self.behaviour_filter or None
        shown = present.heatmap(me.call(history.heatmap, me.id, today, behaviour), today, behaviour, self._tr)
        self.heat_colour, self.heat_cells = shown.colour, shown.cells
        self.heat_months, self.heat_summary = shown.months, shown.summary
        entries, self.has_more = me.call(history.entries_page, me.id, behaviour=behaviour, search=self.search,
                                         page=self.page)
        self.entries = entry_rows(entries, today, self._tr, me.call(focus.own_texts, me.id))

    @page_load
    def load(self, me: Me) -> None:
        self.behaviour_filter, self.search, self.page = "", "", 0
        self.entry_message, self.edit_id, self.data_message, self.data_error = "", 0, "", ""
        self._refresh(me)

    @signed_in
    def choose_behaviour(self, me: Me, behaviour: str) -> None:
        self.behaviour_filter = behaviour if behaviours.is_behaviour(behaviour) else ""
        self.page = 0
        self._refresh(me)

    @signed_in
    def run_search(self, me: Me, form: Form) -> None:
        self.search = form.get("search", "")[: history.MAX_SEARCH_LENGTH]
        self.page = 0
        self._refresh(me)

    @signed_in
    def next_page(self, me: Me) -> None:
        if self.has_more:
            self.page += 1
        self._refresh(me)

    @signed_in
    def previous_page(self, me: Me) -> None:
        self.page = max(self.page - 1, 0)
        self._refresh(me)


def _filters() -> rx.Component:
    select = rx.el.select(
        rx.el.option(tv("history.all_behaviours"), value=""),
        *[rx.el.option(tv(f"behaviour.{b.key}.name"), value=b.key) for b in behaviours.BEHAVIOURS],
        value=HistoryState.behaviour_filter,
        on_change=HistoryState.choose_behaviour,
        aria_label=tv("history.filter"),
        id="behaviour-filter",
        style=native_select_style,
    )
    search = rx.form(
        rx.hstack(
            rx.input(
                name="search",
                type="search",
                placeholder=tv("history.search_placeholder"),
                aria_label=tv("history.search"),
                size="3",
                min_height=TAP_TARGET,
                flex="1",
            ),
            rx.icon_button(rx.icon("search", size=18), type="submit", aria_label=tv("history.search"), size="3",
                min_width=TAP_TARGET, min_height=TAP_TARGET),
            width="100%",
        ),
        on_submit=HistoryState.run_search,
        reset_on_submit=False,
        width="100%",
    )
    # Options and a placeholder cannot hold two languages: the filters come with the manager's
    # data, and until then a box of their height keeps the page still.
    return when_signed_in(rx.vstack(select, search, spacing="2", width="100%"),
                          waiting=rx.box(min_height=f"calc(2 * {TAP_TARGET} + 0.5rem)"))


def _pager() -> rx.Component:
    button = dict(variant="soft", size="3", min_height=TAP_TARGET)
    return rx.hstack(
        rx.button(rx.icon("chevron-left", size=18), t("history.newer"), on_click=HistoryState.previous_page,
                  disabled=HistoryState.page == 0, **button),
        rx.button(t("history.older"), rx.icon("chevron-right", size=18), on_click=HistoryState.next_page,
                  disabled=~HistoryState.has_more, **button),
        justify="between",
        width="100%",
    )


def view() -> rx.Component:
    # The heatmap's grid paints from the prerendered page (its rows have a fixed height); the
    # entries and everything below them follow the session check, so nothing already drawn moves.
    return app_layout(
        "/",  # a part of Today in the navigation
        "history.title",
        rx.vstack(
            _filters(),
            heatmap(HistoryState),
            when_signed_in(
                entry_message(HistoryState),
                rx.cond(HistoryState.entries, entry_list(HistoryState),
                        rx.text(t("history.empty"), size="2", color_scheme="gray")),
                _pager(),
                your_data(HistoryState),
            ),
            editor_dialog(HistoryState),
            spacing="4",
            width="100%",
        ),
        gated=False,
    )


PAGE = Page((ROUTE,), view, HistoryState.load)
