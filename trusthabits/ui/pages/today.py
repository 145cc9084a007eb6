"""Today: the manager's home screen. One tap on a behaviour tile logs it for today and shows a
confirmation with Undo and "Add details"; this week at a glance; this week's commitment (made
in last week's reflection) with how often it was logged; the last week's entries."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import reflex as rx

from trusthabits.core import behaviours, clock
from trusthabits.core.action_log import BACKDATE_DAYS
from trusthabits.core.calendar import iso_week_key
from trusthabits.core.i18n import LANGUAGES, translate
from trusthabits.services import actions, commitments, focus, reflections
from trusthabits.ui.components.commitment import today_commitments
from trusthabits.ui.components.entries import editor_dialog, entry_list, entry_message
from trusthabits.ui.components.last_plan import last_plan
from trusthabits.ui.components.shell import app_layout, when_signed_in
from trusthabits.ui.components.week import behaviour_tiles, this_week
from trusthabits.ui.events import Me, page_load, public, signed_in
from trusthabits.ui.pages import Page
from trusthabits.ui.presenters.commitments import CommitmentCard, commitment_card, today_heading
from trusthabits.ui.presenters.entries import entry_rows
from trusthabits.ui.presenters.week import week_glance
from trusthabits.ui.states.app import AppState, t
from trusthabits.ui.states.entries import EntryListMixin
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/"
# Today shows the latest entries of the backdating window; History has them all.
RECENT_LIMIT = 10


class TodayState(EntryListMixin, AppState):
    week_counts: dict[str, list[int]] = {}
    week_totals: dict[str, int] = {}
    week_status: str = ""
    today_index: int = -1
    greeting: str = ""
    # The latest entries arrive after the rest of the page (see load); until then the list
    # shows nothing rather than "nothing logged yet".
    entries_loaded: bool = False
    # The reflection waiting to be written (an ISO week) and last week's "try next".
    waiting_week: str = ""
    plan: str = ""
    # This week's commitment (made in last week's reflection) and next week's once made.
    commitment_cards: list[CommitmentCard] = []
    _commitments: list[commitments.CommitmentView] = []
    # The manager's personal focus: the tiles' order (focus first), and what is marked or hidden.
    tile_rank: dict[str, int] = {}
    # The signed-in manager's id, for taps saved offline (assets/offline.js tags them with it).
    owner: str = ""
    focus_keys: list[str] = []
    hidden_keys: list[str] = []

    def _show_week(self, me: Me) -> None:
        today = me.today()
        glance = week_glance(me.call(actions.week_summary, me.id, today), today, self._tr)
        self.week_counts, self.week_totals = glance.counts, glance.totals
        self.today_index, self.week_status = glance.today_index, glance.status
        # How often this week's commitment was logged: follows every tap.
        week = iso_week_key(today)
        cards = []
        for found in self._commitments:
            logged = me.call(commitments.logged_in_week, me.id, found) if found.for_week == week else None
            cards.append(commitment_card(found, today_heading(found, week), self._tr, logged=logged))
        self.commitment_cards = cards

    def _show_first_screen(self, me: Me) -> None:
        self.greeting = self._tr("today.greeting", name=me.profile.name)
        self.owner = str(me.id)
        chosen = me.call(focus.get_focus, me.id)
        self.tile_rank = {key: rank for rank, key in enumerate(chosen.order)}
        self.focus_keys, self.hidden_keys = chosen.focus, chosen.hidden
        self._commitments = me.call(commitments.on_today, me.id, clock.now())
        self._show_week(me)
        # A commitment's card shows its own sentence; the plain plan is for weeks without one.
        self.plan = "" if self._commitments else me.call(reflections.last_weeks_plan, me.id, clock.now())
        self.waiting_week = me.call(reflections.prompt_waiting, me.id, clock.now())

    def _show_entries(self, me: Me) -> None:
        today = me.today()
        recent = me.call(actions.recent_entries, me.id, today - timedelta(days=BACKDATE_DAYS), RECENT_LIMIT)
        self.entries, self.entries_loaded = entry_rows(recent, today, self._tr, me.call(focus.own_texts, me.id)), True

    def _refresh(self, me: Me) -> None:
        self._show_week(me)
        self._show_entries(me)

    @page_load
    async def load(self, me: Me) -> Any:
        """Two updates: first everything on the phone's first screen, then the entries list
        below it. Each update is one redraw in the browser; two smaller ones keep the page
        responsive while it fills in."""
        self.entry_message, self.edit_id = "", 0
        (await self.get_state(TapState)).reset()  # a fresh page shows no old confirmation
        await me.in_thread(self._show_first_screen, me)
        yield
        await me.in_thread(self._show_entries, me)

    @signed_in
    def refresh(self, me: Me) -> None:
        self._refresh(me)


class TapState(AppState):
    """The tap and its confirmation, in a state of their own: a tap then changes only this small
    state, so the browser re-renders the banner alone and the confirmation shows at once. The
    week and the list follow through `TodayState.refresh`."""

    confirmed_id: int = 0
    confirmation: str = ""
    undone: str = ""

    @signed_in
    def log(self, me: Me, behaviour: str) -> Any:
        if not behaviours.is_behaviour(behaviour):
            return None
        entry = me.call(actions.log_action, me.id, behaviour)
        self.confirmed_id, self.undone = entry.id, ""
        self.confirmation = self._tr("today.logged", name=self._tr(f"behaviour.{behaviour}.name"))
        return TodayState.refresh

    @signed_in
    def undo(self, me: Me) -> Any:
        try:
            me.call(actions.delete_entry, me.id, self.confirmed_id)
        except actions.EntryNotFound:
            pass  # already deleted elsewhere: the result the manager asked for
        self.confirmed_id, self.confirmation = 0, ""
        self.undone = self._tr("today.undone")
        return TodayState.refresh

    @public
    def add_details(self) -> Any:
        # The editor opens through TodayState.start_edit, which checks the session and that the
        # entry is the manager's own.
        entry_id, self.confirmed_id, self.confirmation = self.confirmed_id, 0, ""
        return TodayState.start_edit(entry_id)


def _confirmation() -> rx.Component:
    # No timer: it stays until the manager acts on it, taps again or leaves the page.
    return rx.cond(
        TapState.confirmed_id > 0,
        rx.callout.root(
            rx.hstack(
                rx.icon("circle-check", size=20),
                rx.text(TapState.confirmation, size="2", weight="medium", flex="1", id="confirmation-text"),
                rx.button(t("today.details"), on_click=TapState.add_details, variant="soft", size="2",
                    min_height=TAP_TARGET),
                rx.button(t("today.undo"), on_click=TapState.undo, variant="solid", size="2", min_height=TAP_TARGET),
                align="center",
                spacing="2",
                width="100%",
            ),
            role="status",
            width="100%",
            size="1",
            id="confirmation",
            key=TapState.confirmed_id,
        ),
    )


def _icon_link(icon: str, text_key: str, href: str, element_id: str) -> rx.Component:
    """A small link under this week's rows (habit strength, focus)."""
    return rx.link(
        rx.icon(icon, size=18),
        t(text_key),
        href=href,
        id=element_id,
        size="2",
        display="flex",
        align_items="center",
        gap="0.4rem",
        min_height=TAP_TARGET,
    )


