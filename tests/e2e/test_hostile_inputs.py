"""The hostile-input suite against the real production server (README "Abuse resistance"):
every event handler the pages can reach, sent what a crafted websocket client can send, by a
client speaking Reflex's protocol (bench/reflex_client.py); URL segments the pages read; raw
socket.io packets Python's parser chokes on; and the public HTTP routes.

Every case: no server error (no traceback, no ERROR line in the server's log), the socket stays
up and answers the next event, the tab rehydrates afterwards, nothing is stored on refusal and
another manager's data is untouched. The structured (Hypothesis) cases run without a server:
tests/ui/test_socket_guard.py, tests/core/test_input_rules.py; the use cases' own:
tests/services/test_hostile_inputs.py.
"""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from datetime import date

import httpx
import pytest
from reflex.state import State
from sqlmodel import Session, func, select

from bench.reflex_client import NAMESPACE, Names, Tab
from tests.e2e.conftest import unique_email
from tests.e2e.helpers import PASSWORD, create_manager, run_async
from trusthabits import trusthabits  # noqa: F401 - registers every page and its states
from trusthabits.core.clock import now
from trusthabits.db.models import ActionLog, HabitPause, Member, Team
from trusthabits.services import accounts, actions, habits, teams
from trusthabits.ui import socket_guard
from trusthabits.ui.events import declaration
from trusthabits.ui.pages.trends import TrendsState

# What a crafted client sends in place of an argument: wrong JSON types, numbers no column
# holds, text nobody types, markup and SQL, oversized values, malformed forms.
NASTY: dict[str, object] = {
    "lone high surrogate": "\ud800",
    "lone low surrogate": "a\udfffb",
    "surrogate as a form key": {"\ud800": "x"},
    "surrogate as a form value": {"name": "\udbff"},
    "2**63": 2**63,
    "-(2**63)-1": -(2**63) - 1,
    "10**30": 10**30,
    "negative id": -1,
    "zero": 0,
    "float": 1.5,
    "null": None,
    "true": True,
    "empty list": [],
    "list of 2,000": [1] * 2000,
    "empty object": {},
    "nested object": {"a": {"b": ["c"]}},
    "100 KB of text": "x" * 100_000,
    "NUL": "\x00",
    "escape sequence": "\x1b[31mred",
    "bidi override": "\u202eevil",
    "superscript digit": "²",
    "Arabic-Indic digits": "١٢",
    "SQL fragment": "' OR 1=1; DROP TABLE manager; --",
    "HTML fragment": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "far week": "9999-W52",
    "emoji": "👍" * 50,
    "form with a nested field": {"name": {"x": 1}, "email": ["a"]},
    "form with 100 fields": {f"f{i}": "x" for i in range(100)},
    "form with SQL": {"name": "'; DROP TABLE team; --", "email": "a@b.c' --", "note": "<b>x</b>"},
    "form with a huge number": {"target": str(10**40), "k": "99999999999999999999"},
}
# URL segments a page reads from its path (router data the client sends on every event).
PATHS = ["/team/²", "/team/١٢", "/team/99999999999999999999", "/team/-1", "/team/0", "/team/1%00",
         "/reflect/9999-W52", "/reflect/0001-W01", "/reflect/²-W01", "/reflect/2026-W99", "/reflect/" + "9" * 500,
         "/unsubscribe/\u202e1.x", "/unsubscribe/1." + "A" * 500, "/unsubscribe/99999999999999999999.x",
         "/confirm/" + "x" * 300, "/confirm/%00", "/reset/<script>", "/reset/' OR 1=1 --",
         "/team/../../etc/passwd", "/" + "a/" * 500]
# Raw socket.io packets, past the client's own encoder.
RAW_PACKETS = {
    "nested 100,000 deep": '42/_event,["event",' + "[" * 100_000 + "]" * 100_000 + "]",
    "5,000-digit integer": '42/_event,["event",{"name":"x","payload":{"v":' + "9" * 5000 + "}}]",
    "not JSON": '42/_event,["event",{"name":',
    "event not an object": '42/_event,["event","hello"]',
    "NaN and Infinity": '42/_event,["event",{"name":"x","payload":{"v":NaN,"w":-Infinity}}]',
}


