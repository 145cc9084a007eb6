"""Load and fault checks shared by bench/cluster.py and the short cluster test: signed-in tabs
(bench/reflex_client.py) tapping behaviours at a given rate, reconnecting when their worker dies,
and the checks afterwards (every confirmed tap in the database exactly once, every dropped tab
back and still signed in, one scheduler leader at a time)."""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from bench.reflex_client import Disconnected, Names, Tab
from trusthabits.adapters.leader import ADVISORY_LOCK_KEY
from trusthabits.core import clock
from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.db.models import ActionLog, Manager
from trusthabits.services import accounts

PASSWORD = "benchmark passphrase"
RECONNECT_EVERY_S = 0.2


def seed_managers(engine, count: int, history: int = 20) -> list[tuple[int, str]]:
    """`count` managers (one registered through the service, the rest copies of its password
    hash, so seeding costs one Argon2 hash), each with `history` past entries and a session.
    Returns (manager id, session token) per manager; reuses managers seeded before."""
    with Session(engine, expire_on_commit=False) as session:
        existing = session.exec(select(Manager).where(Manager.email.like("bench%@example.com"))
                                .order_by(Manager.id)).all()
        if not existing:
            accounts.register(session, name="Bench 0", email="bench0@example.com", password=PASSWORD,
                              locale="en", time_zone="Europe/Amsterdam")
            existing = session.exec(select(Manager).where(Manager.email == "bench0@example.com")).all()
        template = existing[0]
        missing = [Manager(email=f"bench{n}@example.com", name=f"Bench {n}", password_hash=template.password_hash,
                           locale="en", time_zone="Europe/Amsterdam") for n in range(len(existing), count)]
        session.add_all(missing)
        session.flush()
        rng, now = random.Random(13), clock.now()
        for row in missing + ([template] if len(existing) == 1 and not _has_history(session, template.id) else []):
            session.add_all(ActionLog(uid=f"{row.id}-{n}", manager_id=row.id, behaviour=rng.choice(BEHAVIOURS).key,
                                      day=(now - timedelta(days=n % 40)).date(), created_at=now, updated_at=now)
                            for n in range(history))
        session.commit()
        managers = session.exec(select(Manager).where(Manager.email.like("bench%@example.com"))
                                .order_by(Manager.id)).all()[:count]
        tokens = [(row.id, accounts._open_session(session, row.id, now)) for row in managers]
        session.commit()
        return tokens


def _has_history(session: Session, manager_id: int) -> bool:
    return session.exec(select(ActionLog.id).where(ActionLog.manager_id == manager_id)).first() is not None


@dataclass
class Client:
    """One tab and what happened to it."""

    tab: Tab
    manager_id: int
    sent: int = 0
    confirmed: list[float] = field(default_factory=list)  # latencies (ms)
    errors: Counter = field(default_factory=Counter)
    reconnects: list[float] = field(default_factory=list)  # seconds from drop to signed in again
    signed_out_after_reconnect: int = 0
    state_lost_on_reconnect: int = 0
    state_taps_behind: int = 0  # confirmed taps the state that came back did not have yet
    state_lost_dropped_at: list[float] = field(default_factory=list)  # time.monotonic() of those drops
    new_token_on_reconnect: int = 0  # the server took the tab for a duplicate: fresh state


async def open_clients(base_url: str, sessions: list[tuple[int, str]], names: Names,
                       at_once: int = 10) -> list[Client]:
    gate = asyncio.Semaphore(at_once)

    async def one(manager_id: int, token: str) -> Client:
        async with gate:
            tab = Tab(base_url, token, names)
            await tab.connect(timeout=60)
            if not tab.signed_in:
                raise RuntimeError(f"tab of manager {manager_id} is not signed in")
            return Client(tab, manager_id)

    return list(await asyncio.gather(*(one(m, t) for m, t in sessions)))


async def close_clients(clients: list[Client]) -> None:
    await asyncio.gather(*(client.tab.close() for client in clients))


async def _reconnect(client: Client, dropped_at: float, deadline: float) -> None:
    new_tokens = client.tab.new_tokens
    kept = client.tab.state_confirmed_id  # what the tab's state held when it dropped
    while time.monotonic() < deadline:
        try:
            await client.tab.connect(timeout=5)
        except Exception:  # noqa: BLE001 - the proxy or the worker is not ready yet: try again
            await asyncio.sleep(RECONNECT_EVERY_S)
            continue
        client.reconnects.append(time.monotonic() - dropped_at)
        if not client.tab.signed_in:
            client.signed_out_after_reconnect += 1
        client.new_token_on_reconnect += client.tab.new_tokens > new_tokens
        # The tab's state followed it to the new worker (Redis), not only its session cookie.
        back = client.tab.hydrated_confirmed_id
        if back < kept:
            client.state_lost_on_reconnect += 1
            client.state_lost_dropped_at.append(dropped_at)
            client.state_taps_behind += sum(1 for entry_id in client.tab.confirmed_ids if back < entry_id <= kept)
        return