def _recent() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("today.recent"), as_="h2", size="3"),
            rx.link(t("today.all_history"), href="/history", size="2", padding_y="0.6rem"),
            justify="between",
            align="baseline",
            width="100%",
        ),
        rx.cond(
            TodayState.entries_loaded,
            rx.cond(TodayState.entries, entry_list(TodayState),
                    rx.text(t("today.nothing_yet"), size="2", color_scheme="gray")),
        ),
        spacing="2",
        width="100%",
        # Below the fold on a phone: the browser lays it out only when it scrolls into view.
        content_visibility="auto",
        contain_intrinsic_size="auto 40rem",
    )


def offline_support(state) -> rx.Component:
    """What assets/offline.js needs on Today: its texts in both languages (from the catalogue)
    and a button it presses after sending taps saved offline, so the week and entries reload."""
    texts = {lang: {"saved": translate("offline.saved", lang), "undo": translate("offline.undo", lang),
                    "waiting": translate("offline.waiting", lang),
                    "names": {key: translate(f"behaviour.{key}.name", lang) for key in behaviours.KEYS}}
             for lang in LANGUAGES}
    return rx.fragment(
        rx.el.div(id="offline-texts", hidden=True, data_texts=json.dumps(texts, ensure_ascii=False),
                  data_owner=state.owner),
        rx.el.button(id="offline-synced", hidden=True, type="button", tab_index=-1, aria_hidden="true",
                     on_click=state.refresh),
    )


def view() -> rx.Component:
    # Tiles, this week's rows and headings come from the catalogue and paint from the prerendered
    # HTML; the manager's numbers, entries and plan follow the session check.
    return app_layout(
        ROUTE,
        "today.title",
        rx.vstack(
            # The line keeps its height while the greeting waits for the session: nothing moves.
            rx.box(when_signed_in(rx.text(TodayState.greeting, size="2", color_scheme="gray", id="greeting")),
                   min_height="1.25rem"),
            behaviour_tiles(TapState, TodayState),
            _confirmation(),
            rx.cond(TapState.undone, rx.text(TapState.undone, size="2", role="status", color_scheme="gray")),
            entry_message(TodayState),
            this_week(TodayState),
            # All below arrives with the session check: the plan (when there is one) then slots
            # in above the rest without pushing anything already on screen.
            when_signed_in(
                today_commitments(TodayState),
                last_plan(TodayState),
                _icon_link("trending-up", "today.habit_strength", "/habits", "habits-link"),
                _icon_link("target", "today.your_focus", "/focus", "focus-link"),
                _recent(),
            ),
            editor_dialog(TodayState),
            offline_support(TodayState),
            spacing="3",
            width="100%",
        ),
        gated=False,
    )


PAGE = Page((ROUTE,), view, TodayState.load)
