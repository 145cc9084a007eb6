"""The event websocket's boundary: what a socket may send before Reflex decodes and runs it.

`ui/events.py` checks each declared handler's arguments; this module checks everything around
them, which Reflex would otherwise take as it comes and which a crafted client controls:

- the socket.io packet's JSON: nested at most MAX_DEPTH deep, numbers a 64-bit column holds
  (Python's parser raises RecursionError on deep nesting and ValueError on a 5,000-digit
  integer, both inside python-socketio where they end up as tracebacks);
- the event's shape: a known event name, a flat `payload` object, `router_data` with only the
  fields the built frontend sends (`pathname`, `asPath`, `query` of text);
- every text in it, keys included: no lone surrogates (`"\\ud800"`), which Python decodes but
  cannot encode again — stored in a tab's state they broke every later update and the tab's
  rehydration, and the socket with it;
- the event's name: a handler declared with @signed_in/@page_load/@public, or one of the four
  Reflex handlers the built frontend calls itself (hydrate, on_load, client storage updates,
  frontend error reports). Everything else Reflex would run — `setvar` on every state, the
  root state's internals — is refused.

A refused event never reaches a state: in its place the tab's own ProblemState shows the
translated "the page sent something it should not have" message (one warning line in the log,
no traceback), and the socket stays open. A refused connect-time hydrate is replaced by a
plain one, so the tab still comes up.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from trusthabits.core import input_rules
from trusthabits.ui.events import declaration, payload_problem

log = logging.getLogger("trusthabits.socket")

MAX_DEPTH = 12  # the deepest thing our pages send is a form inside a payload inside an event
MAX_NODES = 5_000  # values in one event (a form has at most 50 fields)
MAX_ROUTER_TEXT = 2_048
MAX_QUERY_FIELDS = 50
REFUSED = "__trusthabits_refused__"


# The names of the vars a page keeps in the browser (cookies, local storage) as the frontend
# sends them back ("<state>.<var>_rx_state_"); filled with the handler map.
CLIENT_VARS: set[str] = set()


def _client_values(value: Any) -> bool:
    """Client storage as the frontend sends it: {known client var: text}."""
    return isinstance(value, dict) and len(value) <= 100 and all(
        key in CLIENT_VARS and (isinstance(text, str) or text is None) for key, text in value.items())


# The Reflex handlers the built frontend calls itself (utils/state.js), by handler name, each
# with the payload it sends. (Frontend error reports are logged as one warning line instead:
# `Guard.screened`.)
REFLEX_OWN: dict[str, Callable[[dict[str, Any]], bool]] = {
    "hydrate_and_load": lambda p: p.keys() <= {"vars", "hashes"} and (p.get("vars") is None or _client_values(
        p["vars"])) and (p.get("hashes") is None or isinstance(p["hashes"], list) and all(
            isinstance(h, str) for h in p["hashes"])),
    "on_load_internal": lambda p: not p,
    "update_vars_internal": lambda p: p.keys() == {"vars"} and _client_values(p["vars"]),
}
FRONTEND_EXCEPTION = "handle_frontend_exception"
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME = re.compile(r"^[A-Za-z0-9_.]{1,400}$")
_ROUTER_FIELDS = frozenset({"pathname", "asPath", "query"})


class Refusal(ValueError):
    """Why an event was refused (for the log line)."""


def value_problem(value: Any, max_depth: int = MAX_DEPTH) -> str | None:
    """None when `value` (decoded JSON) holds only plain data: text without lone surrogates,
    whole numbers within 64 bits, finite floats, no deeper than `max_depth`; else why not.
    Iterative, so a hostile depth cannot exhaust the stack."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return "too many values"
        if depth > max_depth:
            return "nested too deep"
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return "lone surrogate"
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if input_rules.int_problem(item):
                return "integer beyond 64 bits"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "not a finite number"
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str) or _SURROGATE.search(key):
                    return "bad key"
                stack.append((inner, depth + 1))
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)
        else:
            return f"unexpected {type(item).__name__}"
    return None


def router_problem(router_data: Any) -> str | None:
    """None for router data as the built frontend sends it; else why not."""
    if not isinstance(router_data, dict) or not router_data.keys() <= _ROUTER_FIELDS:
        return "router data"
    for field in ("pathname", "asPath"):
        text = router_data.get(field, "/")
        if input_rules.text_problem(text, max_length=MAX_ROUTER_TEXT) or not text.startswith("/"):
            return f"router {field}"
    query = router_data.get("query", {})
    if not isinstance(query, dict) or len(query) > MAX_QUERY_FIELDS:
        return "router query"
    for key, text in query.items():
        if input_rules.text_problem(key, max_length=100) or input_rules.text_problem(text, max_length=MAX_ROUTER_TEXT):
            return "router query"
    return None


