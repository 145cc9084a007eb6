"""A browser tab on Today, simulated: it speaks Reflex 0.10's websocket protocol the way the
built frontend's `state.js` does, so load and fault runs need no browser per client.

- socket.io over a websocket on the path `/_event`, namespace `/_event`, with the tab's token
  (a uuid4 that survives reconnects, like a tab's sessionStorage) in the query string;
- the hydrate event rides in the CONNECT packet's auth, carrying the client-storage values
  (here the session cookie, which is what signs the tab in) and the page's router data;
- events go out as `emit("event", {"name": "<state>.<handler>", "payload": {...},
  "router_data": {...}})`; updates come back as `event` messages with a `delta` per state and
  the `events` the backend asks the page to run, which the page sends back, except the
  frontend-only ones (`_call_script`, `_redirect`). (Events a handler yields, as `TapState.log`
  yields `TodayState.refresh`, run on the server in 0.10 and only their deltas come back.)
- `new_token`: the server treats the tab as a duplicate and gives it a new token (and state).
- A connect sends no hashes of the compiled defaults, so the first delta carries every state
  in full (about 30 KB), as a browser's reconnect does.

A tap is `TapState.log(behaviour)`; it is confirmed when a delta brings a new
`TapState.confirmed_id` (the id of the logged entry). The tab keeps every confirmed id, so a
caller can check them against the database.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field

import socketio
import socketio.packet

NAMESPACE = "/_event"
ROUTER_DATA = {"pathname": "/", "asPath": "/"}
FIELD = "{}_rx_state_"  # how a state var is named in a delta


class BrowserPacket(socketio.packet.Packet):
    """Packets encoded as a browser's JSON.stringify does: plain ASCII escapes for anything odd,
    a lone surrogate included. Its own class, because Reflex sets its server's encoder on
    socket.io's shared Packet class, which a client in a process that imported the app would
    otherwise use too."""

    json = json


@dataclass(frozen=True)
class Names:
    """The full state names of the app, as the compiled frontend knows them."""

    root: str
    tap: str
    today: str
    session: str
    session_cookie: str  # the client-storage key of SessionState.session_token

    @classmethod
    def of_the_app(cls) -> Names:
        from reflex.state import State

        from trusthabits.ui.pages.today import TapState, TodayState
        from trusthabits.ui.states.app import SessionState

        session = SessionState.get_full_name()
        return cls(root=State.get_full_name(), tap=TapState.get_full_name(), today=TodayState.get_full_name(),
                   session=session, session_cookie=f"{session}.{FIELD.format('session_token')}")


class Disconnected(Exception):
    """The connection dropped before the answer came (the worker died or stopped)."""


@dataclass
class Tab:
    base_url: str
    session_token: str
    names: Names
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    signed_in: bool | None = None
    confirmed_ids: list[int] = field(default_factory=list)
    connects: int = 0
    dropped_at: float | None = None  # time.monotonic() of the last lost connection
    new_tokens: int = 0
    # TapState.confirmed_id in the state the last connect brought back (kept in Redis or not).
    hydrated_confirmed_id: int = 0
    # TapState.confirmed_id as the server last reported it: what a reconnect should bring back
    # (Today's on_load resets it to 0, so after a reconnect without a tap it is 0, not the last tap).
    state_confirmed_id: int = 0

    def __post_init__(self) -> None:
        self._client: socketio.AsyncClient | None = None
        self._hydrated = asyncio.Event()
        self._confirmation: asyncio.Future | None = None
        self._last_confirmed = 0
        self.disconnected = asyncio.Event()

    @property
    def connected(self) -> bool:
        return self._client is not None and self._client.connected and not self.disconnected.is_set()

    async def connect(self, timeout: float = 10) -> None:
        """Connect and hydrate; returns once the page's on_load has run (so `signed_in` says
        whether the session cookie was accepted)."""
        client = socketio.AsyncClient(reconnection=False, serializer=BrowserPacket)
        client.on("event", self._on_update, namespace=NAMESPACE)
        client.on("disconnect", self._on_disconnect, namespace=NAMESPACE)
        client.on("new_token", self._on_new_token, namespace=NAMESPACE)
        self._hydrated.clear()
        self._awaiting_full_state = True
        self.disconnected.clear()
        hydrate = {"name": f"{self.names.root}.hydrate_and_load",
                   "payload": {"vars": {self.names.session_cookie: self.session_token}},
                   "router_data": ROUTER_DATA}
        self._client = client
        try:
            await client.connect(f"{self.base_url}?token={self.token}", socketio_path="/_event",
                                 namespaces=[NAMESPACE], transports=["websocket"], wait_timeout=timeout,
                                 auth={"event": hydrate}, headers={"Origin": self.base_url})
            await asyncio.wait_for(self._hydrated.wait(), timeout)
        except BaseException:
            await self.close()
            raise
        self.connects += 1

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                await client.disconnect()
            except Exception:  # noqa: BLE001 - it may be gone already
                pass

    async def tap(self, behaviour: str, timeout: float = 30) -> tuple[int, float]:
        """Log `behaviour`; returns (entry id, milliseconds to the confirming delta)."""
        if not self.connected:
            raise Disconnected()
        self._confirmation = asyncio.get_running_loop().create_future()
        started = time.perf_counter()
        await self._emit(f"{self.names.tap}.log", {"behaviour": behaviour})
        waiters = {self._confirmation, asyncio.ensure_future(self.disconnected.wait())}
        done, pending = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        for waiter in pending:
            if waiter is not self._confirmation:
                waiter.cancel()
        if self._confirmation in done:
            entry_id = self._confirmation.result()
            return entry_id, (time.perf_counter() - started) * 1000
        self._confirmation = None
        if self.disconnected.is_set():
            raise Disconnected()
        raise TimeoutError(f"no confirmation within {timeout}s")

    async def _emit(self, name: str, payload: dict) -> None:
        await self._client.emit("event", {"name": name, "payload": payload, "router_data": ROUTER_DATA},
                                namespace=NAMESPACE)

    async def _on_update(self, update: dict) -> None:
        delta = update.get("delta") or {}
        session = delta.get(self.names.session) or {}
        if FIELD.format("signed_in") in session:
            self.signed_in = bool(session[FIELD.format("signed_in")])
        # The root state turns hydrated once the page's on_load (the session check) has run.
        if (delta.get(self.names.root) or {}).get(FIELD.format("is_hydrated")) is True:
            self._hydrated.set()
        confirmed = (delta.get(self.names.tap) or {}).get(FIELD.format("confirmed_id"))
        if FIELD.format("confirmed_id") in (delta.get(self.names.tap) or {}):
            self.state_confirmed_id = confirmed or 0
        if self._awaiting_full_state:
            # The first update of a connection is the stored state in full (Today's on_load
            # then resets the confirmation, so only this one tells what the server kept). Its
            # confirmed_id is an old tap's, not a new confirmation: an older one than the last
            # seen (the state came back behind) must not count as that tap confirmed twice.
            self._awaiting_full_state = False
            self.hydrated_confirmed_id = confirmed or 0
            confirmed = None
        if confirmed and confirmed != self._last_confirmed:
            self._last_confirmed = confirmed
            self.confirmed_ids.append(confirmed)
            if self._confirmation is not None and not self._confirmation.done():
                self._confirmation.set_result(confirmed)
        for event in update.get("events") or []:
            # What the page runs itself (scripts, redirects) starts with "_"; the rest goes back.
            if not event.get("name", "_").startswith("_") and self.connected:
                await self._emit(event["name"], event.get("payload") or {})

    async def _on_new_token(self, token: str) -> None:
        """The server saw this tab's token still linked to another connection (after a worker
        died, its records outlive it in Redis) and handed out a new one, with fresh state: the
        browser keeps the new token for later reconnects, and so do we."""
        self.token = token
        self.new_tokens += 1

    async def _on_disconnect(self, *_reason) -> None:
        if not self.disconnected.is_set():
            self.dropped_at = time.monotonic()
        self.disconnected.set()
