"""A tab whose backend worker crashed keeps its token (so its state) on the next worker; a tab
duplicated in the browser while its worker lives still gets a new one. Real Redis (Debian's
redis-server on a free port), two token managers standing for two workers."""

from __future__ import annotations

import asyncio
import pickle
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from redis.asyncio import Redis
from reflex.utils.token_manager import RedisTokenManager

from deploy.processes import free_port
from trusthabits.web.tabs import ALIVE_TTL_MS, WAIT_FOR_OWNER_S, ReclaimingTokenManager, alive_key, lock_key

TOKEN = "6f1f9d0e-3c0a-4a57-9a38-1f8b9e0c2d11"


@pytest.fixture(scope="module")
def redis_url():
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        pytest.fail("redis-server is missing: `make test` installs it (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


async def _record_owner(redis: Redis, manager: RedisTokenManager, token: str) -> str:
    return pickle.loads(await redis.get(manager._get_redis_key(token))).instance_id


def test_a_tab_left_behind_by_a_crashed_worker_keeps_its_token(redis_url):
    async def run():
        crashed, next_worker = (ReclaimingTokenManager(Redis.from_url(redis_url)) for _ in range(2))
        probe = Redis.from_url(redis_url)
        try:
            assert await crashed.link_token_to_sid(TOKEN, "sid-1") is None
            # Its last heartbeat, then SIGKILL in the middle of an event: nothing deletes the
            # socket record, the heartbeat key or the lock on the tab's state.
            await probe.set(alive_key(crashed.instance_id), b"1", px=ALIVE_TTL_MS)
            await probe.set(lock_key(TOKEN), b"event-of-the-dead-worker", px=10_000)
            await crashed.close()  # its connections and subscriptions die with it
            started = time.monotonic()
            assert await next_worker.link_token_to_sid(TOKEN, "sid-2") is None  # same token: same state
            waited = time.monotonic() - started
            assert await _record_owner(probe, next_worker, TOKEN) == next_worker.instance_id
            assert not await probe.exists(lock_key(TOKEN))  # the tab's hydrate need not wait 10 s
            return waited
        finally:
            await next_worker.close()
            await probe.aclose()

    waited = asyncio.run(run())
    assert waited <= ALIVE_TTL_MS / 1000 + 0.5  # it waited for the heartbeat to lapse, no longer


def test_reflex_alone_gives_that_tab_a_new_token_and_so_fresh_state(redis_url):
    async def run():
        crashed, next_worker = (RedisTokenManager(Redis.from_url(redis_url)) for _ in range(2))
        try:
            await crashed.link_token_to_sid(TOKEN + "x", "sid-1")
            return await next_worker.link_token_to_sid(TOKEN + "x", "sid-2")
        finally:
            for manager in (crashed, next_worker):
                await manager.close()

    assert asyncio.run(run()) not in (None, TOKEN + "x")


def test_a_tab_duplicated_while_its_worker_lives_gets_a_new_token(redis_url):
    """The abuse case: a second connection naming a live tab's token must not take it over."""

    async def run():
        owner, other = (ReclaimingTokenManager(Redis.from_url(redis_url)) for _ in range(2))
        probe = Redis.from_url(redis_url)
        heartbeat = asyncio.create_task(owner.keep_alive())
        try:
            await asyncio.sleep(0.1)
            assert await owner.link_token_to_sid(TOKEN + "y", "sid-1") is None
            await probe.set(lock_key(TOKEN + "y"), b"event-in-progress", px=10_000)
            started = time.monotonic()
            new_token = await other.link_token_to_sid(TOKEN + "y", "sid-2")
            waited = time.monotonic() - started
            still_owner = await _record_owner(probe, owner, TOKEN + "y")
            assert await probe.get(lock_key(TOKEN + "y")) == b"event-in-progress"  # untouched
            return new_token, waited, still_owner == owner.instance_id
        finally:
            heartbeat.cancel()
            await asyncio.gather(heartbeat, return_exceptions=True)
            # A clean stop lets its key lapse: the worker still writes back states after this.
            assert 0 < await probe.pttl(alive_key(owner.instance_id)) <= ALIVE_TTL_MS
            for manager in (owner, other):
                await manager.close()
            await probe.aclose()

    new_token, waited, still_owner = asyncio.run(run())
    assert new_token not in (None, TOKEN + "y")
    assert still_owner
    assert WAIT_FOR_OWNER_S <= waited <= WAIT_FOR_OWNER_S + 1


def test_a_tab_leaving_a_worker_that_stops_cleanly_waits_for_its_record_and_leaves_the_lock(redis_url):
    """SIGTERM: the stopping worker's heartbeat ends before Reflex drops its socket records and
    writes back the states it holds. A tab reconnecting in between must not take its lock."""

    async def run():
        stopping, next_worker = (ReclaimingTokenManager(Redis.from_url(redis_url)) for _ in range(2))
        probe = Redis.from_url(redis_url)
        heartbeat = asyncio.create_task(stopping.keep_alive())
        try:
            await asyncio.sleep(0.1)
            assert await stopping.link_token_to_sid(TOKEN + "z", "sid-1") is None
            await probe.set(lock_key(TOKEN + "z"), b"lease-of-the-stopping-worker", px=10_000)
            heartbeat.cancel()  # Reflex's shutdown: lifespan tasks first
            await asyncio.gather(heartbeat, return_exceptions=True)
            started = time.monotonic()
            reconnect = asyncio.create_task(next_worker.link_token_to_sid(TOKEN + "z", "sid-2"))
            await asyncio.sleep(0.3)
            await stopping.disconnect_token(TOKEN + "z", "sid-1")  # then disconnect_all
            assert await reconnect is None  # same token
            waited = time.monotonic() - started
            lock = await probe.get(lock_key(TOKEN + "z"))
            return waited, lock, await _record_owner(probe, next_worker, TOKEN + "z") == next_worker.instance_id
        finally:
            for manager in (stopping, next_worker):
                await manager.close()
            await probe.aclose()

    waited, lock, linked = asyncio.run(run())
    assert lock == b"lease-of-the-stopping-worker"  # the stopping worker writes back and releases it
    assert linked
    assert waited < 1.0  # the record went at 0.3 s; no waiting out the heartbeat
