"""Declared events (ui/events.py): no handler can forget the session check, hostile arguments
never reach a handler's body, and a signed-in page loads with one session check and one database
session. Real states, real SQLite, no browser."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from reflex.istate.data import RouterData
from reflex.state import State
from sqlmodel import select

import rxconfig  # noqa: F401 - the app's config, as when Reflex loads the app
from trusthabits import trusthabits  # noqa: F401 - registers every page and its states
from trusthabits.db.models import HabitPause
from trusthabits.services import accounts, teams
from trusthabits.ui import events
from trusthabits.ui.pages.habits import HabitsState
from trusthabits.ui.pages.history import HistoryState
from trusthabits.ui.pages.team_detail import TeamDetailState
from trusthabits.ui.pages.trends import TrendsState
from trusthabits.ui.states.app import ProblemState, SessionState

DECLARED = {"signed_in", "page_load", "public"}
BAD_INPUT_EN = "That did not work: the page sent something it should not have. Reload the page and try again."


def _our_states(cls: type = State):
    for sub in cls.get_substates():
        if sub.__module__.startswith("trusthabits."):
            yield sub
        yield from _our_states(sub)


def test_every_event_handler_of_every_state_is_declared_public_or_signed_in():
    handlers = {
        f"{state.__module__}.{state.__name__}.{name}": events.declaration(handler)
        for state in set(_our_states()) for name, handler in state.event_handlers.items()
        if name != "setvar"  # Reflex's own: it calls a state's `set_<var>` handler, declared like any other
    }
    assert len(handlers) > 40  # every page's handlers were found, so an undeclared one would be too
    undeclared = sorted(name for name, kind in handlers.items() if kind not in DECLARED)
    assert not undeclared, undeclared


def test_a_page_load_is_declared_for_every_signed_in_page():
    from trusthabits.ui.pages import all_pages

    public_routes = {"/signin", "/register", "/reset", "/reset/[token]", "/confirm/[token]", "/unsubscribe/[token]",
                     "/privacy"}
    for page in all_pages():
        kind = events.declaration(page.on_load)
        assert kind == ("public" if page.route in public_routes else "page_load"), page.route


def _run(coroutine_or_gen):
    async def drain():
        result = coroutine_or_gen
        if hasattr(result, "__anext__"):
            return [update async for update in result]
        return await result
    return asyncio.run(drain())


def _state(cls, path: str = "/", token: str = ""):
    root = State()
    root.router = RouterData.from_router_data({"pathname": path, "asPath": path, "query": {}})
    state = asyncio.run(root.get_state(cls))
    asyncio.run(root.get_state(SessionState)).session_token = token
    return root, state


def _problem(root) -> str:
    return asyncio.run(root.get_state(ProblemState)).text


@pytest.mark.parametrize(("handler", "payload"), [
    ("delete_pause", {"pause_id": 2**63}),
    ("delete_pause", {"pause_id": "٧"}),  # digits to int(), not to us ("7" is 7, as Reflex converts it)
    ("delete_pause", {"pause_id": " 7"}),
    ("delete_pause", {"pause_id": "9" * 20}),
    ("delete_pause", {"pause_id": 7.5}),
    ("delete_pause", {"pause_id": True}),
    ("delete_pause", {}),
    ("delete_pause", {"pause_id": 7, "manager_id": 1}),
    ("set_target", {"behaviour": "courage\ud800", "value": "3"}),
    ("set_target", {"behaviour": "courage\x00", "value": "3"}),
    ("set_target", {"behaviour": ["courage"], "value": "3"}),
    ("add_pause", {"form": {"start": {"nested": "dict"}}}),
    ("add_pause", {"form": ["start", "end"]}),
    ("add_pause", {"form": {"start": "2026-11-02\ud800", "end": "2026-11-03"}}),
])
def test_hostile_arguments_get_a_translated_message_and_never_reach_the_body(db_path, handler, payload):
    root, state = _state(HabitsState, "/habits")
    ran = []
    original = HabitsState._refresh
    HabitsState._refresh = lambda self, me: ran.append(me)  # the body's last step, if it ran
    try:
        result = _run(HabitsState.event_handlers[handler].fn(state, **payload))
    finally:
        HabitsState._refresh = original
    assert not ran and result in (None, [])
    assert _problem(root) == BAD_INPUT_EN


def test_the_message_is_in_the_users_language(db_path):
    root, state = _state(TrendsState, "/trends")
    root.get_substate(["trusthabits___ui___states___app____app_state"]).lang = "nl"
    _run(TrendsState.event_handlers["choose_focus"].fn(state, key="\ud83d"))
    assert _problem(root).startswith("Dat lukte niet")


def test_public_handlers_are_checked_the_same_way(db_path):
    root, state = _state(TrendsState, "/trends")
    _run(TrendsState.event_handlers["choose_layout"].fn(state, layout={"not": "a layout"}))
    assert _problem(root) == BAD_INPUT_EN and state.layout == "chart"
    _run(TrendsState.event_handlers["choose_layout"].fn(state, layout=["table"]))
    assert state.layout == "table"


def _manager(session, email="ann@example.com"):
    accounts.register(session, name="Ann", email=email, password="long enough pw", locale="en",
                                time_zone="Europe/Amsterdam")
    return accounts.sign_in(session, email=email, password="long enough pw")


def test_without_a_session_a_signed_in_handler_redirects_and_changes_nothing(db_path, session):
    root, state = _state(HabitsState, "/habits", token="not-a-session")
    result = _run(HabitsState.event_handlers["add_pause"].fn(
        state, form={"start": "2026-11-02", "end": "2026-11-03"}))
    assert "/signin?next=%2Fhabits" in str(result)
    assert session.exec(select(HabitPause)).all() == []


def test_a_signed_in_handler_works_for_the_manager_it_was_given(db_path, session):
    profile, token = _manager(session)
    today = date.today().isoformat()
    root, state = _state(HabitsState, "/habits", token=token)
    _run(HabitsState.event_handlers["add_pause"].fn(state, form={"start": today, "end": today}))
    assert [p.manager_id for p in session.exec(select(HabitPause))] == [profile.id]
    assert len(state.pauses) == 1 and state.pause_error == ""


def test_a_malformed_form_value_is_refused_but_a_multiline_one_is_text(db_path, session):
    _profile, token = _manager(session)
    root, state = _state(HistoryState, "/history", token=token)
    _run(HistoryState.event_handlers["run_search"].fn(state, form={"search": "line one\nline two"}))
    assert _problem(root) == "" and state.search == "line one\nline two"
    _run(HistoryState.event_handlers["run_search"].fn(state, form={"search": "bell\x07"}))
    assert _problem(root) == BAD_INPUT_EN and state.search == "line one\nline two"


def test_the_team_page_loads_with_one_session_check_and_one_database_session(db_path, session, monkeypatch):
    profile, token = _manager(session)
    team = teams.create_team(session, profile.id, name="Blue", language="en", time_zone="Europe/Amsterdam", k=3)
    teams.add_members(session, profile.id, team.id, "a@example.com, b@example.com")
    checks, sessions = [], []
    resolve, open_session = accounts.resolve_session, events.new_session
    monkeypatch.setattr(accounts, "resolve_session", lambda *a: checks.append(1) or resolve(*a))
    monkeypatch.setattr(events, "new_session", lambda: sessions.append(1) or open_session())
    root, state = _state(TeamDetailState, f"/team/{team.id}", token=token)
    _run(TeamDetailState.event_handlers["load"].fn(state))
    assert state.found and state.team_name == "Blue" and len(state.members) == 2
    assert state.schedule_status.next_pulse.startswith("Next pulse")
    assert (len(checks), len(sessions)) == (1, 1)


def test_a_tabs_first_page_load_makes_its_texts_in_the_managers_language(db_path, session):
    # A new tab starts in the default language; the texts a load makes on the server (facts,
    # round status) must come out in the manager's own, not the default and then stay so.
    accounts.register(session, name="Joke", email="joke@example.com", password="long enough pw", locale="nl",
                      time_zone="Europe/Amsterdam")
    profile, token = accounts.sign_in(session, email="joke@example.com", password="long enough pw")
    team = teams.create_team(session, profile.id, name="Blauw", language="nl", time_zone="Europe/Amsterdam", k=3)
    teams.add_members(session, profile.id, team.id, "a@example.com, b@example.com, c@example.com")
    root, state = _state(TeamDetailState, f"/team/{team.id}", token=token)
    assert state.lang == "en"
    _run(TeamDetailState.event_handlers["load"].fn(state))
    assert state.lang == "nl"
    assert "3 actieve leden" in state.team_facts and "active" not in state.team_facts
    assert state.schedule_status.next_pulse.startswith("Volgende pulse"), state.schedule_status.next_pulse


def test_a_database_error_or_a_missing_thing_leaves_the_page_usable_with_a_message(db_path, session, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from trusthabits.services import habits

    _profile, token = _manager(session)
    today = date.today().isoformat()
    root, state = _state(HabitsState, "/habits", token=token)

    def database_down(*_args, **_kwargs):
        raise OperationalError("INSERT …", {}, Exception("database is locked"))

    monkeypatch.setattr(habits, "add_pause", database_down)
    _run(HabitsState.event_handlers["add_pause"].fn(state, form={"start": today, "end": today}))
    assert _problem(root) == "Saving did not work just now; nothing was changed. Try again in a moment."
    monkeypatch.setattr(habits, "add_pause", lambda *_a, **_k: (_ for _ in ()).throw(LookupError("gone")))
    _run(HabitsState.event_handlers["add_pause"].fn(state, form={"start": today, "end": today}))
    assert _problem(root) == "That is not there (any more). Reload the page to see what is."
    assert session.exec(select(HabitPause)).all() == []
