"""Password hashing (Argon2, ~0.1-0.2 s of one core by design) in a small pool of its own.

Pages and taps run their database work on the event loop's default thread pool (a handful of
threads). If sign-ins hashed there, fifty parallel attempts would occupy every thread and the
next tap would wait seconds. Here they queue for TRUSTHABITS_HASH_WORKERS threads (default 1,
leaving the other core to everything else), and beyond TRUSTHABITS_HASH_QUEUE waiting attempts
the next one is refused at once ("busy, try again in a moment") instead of queueing without end.
Argon2 releases the GIL while it hashes, so the loop keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from trusthabits.core.errors import Refused

T = TypeVar("T")


class HashingBusy(Refused):
    """Too many password checks are waiting already."""

    def __init__(self) -> None:
        super().__init__("error.signin_busy")


class BoundedPool:
    def __init__(self, workers: int, queue: int):
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="password-hashing")
        self._limit = workers + queue
        self._in_flight = 0
        self._lock = threading.Lock()

    async def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """fn(*args, **kwargs) on one of the pool's threads; HashingBusy when it is full."""
        with self._lock:
            if self._in_flight >= self._limit:
                raise HashingBusy()
            self._in_flight += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, partial(fn, *args, **kwargs))
        finally:
            with self._lock:
                self._in_flight -= 1


_pool: BoundedPool | None = None


def hashing_pool() -> BoundedPool:
    """The process's one pool, sized from the settings when first used."""
    global _pool
    if _pool is None:
        from trusthabits.config import get_settings

        settings = get_settings()
        _pool = BoundedPool(settings.hash_workers, settings.hash_queue)
    return _pool