async def _drive_one(client: Client, rate_per_client: float | None, until: float, rng: random.Random) -> None:
    tab = client.tab
    while time.monotonic() < until:
        if rate_per_client:
            # The next tap comes after a random gap, but a dropped tab reconnects at once, as
            # the browser's page does (state.js reconnects on `disconnect`), not when its user
            # next taps: otherwise the gap (10 s on average at 200 clients and 20 taps/s)
            # would be counted as reconnect time.
            gap = rng.expovariate(rate_per_client)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tab.disconnected.wait(), max(0.0, min(gap, until - time.monotonic())))
            if time.monotonic() >= until:
                return
        if not tab.connected:
            await _reconnect(client, tab.dropped_at or time.monotonic(), until + 30)
            continue
        client.sent += 1
        try:
            _entry_id, latency = await tab.tap(BEHAVIOURS[client.sent % len(BEHAVIOURS)].key)
            client.confirmed.append(latency)
        except Disconnected:
            client.errors["dropped in flight"] += 1
        except TimeoutError:
            client.errors["timeout"] += 1


async def drive(clients: list[Client], seconds: float, rate: float | None, seed: int = 1) -> float:
    """Every client taps for `seconds`: at `rate` taps/s in total (random gaps, like people), or
    as fast as its confirmations come back when `rate` is None. Returns the elapsed seconds."""
    started = time.monotonic()
    per_client = rate / len(clients) if rate else None
    await asyncio.gather(*(_drive_one(c, per_client, started + seconds, random.Random(seed * 1000 + n))
                           for n, c in enumerate(clients)))
    return time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] if ordered else float("nan")


def summary(clients: list[Client], seconds: float) -> dict:
    latencies = [ms for c in clients for ms in c.confirmed]
    errors = sum((c.errors for c in clients), Counter())
    reconnects = [s for c in clients for s in c.reconnects]
    return {
        "clients": len(clients), "seconds": round(seconds, 1), "sent": sum(c.sent for c in clients),
        "confirmed": len(latencies), "taps_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": dict(errors), "reconnects": len(reconnects),
        "reconnect_max_s": round(max(reconnects), 2) if reconnects else None,
        "signed_out_after_reconnect": sum(c.signed_out_after_reconnect for c in clients),
        "state_lost_on_reconnect": sum(c.state_lost_on_reconnect for c in clients),
        "state_taps_behind": sum(c.state_taps_behind for c in clients),
        "new_token_on_reconnect": sum(c.new_token_on_reconnect for c in clients),
    }


def reset_counts(clients: list[Client]) -> None:
    for client in clients:
        client.sent, client.confirmed, client.errors, client.reconnects = 0, [], Counter(), []
        client.signed_out_after_reconnect = client.state_lost_on_reconnect = client.new_token_on_reconnect = 0
        client.state_taps_behind = 0
        client.tab.confirmed_ids.clear()


def entries_per_manager(engine, manager_ids: list[int]) -> dict[int, set[int]]:
    with Session(engine) as session:
        rows = session.exec(select(ActionLog.manager_id, ActionLog.id)
                            .where(col(ActionLog.manager_id).in_(manager_ids))).all()
    found: dict[int, set[int]] = {m: set() for m in manager_ids}
    for manager_id, entry_id in rows:
        found[manager_id].add(entry_id)
    return found


def exactly_once(engine, clients: list[Client], before: dict[int, set[int]]) -> dict:
    """Every confirmed tap is in the database once, under its own manager; no tap was applied
    twice (no manager has more new entries than its tab sent). New entries nobody saw confirmed
    are taps whose worker died after the commit and before the answer."""
    after = entries_per_manager(engine, [c.manager_id for c in clients])
    lost = duplicated = unconfirmed = confirmed = 0
    for client in clients:
        new = after[client.manager_id] - before[client.manager_id]
        ids = client.tab.confirmed_ids
        confirmed += len(ids)
        lost += sum(1 for entry_id in ids if entry_id not in new)
        duplicated += len(ids) - len(set(ids)) + max(0, len(new) - client.sent)
        unconfirmed += len(new - set(ids))
    return {"confirmed": confirmed, "lost": lost, "duplicated": duplicated, "committed_unconfirmed": unconfirmed}


class LeaderWatch:
    """Samples PostgreSQL's lock table: how many sessions hold the scheduler's leader lock."""

    def __init__(self, engine, every_s: float = 0.05):
        self.engine, self.every_s = engine, every_s
        self.samples: list[tuple[float, int, int | None]] = []  # (time, holders, holder pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LeaderWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        query = text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                     "AND classid = :high AND objid = :low")
        key = {"high": ADVISORY_LOCK_KEY >> 32, "low": ADVISORY_LOCK_KEY & 0xFFFF_FFFF}
        with self.engine.connect() as connection:
            while not self._stop.is_set():
                pids = connection.execute(query, key).scalars().all()
                connection.commit()
                self.samples.append((time.monotonic(), len(pids), pids[0] if pids else None))
                self._stop.wait(self.every_s)

    def most_at_once(self) -> int:
        return max((holders for _, holders, _ in self.samples), default=0)

    def gaps_after(self, moment: float) -> float | None:
        """Seconds from `moment` until a leader (a different session) held the lock again."""
        before = next((pid for t, _, pid in reversed(self.samples) if t <= moment and pid), None)
        for t, _, pid in self.samples:
            if t > moment and pid and pid != before:
                return t - moment
        return None


def count_entries(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(ActionLog)).one()
