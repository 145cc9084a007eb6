"""The event websocket's boundary (ui/socket_guard.py), without a server: which events reach
Reflex, what a refused one becomes, and the packet decoder's limits. The same guard on the real
server, spoken to as a browser would: tests/e2e/test_hostile_inputs.py."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reflex.state import State

import rxconfig  # noqa: F401 - the app's config, as when Reflex loads the app
from trusthabits import trusthabits
from trusthabits.ui import socket_guard
from trusthabits.ui.pages.today import TapState
from trusthabits.ui.states.app import ProblemState, SessionState

TAP = f"{TapState.get_full_name()}.log"
HYDRATE = f"{State.get_full_name()}.hydrate_and_load"
ROUTER = {"pathname": "/", "asPath": "/"}
COOKIE = f"{SessionState.get_full_name()}.session_token_rx_state_"  # as the built frontend names it
UPDATE_VARS = f"{State.get_full_name()}.reflex___state____update_vars_internal_state.update_vars_internal"


@pytest.fixture(scope="module")
def guard() -> socket_guard.Guard:
    return socket_guard.Guard(socket_guard._all_handlers(), f"{ProblemState.get_full_name()}.refused", HYDRATE)


def _event(name=TAP, payload=None, router_data=None, **extra):
    return {"name": name, "payload": {"behaviour": "courage"} if payload is None else payload,
            "router_data": ROUTER if router_data is None else router_data, **extra}


def test_the_app_installs_the_guard():
    namespace = trusthabits.app.event_namespace
    assert namespace.on_event.__name__ == "on_event_screened"
    assert namespace.on_connect.__name__ == "on_connect_screened"
    assert trusthabits.app.sio.packet_class.json.loads("[[[1]]]") == [[[1]]]


def test_what_a_page_sends_goes_through_unchanged(guard):
    for event in (_event(), _event(HYDRATE, {"vars": {COOKIE: "token"}, "hashes": []}),
                  _event(UPDATE_VARS, {"vars": {COOKIE: "token"}}),
                  _event(router_data={"pathname": "/team/3", "asPath": "/team/3?x=1", "query": {"x": "1"}}),
                  _event(f"{State.get_full_name()}.reflex___state____on_load_internal_state.on_load_internal", {})):
        assert guard.screened("sid", event) is event


REFUSED = {
    "not a dict": ["event"],
    "a string": "hello",
    "unknown field": _event(token="x"),
    "name not text": _event(name=5),
    "name with a surrogate": _event(name="\ud800"),
    "no such handler": _event(name=f"{TapState.get_full_name()}.nope"),
    "no such state": _event(name="evil.state.log"),
    "setvar on a state": _event(name=f"{TapState.get_full_name()}.setvar", payload={"var_name": "x", "value": 1}),
    "root setvar": _event(name=f"{State.get_full_name()}.setvar", payload={"var_name": "is_hydrated", "value": 1}),
    "set_is_hydrated": _event(name=f"{State.get_full_name()}.set_is_hydrated", payload={"value": True}),
    "payload a list": _event(payload=[1]),
    "payload with a surrogate": _event(payload={"behaviour": "\ud800"}),
    "payload key with a surrogate": _event(payload={"\udc00": "x"}),
    "payload 2**63": _event(payload={"behaviour": 2**63}),
    "payload -2**63-1": _event(payload={"behaviour": -2**63 - 1}),
    "payload NaN": _event(payload={"behaviour": float("nan")}),
    "payload deep": _event(payload={"behaviour": json.loads("[" * 40 + "]" * 40)}),
    "payload wide": _event(payload={"behaviour": list(range(10_000))}),
    "router data a list": _event(router_data=["/"]),
    "router extra field": _event(router_data={**ROUTER, "headers": {}}),
    "router path not text": _event(router_data={"pathname": 5, "asPath": "/"}),
    "router path with a surrogate": _event(router_data={"pathname": "/\ud800", "asPath": "/"}),
    "router path with a NUL": _event(router_data={"pathname": "/\x00", "asPath": "/"}),
    "router path not absolute": _event(router_data={"pathname": "http://evil.example/", "asPath": "/"}),
    "router path huge": _event(router_data={"pathname": "/" + "a" * 5_000, "asPath": "/"}),
    "router query a list": _event(router_data={**ROUTER, "query": ["a"]}),
    "router query value not text": _event(router_data={**ROUTER, "query": {"a": {"b": 1}}}),
    "decoder refusal": {socket_guard.REFUSED: "nested too deep"},
    "client var nobody keeps": _event(UPDATE_VARS, {"vars": {"x": "token"}}),
    "client var not text": _event(UPDATE_VARS, {"vars": {COOKIE: {"a": 1}}}),
    "hydrate with a stranger's var": _event(HYDRATE, {"vars": {f"{State.get_full_name()}.is_hydrated": "1"}}),
    "hydrate with hashes not text": _event(HYDRATE, {"vars": {}, "hashes": [1]}),
    "on_load with arguments": _event(f"{State.get_full_name()}.reflex___state____on_load_internal_state."
                                     "on_load_internal", {"x": 1}),
}


@pytest.mark.parametrize("event", REFUSED.values(), ids=REFUSED.keys())
def test_a_crafted_event_becomes_the_tabs_problem_message(guard, event, caplog):
    screened = guard.screened("sid", event)
    assert screened["name"] == f"{ProblemState.get_full_name()}.refused"
    assert screened["payload"] == {}
    assert socket_guard.router_problem(screened["router_data"]) is None
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "\ud800" not in caplog.records[0].getMessage()


def test_a_crafted_hydrate_at_connect_becomes_a_plain_one(guard):
    good = {"event": _event(HYDRATE, {"vars": {COOKIE: "v"}, "hashes": []})}
    assert guard.screened_boot("sid", good) is good
    for bad in ({"event": _event(HYDRATE, {"vars": {"k": "\ud800"}})}, {"event": _event()},
                {"event": "x", "schema": "s"}, {"event": _event(HYDRATE, {"vars": {}}, {"pathname": 1})}):
        screened = guard.screened_boot("sid", bad)
        assert screened["event"] == {"name": HYDRATE, "payload": {}, "router_data": ROUTER}
    assert guard.screened_boot("sid", None) is None


@pytest.mark.parametrize("packet, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deep"),
    ('["event", {"payload": ' + "[" * 20 + "]" * 20 + "}]", "nested too deep"),
    ('["event", {"x": ' + "9" * 5_000 + "}]", "not JSON"),
    ('["event", {"x": ', "not JSON"),
])
def test_the_packet_decoder_refuses_what_pythons_parser_cannot_take(packet, reason):
    loads = socket_guard.guarded_loads(json.loads)
    assert loads(packet) == ["event", {socket_guard.REFUSED: reason}]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=JSON, router=JSON)
def test_any_json_event_is_either_passed_on_plain_or_refused(guard, payload, router):
    event = {"name": TAP, "payload": payload, "router_data": router}
    screened = guard.screened("sid", event)
    if screened is event:
        assert isinstance(payload, dict) and socket_guard.value_problem(payload) is None
        assert socket_guard.router_problem(router) is None
    else:
        assert screened["name"].endswith(".refused")


def test_a_pages_error_report_is_one_warning_line_and_goes_no_further(guard, caplog):
    report = _event(f"{State.get_full_name()}.reflex___state____frontend_event_exception_state."
                    "handle_frontend_exception", {"info": "\x1b[31m\u202eforged\nERROR line", "component_stack": ""})
    assert guard.screened("sid", report) is None
    [record] = caplog.records
    assert record.levelname == "WARNING" and "\n" not in record.getMessage() and "\u202e" not in record.getMessage()