class Guard:
    """Screens events for one app. `handlers` maps a full event name to its handler."""

    def __init__(self, handlers: dict[str, Any], problem_event: str, hydrate_event: str):
        self.handlers = handlers
        self.problem_event = problem_event
        self.hydrate_event = hydrate_event

    def problem(self, data: Any) -> str | None:
        """None when the event may go on to Reflex; else why not."""
        if not isinstance(data, dict):
            return "not an event"
        if REFUSED in data:
            return str(data[REFUSED])
        if not data.keys() <= {"name", "payload", "router_data"}:
            return "unknown event field"
        name, payload = data.get("name"), data.get("payload", {})
        if not isinstance(name, str) or not _NAME.match(name):
            return "event name"
        handler = self.handlers.get(name)
        if handler is None:
            return "no such handler"
        if not isinstance(payload, dict):
            return "payload"
        if problem := value_problem(payload) or router_problem(data.get("router_data", {})):
            return problem
        if declaration(handler):
            return "arguments" if payload_problem(handler, payload) else None
        own = REFLEX_OWN.get(name.rsplit(".", 1)[-1])
        if own is None:
            return "handler not callable from a page"
        return None if own(payload) else "arguments"

    def safe_router_data(self, data: Any) -> dict[str, Any]:
        router_data = data.get("router_data") if isinstance(data, dict) else None
        if router_problem(router_data) is None and isinstance(router_data, dict):
            return router_data
        return {"pathname": "/", "asPath": "/"}

    def screened(self, sid: str, data: Any) -> Any:
        """The event itself, or in its place the tab's problem message; None for a page's error
        report, which is logged here as one warning line (Reflex would log whatever text the
        client sent at error level, as often as it is sent)."""
        if isinstance(data, dict) and isinstance(data.get("name"), str) and data["name"].endswith(
                "." + FRONTEND_EXCEPTION) and data["name"] in self.handlers:
            payload = data.get("payload")
            info = payload.get("info") if isinstance(payload, dict) else None
            log.warning("a page on socket %s reported an error: %s", sid,
                        _printable(info) if isinstance(info, str) else "(no text)")
            return None
        why = self.problem(data)
        if why is None:
            return data
        name = data.get("name") if isinstance(data, dict) else None
        shown = input_rules.text_problem(name, max_length=200) is None and isinstance(name, str)
        log.warning("refused an event from socket %s (%s): %s", sid, why, name if shown else "(unreadable name)")
        return {"name": self.problem_event, "payload": {}, "router_data": self.safe_router_data(data)}

    def screened_boot(self, sid: str, auth: Any) -> Any:
        """The CONNECT packet's auth with its hydrate event screened: a refused one becomes a
        plain hydrate, so the tab still comes up (without the refused client values)."""
        if not isinstance(auth, dict) or "event" not in auth:
            return auth
        event = auth["event"]
        why = self.problem(event)
        if why is None and isinstance(event, dict) and event.get("name") == self.hydrate_event:
            return auth
        log.warning("refused a connect-time event from socket %s (%s)", sid, why or "not the hydrate event")
        plain = {"name": self.hydrate_event, "payload": {}, "router_data": self.safe_router_data(event)}
        return {**{k: v for k, v in auth.items() if value_problem(v) is None}, "event": plain}


def _printable(text: str, limit: int = 300) -> str:
    """Client text fit for one log line: no control characters, surrogates or bidi overrides."""
    return re.sub("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]", " ", text[:limit])


def guarded_loads(loads: Callable[..., Any]) -> Callable[..., Any]:
    """socket.io's JSON decoder, refusing what Python's parser cannot take or should not:
    deeper than MAX_DEPTH + 2 (the packet's own list and the event object) or unparseable.
    A refused packet decodes to an event carrying only the reason, which the guard then
    answers with the problem message."""

    def loads_screened(data: str | bytes, **kwargs: Any) -> Any:
        if input_rules.json_depth_problem(data, MAX_DEPTH + 2):
            return ["event", {REFUSED: "nested too deep"}]
        try:
            return loads(data, **kwargs)
        except (ValueError, RecursionError):
            return ["event", {REFUSED: "not JSON"}]

    return loads_screened


def _all_handlers() -> dict[str, Any]:
    from reflex.istate.storage import ClientStorageBase
    from reflex.state import State

    found: dict[str, Any] = {}
    pending: list[Any] = [State]
    while pending:
        state = pending.pop()
        found.update({f"{state.get_full_name()}.{name}": handler for name, handler in state.event_handlers.items()})
        CLIENT_VARS.update(f"{state.get_full_name()}.{name}_rx_state_" for name, field in state.get_fields().items()
                           if isinstance(field.default, ClientStorageBase))
        pending.extend(state.get_substates())
    return found


def install(app: Any) -> Guard | None:
    """Put the guard in front of the app's event namespace and socket.io's JSON decoder.
    Call after every page is added (the handler map is built on first use)."""
    from reflex.state import State

    from trusthabits.ui.states.app import ProblemState

    namespace = app.event_namespace
    if namespace is None or app.sio is None:
        return None
    guard = Guard({}, f"{ProblemState.get_full_name()}.refused", f"{State.get_full_name()}.hydrate_and_load")
    on_event, on_connect = namespace.on_event, namespace.on_connect

    def handlers() -> dict[str, Any]:
        if not guard.handlers:
            guard.handlers = _all_handlers()
        return guard.handlers

    async def on_event_screened(sid: str, data: Any) -> Any:
        handlers()
        screened = guard.screened(sid, data)
        return None if screened is None else await on_event(sid, screened)

    async def on_connect_screened(sid: str, environ: dict, auth: Any = None) -> Any:
        handlers()
        return await on_connect(sid, environ, guard.screened_boot(sid, auth))

    # python-socketio looks handlers up on the namespace object at each event.
    namespace.on_event = on_event_screened
    namespace.on_connect = on_connect_screened
    packets = app.sio.packet_class
    current = packets.json
    packets.json = SimpleNamespace(dumps=current.dumps, loads=guarded_loads(current.loads))
    return guard
