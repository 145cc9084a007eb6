"""History: a 12-month calendar heatmap (all behaviours or one), the paged list of entries,
filterable by behaviour and searchable by note, and "your data" (export and import)."""

from __future__ import annotations

import reflex as rx

from trusthabits.core import behaviours
from trusthabits.services import actions, history
from trusthabits.services.accounts import Profile
from trusthabits.ui.components.data import your_data
from trusthabits.ui.components.entries import editor_dialog, entry_list, entry_message
from trusthabits.ui.components.heatmap import heatmap
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.data_state import DataTransferMixin
from trusthabits.ui.entry_state import EntryListMixin, day_label
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET, native_select_style

ROUTE = "/history"
# Heatmap shades, by level: none, 1, 2, 3–4, 5+ entries on a day.
SHADES = ("var(--gray-a3)", "var(--{c}-6)", "var(--{c}-8)", "var(--{c}-9)", "var(--{c}-11)")


class HistoryState(DataTransferMixin, EntryListMixin, AppState):
    behaviour_filter: str = ""
    search: str = ""
    page: int = 0
    has_more: bool = False
    heat_cells: list[dict[str, str]] = []
    heat_months: list[str] = []
    heat_summary: str = ""

    async def _refresh(self, profile: Profile) -> None:
        today = await run_service(actions.manager_today, profile.id)
        behaviour = self.behaviour_filter or None
        cells = await run_service(history.heatmap, profile.id, today, behaviour)
        colour = behaviours.BY_KEY[behaviour].colour if behaviour else "accent"
        self.heat_cells = [
            {
                "colour": "transparent" if cell.future else SHADES[cell.level].format(c=colour),
                "title": "" if cell.future else self._tr("history.cell", day=day_label(cell.day, today, self._tr), count=cell.count),
            }
            for cell in cells
        ]
        mondays = [cell.day for cell in cells[::7]]
        self.heat_months = [
            self._tr(f"month.short.{monday.month}") if n == 0 or monday.month != mondays[n - 1].month else ""
            for n, monday in enumerate(mondays)
        ]
        self.heat_summary = self._tr("history.heat_summary", count=sum(cell.count for cell in cells))
        entries, self.has_more = await run_service(
            history.entries_page, profile.id, behaviour=behaviour, search=self.search, page=self.page
        )
        self.entries = [self._entry_view(entry, today) for entry in entries]

    async def _reload(self):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        await self._refresh(profile)

    @rx.event
    async def on_load(self):
        self.behaviour_filter, self.search, self.page = "", "", 0
        self.entry_message, self.edit_id, self.data_message, self.data_error = "", 0, "", ""
        return await self._reload()

    @rx.event
    async def choose_behaviour(self, behaviour: str):
        self.behaviour_filter = behaviour if behaviours.is_behaviour(behaviour) else ""
        self.page = 0
        return await self._reload()

    @rx.event
    async def run_search(self, form: dict):
        self.search = str(form.get("search", ""))[: history.MAX_SEARCH_LENGTH]
        self.page = 0
        return await self._reload()

    @rx.event
    async def next_page(self):
        if self.has_more:
            self.page += 1
        return await self._reload()

    @rx.event
    async def previous_page(self):
        self.page = max(self.page - 1, 0)
        return await self._reload()


def _filters() -> rx.Component:
    select = rx.el.select(
        rx.el.option(t("history.all_behaviours"), value=""),
        *[rx.el.option(t(f"behaviour.{b.key}.name"), value=b.key) for b in behaviours.BEHAVIOURS],
        value=HistoryState.behaviour_filter,
        on_change=HistoryState.choose_behaviour,
        aria_label=t("history.filter"),
        id="behaviour-filter",
        style=native_select_style,
    )
    search = rx.form(
        rx.hstack(
            rx.input(
                name="search",
                type="search",
                placeholder=t("history.search_placeholder"),
                aria_label=t("history.search"),
                size="3",
                min_height=TAP_TARGET,
                flex="1",
            ),
            rx.icon_button(rx.icon("search", size=18), type="submit", aria_label=t("history.search"), size="3", min_width=TAP_TARGET, min_height=TAP_TARGET),
            width="100%",
        ),
        on_submit=HistoryState.run_search,
        reset_on_submit=False,
        width="100%",
    )
    return rx.vstack(select, search, spacing="2", width="100%")


def _pager() -> rx.Component:
    button = dict(variant="soft", size="3", min_height=TAP_TARGET)
    return rx.hstack(
        rx.button(rx.icon("chevron-left", size=18), t("history.newer"), on_click=HistoryState.previous_page, disabled=HistoryState.page == 0, **button),
        rx.button(t("history.older"), rx.icon("chevron-right", size=18), on_click=HistoryState.next_page, disabled=~HistoryState.has_more, **button),
        justify="between",
        width="100%",
    )


ON_LOAD = [AppState.require_manager, HistoryState.on_load]


def view() -> rx.Component:
    return app_layout(
        "/",  # a part of Today in the navigation
        "history.title",
        rx.vstack(
            _filters(),
            heatmap(HistoryState.heat_cells, HistoryState.heat_months, HistoryState.heat_summary),
            entry_message(HistoryState),
            rx.cond(HistoryState.entries, entry_list(HistoryState), rx.text(t("history.empty"), size="2", color_scheme="gray")),
            _pager(),
            your_data(HistoryState),
            editor_dialog(HistoryState),
            spacing="4",
            width="100%",
        ),
    )