def _handlers() -> list[tuple[str, str, list[str]]]:
    """(state, handler, argument names) for every handler a page declares and every Reflex
    handler the socket could name (setvar on each state, the root state's internals)."""
    found, pending = [], [State]
    while pending:
        state = pending.pop()
        pending.extend(state.get_substates())
        for name, handler in state.event_handlers.items():
            ours = state.__module__.startswith("trusthabits.") and declaration(handler)
            if ours or name in socket_guard.REFLEX_OWN or name in ("setvar", "set_is_hydrated", "hydrate"):
                found.append((state.get_full_name(), name, list(inspect.signature(handler.fn).parameters)[1:]))
    return found


@dataclass
class Other:
    """Another manager's things, whose ids the attacker sends."""

    team_id: int
    member_id: int
    entry_id: int
    pause_id: int

    def counts(self, db: Session) -> tuple:
        return (db.get(Team, self.team_id).name, db.get(Member, self.member_id).active,
                db.get(ActionLog, self.entry_id).note, db.get(HabitPause, self.pause_id).end)


@pytest.fixture(scope="module")
def other(app_server) -> Other:
    bob = create_manager(app_server, unique_email("bob"), name="Bob")
    with Session(app_server.engine, expire_on_commit=False) as db:
        team = teams.create_team(db, bob.id, name="Bob's team", language="en", time_zone="Europe/Amsterdam")
        teams.add_members(db, bob.id, team.id, "m1@example.com\nm2@example.com")
        member = teams.list_members(db, bob.id, team.id)[0]
        entry = actions.log_action(db, bob.id, "courage", note="Bob's own", now=now())
        pause = habits.add_pause(db, bob.id, date(2026, 1, 5), date(2026, 1, 9))
    return Other(team.id, member.id, entry.id, pause.id)


class Session_:
    """A signed-in tab that notices whether the server still answers it."""

    def __init__(self, server, token: str):
        self.server, self.token, self.names = server, token, Names.of_the_app()
        self.answered = asyncio.Event()
        self.tab: Tab | None = None

    async def open(self, tab_token: str | None = None) -> None:
        self.tab = Tab(self.server.base_url, self.token, self.names, **({"token": tab_token} if tab_token else {}))
        await self.tab.connect()
        update = self.tab._on_update
        trends = TrendsState.get_full_name()

        async def spy(message: dict) -> None:
            if trends in (message.get("delta") or {}):
                self.answered.set()
            await update(message)

        self.tab._client.handlers[NAMESPACE]["event"] = spy

    async def send(self, name: str, payload: object, router_data: dict | None = None) -> None:
        await self.tab._client.emit("event", {"name": name, "payload": payload,
                                              "router_data": router_data or {"pathname": "/", "asPath": "/"}},
                                    namespace=NAMESPACE)

    async def alive(self, timeout: float = 20) -> bool:
        """Whether the socket is up and the next event is answered."""
        if not self.tab.connected:
            return False
        self.answered.clear()
        await self.send(f"{TrendsState.get_full_name()}.flip_needs", {})
        try:
            await asyncio.wait_for(self.answered.wait(), timeout)
        except TimeoutError:
            return False
        return True


def _server_errors(server, since: int) -> list[str]:
    lines = server.log_path.read_text(errors="replace").splitlines()[since:]
    return [line for line in lines if "Traceback" in line or " ERROR " in line or "Exception" in line]


def _log_length(server) -> int:
    return len(server.log_path.read_text(errors="replace").splitlines())


def _arguments(params: list[str], value: object, other: Other) -> list[dict]:
    """The payloads one hostile value makes for a handler: the value in every argument, and for
    ids also another manager's real id."""
    if not params:
        return [{"unexpected": value}, value]  # an argument nobody declared; a payload not an object
    payloads = [{name: value for name in params}]
    own_ids = {"team_id": other.team_id, "member_id": other.member_id, "entry_id": other.entry_id,
               "pause_id": other.pause_id, "round_id": other.team_id, "experiment_id": other.entry_id}
    if value == 0 and any(name in own_ids for name in params):
        payloads.append({name: own_ids.get(name, True) for name in params})
        payloads.append({name: str(own_ids[name]) if name in own_ids else True for name in params})
    return payloads


