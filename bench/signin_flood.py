"""Sign-in flood: 50 parallel sign-in attempts while a signed-in tab taps and /api/health is asked.

Item 4 of issue 11: password hashing (Argon2) runs in its own bounded pool
(adapters/hashing_pool.py), so a flood of sign-ins must leave every other request answering.
The attackers here are the worst case for the server: 50 websocket clients, each attempt on a
fresh connection from a fresh client address (X-Forwarded-For through a trusted proxy, so the
per-address throttle never stops them) for a different, mostly unknown address — every attempt
costs a full Argon2 check. Meanwhile one signed-in tab taps a behaviour every 250 ms (tap →
confirming delta, measured at the client) and /api/health is fetched every 100 ms.

    .venv/bin/python bench/signin_flood.py [--attackers 50] [--seconds 30]

Prints JSON: latency percentiles before and during the flood, attempts made and how they ended.
Target: p95 of tap and health ≤ 100 ms during the flood.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import socketio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import production_server  # noqa: E402
from bench.reflex_client import NAMESPACE, BrowserPacket, Names, Tab  # noqa: E402
from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402
from trusthabits.services import accounts  # noqa: E402

PASSWORD = "benchmark passphrase"
TARGET_MS = 100


def seed(database_url: str) -> str:
    """A manager who taps (its session token) and one an attacker guesses at."""
    from sqlmodel import Session

    upgrade_to_head(database_url)
    with Session(build_engine(database_url)) as session:
        for email in ("tapper@example.com", "victim@example.com"):
            accounts.register(session, name="Bench", email=email, password=PASSWORD, locale="en",
                              time_zone="Europe/Amsterdam")
        return accounts.sign_in(session, email="tapper@example.com", password=PASSWORD)[1]


def percentiles(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)  # noqa: E731
    return {"n": len(ordered), "p50": pick(0.5), "p95": pick(0.95), "max": round(ordered[-1], 1),
            "mean": round(statistics.fmean(ordered), 1)}


async def attacker(base_url: str, signin_handler: str, stop: asyncio.Event, outcomes: dict, number: int) -> None:
    attempt = 0
    while not stop.is_set():
        attempt += 1
        address = f"10.{number}.{attempt // 250 % 250}.{attempt % 250 + 1}"
        email = "victim@example.com" if attempt % 5 == 0 else f"guess{number}-{attempt}@example.com"
        client = socketio.AsyncClient(reconnection=False, serializer=BrowserPacket)
        answered = asyncio.Event()
        client.on("event", lambda *_, done=answered: done.set(), namespace=NAMESPACE)
        try:
            await client.connect(f"{base_url}?token={uuid.uuid4()}", socketio_path="/_event", namespaces=[NAMESPACE],
                                 transports=["websocket"], wait_timeout=10,
                                 headers={"Origin": base_url, "X-Forwarded-For": address})
            started = time.perf_counter()
            await client.emit("event", {"name": signin_handler, "payload": {"form": {
                "email": email, "password": f"wrong guess {attempt}"}},
                "router_data": {"pathname": "/signin", "asPath": "/signin"}}, namespace=NAMESPACE)
            # The first answer is "busy" going on; wait for the refusal after the hash.
            await asyncio.sleep(0)
            await asyncio.wait_for(answered.wait(), 30)
            answered.clear()
            await asyncio.wait_for(answered.wait(), 30)
            outcomes["answered"] += 1
            outcomes["ms"].append((time.perf_counter() - started) * 1000)
        except Exception:  # noqa: BLE001 - counted, the flood goes on
            outcomes["failed"] += 1
        finally:
            try:
                await client.disconnect()
            except Exception:  # noqa: BLE001
                pass


async def measure(base_url: str, token: str, attackers: int, seconds: float) -> dict:
    names = Names.of_the_app()
    from trusthabits.ui.pages.signin import SignInState

    tab = Tab(base_url, token, names)
    await tab.connect()
    health: dict[str, list[float]] = {"before": [], "during": []}
    taps: dict[str, list[float]] = {"before": [], "during": []}
    phase = "before"
    stop_probes = asyncio.Event()

    async def probe_health() -> None:
        async with httpx.AsyncClient() as http:
            while not stop_probes.is_set():
                started = time.perf_counter()
                response = await http.get(f"{base_url}/api/health", timeout=30)
                if response.status_code == 200:
                    health[phase].append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.1)

    async def probe_taps() -> None:
        while not stop_probes.is_set():
            _, ms = await tab.tap("courage")
            taps[phase].append(ms)
            await asyncio.sleep(0.25)

    probes = [asyncio.create_task(probe_health()), asyncio.create_task(probe_taps())]
    await asyncio.sleep(seconds / 3)
    phase = "during"
    stop_flood = asyncio.Event()
    outcomes: dict = {"answered": 0, "failed": 0, "ms": []}
    flood = [asyncio.create_task(attacker(base_url, f"{SignInState.get_full_name()}.submit", stop_flood, outcomes, n))
             for n in range(attackers)]
    await asyncio.sleep(seconds)
    stop_flood.set()
    stop_probes.set()
    await asyncio.gather(*probes, return_exceptions=True)
    await asyncio.gather(*flood, return_exceptions=True)
    await tab.close()
    return {
        "attackers": attackers, "flood_seconds": seconds,
        "signin_attempts_answered": outcomes["answered"], "signin_attempts_failed": outcomes["failed"],
        "signin_answer_ms": percentiles(outcomes["ms"]),
        "health_ms": {k: percentiles(v) for k, v in health.items()},
        "tap_ms": {k: percentiles(v) for k, v in taps.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attackers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-signin-flood-") as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'bench.db'}"
        token = seed(database_url)
        env = {"TRUSTHABITS_TRUSTED_PROXIES": "127.0.0.1/32", "TRUSTHABITS_DATA_DIR": str(workdir)}
        with production_server(database_url, workdir / "server.log", extra_env=env) as base_url:
            results = asyncio.run(measure(base_url, token, args.attackers, args.seconds))
    during = results["tap_ms"]["during"].get("p95", 1e9), results["health_ms"]["during"].get("p95", 1e9)
    results["target_ms"] = TARGET_MS
    results["verdict"] = "pass" if max(during) <= TARGET_MS else "fail"
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
