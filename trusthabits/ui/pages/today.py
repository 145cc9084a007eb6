"""Today: the manager's home screen. One tap on a behaviour tile logs it for today and shows a
confirmation with Undo and "Add details"; this week at a glance; the last week's entries."""

from __future__ import annotations

from datetime import timedelta

import reflex as rx

from trusthabits.core import behaviours
from trusthabits.core.daily_log import BACKDATE_DAYS
from trusthabits.services import actions
from trusthabits.services.accounts import Profile
from trusthabits.ui.components.entries import editor_dialog, entry_list, entry_message
from trusthabits.ui.components.last_plan import LastPlanState, last_plan
from trusthabits.ui.components.shell import app_layout
from trusthabits.ui.components.week import behaviour_tiles, this_week
from trusthabits.ui.entry_state import EntryListMixin
from trusthabits.ui.state import AppState, run_service, t
from trusthabits.ui.theme import TAP_TARGET

ROUTE = "/"
# Today shows the latest entries of the backdating window; History has them all.
RECENT_LIMIT = 10


class TodayState(EntryListMixin, AppState):
    week_counts: dict[str, list[int]] = {}
    week_totals: dict[str, int] = {}
    week_status: str = ""
    today_index: int = -1

    @rx.var
    def greeting(self) -> str:
        return self._tr("today.greeting", name=self.manager_name)

    async def _refresh(self, profile: Profile) -> None:
        today = await run_service(actions.manager_today, profile.id)
        summary = await run_service(actions.week_summary, profile.id, today)
        recent = await run_service(actions.recent_entries, profile.id, today - timedelta(days=BACKDATE_DAYS), RECENT_LIMIT)
        self._show_week(summary, today)
        self.entries = [self._entry_view(entry, today) for entry in recent]

    def _show_week(self, summary: actions.WeekSummary, today) -> None:
        self.week_counts = summary.per_behaviour
        self.week_totals = {key: sum(counts) for key, counts in summary.per_behaviour.items()}
        self.today_index = today.weekday()
        untouched = summary.untouched()
        if not untouched:
            self.week_status = self._tr("week.all_done")
        else:
            names = ", ".join(self._tr(f"behaviour.{key}.name") for key in untouched)
            self.week_status = self._tr("week.untouched", names=names)

    @rx.event
    async def on_load(self):
        self.entry_message, self.edit_id = "", 0
        if profile := await self._signed_in():
            await self._refresh(profile)

    @rx.event
    async def refresh(self):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        await self._refresh(profile)


class TapState(AppState):
    """The tap and its confirmation, in a state of their own: a tap then changes only this small
    state, so the browser re-renders the banner alone and the confirmation shows at once. The
    week and the list follow through `TodayState.refresh`."""

    confirmed_id: int = 0
    confirmation: str = ""
    undone: str = ""

    @rx.event
    def on_load(self):
        self.confirmed_id, self.confirmation, self.undone = 0, "", ""

    @rx.event
    async def log(self, behaviour: str):
        profile = await self._signed_in()
        if profile is None:
            yield self._to_signin()
            return
        if not behaviours.is_behaviour(behaviour):
            return
        entry = await run_service(actions.log_action, profile.id, behaviour)
        self.confirmed_id, self.undone = entry.id, ""
        self.confirmation = self._tr("today.logged", name=self._tr(f"behaviour.{behaviour}.name"))
        yield TodayState.refresh

    @rx.event
    async def undo(self):
        profile = await self._signed_in()
        if profile is None:
            return self._to_signin()
        try:
            await run_service(actions.delete_entry, profile.id, self.confirmed_id)
        except actions.EntryNotFound:
            pass  # already deleted elsewhere: the result the manager asked for
        self.confirmed_id, self.confirmation = 0, ""
        self.undone = self._tr("today.undone")
        return TodayState.refresh

    @rx.event
    async def add_details(self):
        if await self._signed_in() is None:
            return self._to_signin()
        # TodayState.start_edit checks again, and that the entry is the manager's own.
        entry_id, self.confirmed_id, self.confirmation = self.confirmed_id, 0, ""
        return TodayState.start_edit(str(entry_id))


def _confirmation() -> rx.Component:
    # No timer: it stays until the manager acts on it, taps again or leaves the page.
    return rx.cond(
        TapState.confirmed_id > 0,
        rx.callout.root(
            rx.hstack(
                rx.icon("circle-check", size=20),
                rx.text(TapState.confirmation, size="2", weight="medium", flex="1", id="confirmation-text"),
                rx.button(t("today.details"), on_click=TapState.add_details, variant="soft", size="2", min_height=TAP_TARGET),
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


def _recent() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("today.recent"), as_="h2", size="3"),
            rx.link(t("today.all_history"), href="/history", size="2", padding_y="0.6rem"),
            justify="between",
            align="baseline",
            width="100%",
        ),
        rx.cond(TodayState.entries, entry_list(TodayState), rx.text(t("today.nothing_yet"), size="2", color_scheme="gray")),
        spacing="2",
        width="100%",
    )


ON_LOAD = [AppState.require_manager, TapState.on_load, TodayState.on_load, LastPlanState.on_load]


def view() -> rx.Component:
    return app_layout(
        ROUTE,
        "today.title",
        rx.vstack(
            rx.text(TodayState.greeting, size="2", color_scheme="gray", id="greeting"),
            last_plan(),
            behaviour_tiles(TapState),
            _confirmation(),
            rx.cond(TapState.undone, rx.text(TapState.undone, size="2", role="status", color_scheme="gray")),
            entry_message(TodayState),
            this_week(TodayState),
            rx.link(
                rx.icon("trending-up", size=18),
                t("today.habit_strength"),
                href="/habits",
                id="habits-link",
                size="2",
                display="flex",
                align_items="center",
                gap="0.4rem",
                min_height=TAP_TARGET,
            ),
            _recent(),
            editor_dialog(TodayState),
            spacing="3",
            width="100%",
        ),
    )