def test_every_handler_survives_every_hostile_value(app_server, other):
    email = unique_email("hostile")
    ann = create_manager(app_server, email)
    with Session(app_server.engine) as db:
        _, token = accounts.sign_in(db, email=email, password=PASSWORD)
        before = other.counts(db)
    handlers = _handlers()
    assert len(handlers) > 60

    async def attack() -> tuple[list[str], int]:
        tab = Session_(app_server, token)
        await tab.open()
        failures, sent = [], 0
        for state, name, params in handlers:
            start = _log_length(app_server)
            for value in NASTY.values():
                for payload in _arguments(params, value, other):
                    await tab.send(f"{state}.{name}", payload)
                    sent += 1
            for path in PATHS:
                await tab.send(f"{state}.{name}", {}, {"pathname": path, "asPath": path})
                sent += 1
            if not await tab.alive():
                failures.append(f"{name}: the socket stopped answering")
                await tab.tab.close()
                await tab.open()
            failures += [f"{state.rsplit('.', 1)[-1]}.{name}: {line}" for line in _server_errors(app_server, start)]
        start = _log_length(app_server)
        for label, packet in RAW_PACKETS.items():
            await tab.tab._client.eio.send(packet)
            sent += 1
            if not await tab.alive():
                failures.append(f"raw packet {label}: the socket stopped answering")
                await tab.tab.close()
                await tab.open()
        failures += [f"raw packets: {line}" for line in _server_errors(app_server, start)]
        # The tab comes back with its state: close and reconnect with the same tab token.
        tab_token = tab.tab.token
        await tab.tab.close()
        await tab.open(tab_token)
        if not (tab.tab.signed_in and await tab.alive()):
            failures.append("the tab did not rehydrate signed in")
        await tab.tab.close()
        return failures, sent

    failures, sent = run_async(attack())
    assert sent > 2000
    assert not failures, "\n".join(failures[:40])
    with Session(app_server.engine) as db:
        assert other.counts(db) == before  # another manager's things are untouched
        assert db.exec(select(func.count()).select_from(ActionLog).where(ActionLog.manager_id == ann.id)).one() == 0
        assert accounts.resolve_session(db, token) is not None  # and the attacker is still just signed in


ROUTES = [
    ("GET", "/pulse/\u202e", None), ("GET", "/pulse/%ED%A0%80", None), ("GET", "/pulse/" + "x" * 5000, None),
    ("GET", "/pulse/' OR 1=1 --", None), ("GET", "/pulse/<script>", None), ("GET", "/pulse/%00", None),
    ("POST", "/pulse/x", {"trust_1": "5"}), ("POST", "/pulse/x", {"trust_1": "9" * 5000}),
    ("POST", "/pulse/x", {"comment": "\x00" * 100}), ("POST", "/pulse/x", b"\xff\xfe\x00garbage"),
    ("GET", "/anonymity/\ud800", None), ("GET", "/anonymity/%ED%A0%80", None), ("GET", "/anonymity/" + "9" * 100, None),
    ("GET", "/anonymity/../../etc/passwd", None), ("GET", "/api/health?x=%00%ED%A0%80", None),
    ("POST", "/api/actions", b"{" * 10_000), ("POST", "/api/actions", b'{"behaviour": "\\ud800"}'),
    ("POST", "/api/actions", b"[1, 2]"), ("POST", "/api/actions", b'{"behaviour": 1e999}'),
    ("POST", "/api/actions", b"not json"), ("POST", "/api/health", b"x"), ("DELETE", "/api/health", None),
    ("GET", "/unsubscribe/%ED%A0%80", None), ("GET", "/unsubscribe/1." + "A" * 5000, None),
    ("GET", "/reset/%00", None), ("GET", "/confirm/' OR 1=1 --", None), ("GET", "/team/²", None),
    ("GET", "/reflect/9999-W52", None), ("POST", "/_upload", b"x" * 100), ("GET", "/_upload", None),
    ("GET", "/_event/?EIO=4&transport=polling", None), ("GET", "/" + "a" * 10_000, None),
]


@pytest.mark.parametrize("method, path, body", ROUTES, ids=[f"{m} {p[:40]}" for m, p, _ in ROUTES])
def test_public_routes_answer_hostile_requests_without_a_server_error(app_server, method, path, body):
    start = _log_length(app_server)
    headers = {"Origin": app_server.base_url}
    content = body if isinstance(body, bytes) else None
    data = body if isinstance(body, dict) else None
    if content is not None and path == "/api/actions":
        headers |= {"Content-Type": "application/json", "Cookie": "th_session=not-a-session"}
    url = app_server.base_url + path.replace("\u202e", "%E2%80%AE").replace("\ud800", "%ED%A0%80")
    response = httpx.request(method, url, headers=headers, content=content, data=data, timeout=30)
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert "Traceback" not in response.text
    assert _server_errors(app_server, start) == []
