"""A tab keeps its state when the backend worker it was connected to dies.

Reflex (0.10.1) records in Redis which worker holds each tab's socket
(`token_manager_socket_record_<token>`, kept for an hour). A worker that stops cleanly deletes its
records; a worker that crashes (SIGKILL, out of memory, power) cannot. When its tabs reconnect to
another worker, Reflex finds the record, takes the tab for a duplicated browser tab and hands it
a new token: the tab comes back signed in (the session cookie rides along) but with fresh state
(upstream: reflex-dev/reflex#6345, #6252).

`ReclaimingTokenManager` tells the two cases apart. Every worker keeps a short-lived key
`trusthabits_worker_alive_<instance id>` in Redis (renewed every HEARTBEAT_S, gone ALIVE_TTL_MS
after the worker stops renewing it). A tab whose record names another worker that has no such
key any more was left behind by a dead worker: its record is dropped (compare-and-delete, so a
newer claim wins), so is the lock the dead worker may have held on the tab's state (an event
it never finished), and Reflex links the tab under its own token, with its state. While the owner's
key still lives the connect waits up to WAIT_FOR_OWNER_S for it to lapse; a worker that stays
alive really holds the tab (a duplicated browser tab), and Reflex's new-token rule applies as before.

Abuse: a client can only name its own tab token (a uuid4 it already holds); claiming another
tab's token needs that token, which is never sent to anyone else. The worst a forged connect can
do is wait WAIT_FOR_OWNER_S. If a live worker stalls for longer than ALIVE_TTL_MS, a duplicated
tab of the same browser may share its original's token (its own user's state, nobody else's).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import time

from reflex.utils.token_manager import RedisTokenManager, SocketRecord

log = logging.getLogger("trusthabits.tabs")

ALIVE_PREFIX = "trusthabits_worker_alive_"
HEARTBEAT_S = 0.5
ALIVE_TTL_MS = 1500
WAIT_FOR_OWNER_S = 2.0
POLL_S = 0.1

# Delete KEYS[1] only while it still holds ARGV[1] (the record we judged stale).
_COMPARE_AND_DELETE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def alive_key(instance_id: str) -> str:
    return f"{ALIVE_PREFIX}{instance_id}"


def lock_key(token: str) -> str:
    """The Redis key of the lock on a tab's state (Reflex's StateManagerRedis._lock_key)."""
    return f"{token}_lock"


class ReclaimingTokenManager(RedisTokenManager):
    """Reflex's Redis token manager, plus: a dead worker's records do not cost its tabs their state."""

    reclaimed = 0  # tabs taken over from a dead worker (for the logs and tests)

    async def link_token_to_sid(self, token: str, sid: str) -> str | None:
        local = self.token_to_socket.get(token)
        if local is None or local.sid != sid:
            try:
                await self._release_if_owner_died(token)
            except Exception as exc:  # noqa: BLE001 - Redis trouble: Reflex's own rule decides
                log.warning("could not check the previous owner of a tab: %s", exc)
        return await super().link_token_to_sid(token, sid)

    async def _release_if_owner_died(self, token: str) -> None:
        key = self._get_redis_key(token)
        raw = await self.redis.get(key)
        if not raw:
            return
        record = pickle.loads(raw)  # noqa: S301 - Reflex's own record, in our Redis
        if not isinstance(record, SocketRecord) or record.instance_id == self.instance_id:
            # This worker's own record: a socket it still holds (Reflex decides) or one whose
            # disconnect is in flight.
            return
        deadline = time.monotonic() + WAIT_FOR_OWNER_S
        while await self.redis.exists(alive_key(record.instance_id)):
            if time.monotonic() >= deadline:
                return  # the owner lives: a duplicated tab, which gets a new token
            await asyncio.sleep(POLL_S)
            if await self.redis.get(key) != raw:
                # The owner let the tab go (a worker stopping cleanly deletes its records, then
                # writes back the states it still holds) or another worker took it: Reflex's
                # own rule decides, and the lock is not ours to touch.
                return
        if await self.redis.eval(_COMPARE_AND_DELETE, 1, key, raw):  # type: ignore[misc]
            # A tab's events reach only the worker holding its socket: a lock on its state now
            # is the dead worker's, taken for an event it never finished. Left alone it would
            # hold the tab's hydrate for the rest of Reflex's lock expiry (10 s).
            await self.redis.delete(lock_key(token))
            type(self).reclaimed += 1
            log.info("tab reclaimed from stopped worker %s", record.instance_id[:8])

    async def keep_alive(self) -> None:
        """Runs for the worker's life (a lifespan task): says this worker is alive.

        On a clean stop the key is renewed once more and left to lapse, not deleted: Reflex
        cancels lifespan tasks first and only then drops the worker's socket records and writes
        back the tab states it still holds in memory (its opportunistic lock, when enabled).
        Deleting the key at once let a tab reconnecting in between be "reclaimed" from a worker
        that was still flushing it: its lock was deleted and the older state read from Redis."""
        try:
            while True:
                try:
                    await self.redis.set(alive_key(self.instance_id), b"1", px=ALIVE_TTL_MS)
                except Exception as exc:  # noqa: BLE001 - Redis away for a moment: try again
                    log.warning("worker heartbeat failed: %s", exc)
                await asyncio.sleep(HEARTBEAT_S)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.shield(self.redis.set(alive_key(self.instance_id), b"1", px=ALIVE_TTL_MS))


def install(app) -> ReclaimingTokenManager | None:
    """Swap Reflex's Redis token manager for ours and start the heartbeat with the worker.
    Without Redis (one process) there is nothing to do."""
    namespace = app.event_namespace
    current = getattr(namespace, "_token_manager", None) if namespace is not None else None
    if not isinstance(current, RedisTokenManager):
        return None
    manager = ReclaimingTokenManager(current.redis)
    namespace._token_manager = manager
    app.register_lifespan_task(manager.keep_alive)
    return manager
