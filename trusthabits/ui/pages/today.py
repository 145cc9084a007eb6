"""Today: the manager's home screen. One tap on a behaviour tile logs it for today and shows a
confirmation with Undo and "Add details"; this week at a glance; the last week's entries."""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from trusthabits.core import behaviours
from trusthabits.core.action_log import BACKDATE_DAYS
from trusthabits.services import actions
from trusthabits.services.accounts import Profile
from trusthabits.ui.components.entries import editor_dialog, entry_list, entry_message
from trusthabits.ui.components.last_plan import LastPlanState, last_plan
from trusthabits.ui.components.shell import app_layout, when_signed_in
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

    greeting: str = ""
    # The latest entries arrive after the rest of the page (see on_load); until then the list
    # shows nothing rather than "nothing logged yet".
    entries_loaded: bool = False

    async def _refresh(self, profile: Profile) -> None:
        today = await self._refresh_week(profile)
        await self._refresh_entries(profile, today)

    async def _refresh_week(self, profile: Profile) -> date:
        today = await run_service(actions.manager_today, profile.id)
        self._show_week(await run_service(actions.week_summary, profile.id, today), today)
        return today

    async def _refresh_entries(self, profile: Profile, today: date) -> None:
        recent = await run_service(actions.recent_entries, profile.id, today - timedelta(days=BACKDATE_DAYS), RECENT_LIMIT)
        self.entries = [self._entry_view(entry, today) for entry in recent]
        self.entries_loaded = True

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
        """The page's load as one event with two updates: first everything on the phone's first
        screen, then the entries list below it. Each update is one redraw in the browser; two
        smaller ones keep the page responsive while it fills in."""
        self.entry_message, self.edit_id = "", 0
        (await self.get_state(TapState)).reset()  # a fresh page shows no old confirmation
        profile, follow_up = await self._admit()
        if profile is None:
            yield follow_up
            return
        self.greeting = self._tr("today.greeting", name=profile.name)
        today = await self._refresh_week(profile)
        await (await self.get_state(LastPlanState))._load(profile)
        yield follow_up
        await self._refresh_entries(profile, today)

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
    async def log(self, behaviour: str):
        if not behaviours.is_behaviour(behaviour):
            return
        profile, entry = await self._as_manager(actions.log_action, behaviour)
        if profile is None:
            yield self._to_signin()
            return
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


ON_LOAD = TodayState.on_load


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
            behaviour_tiles(TapState),
            _confirmation(),
            rx.cond(TapState.undone, rx.text(TapState.undone, size="2", role="status", color_scheme="gray")),
            entry_message(TodayState),
            this_week(TodayState),
            # All below arrives with the session check: the plan (when there is one) then slots
            # in above the rest without pushing anything already on screen.
            when_signed_in(
                last_plan(),
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
            ),
            editor_dialog(TodayState),
            spacing="3",
            width="100%",
        ),
        gated=False,
    )
