"""Prometheus metrics of this process (`/metrics`, prometheus-client's text format).

- `trusthabits_event_handler_seconds{handler}`: event handling latency, by handler (ui/events.py
  times every declared handler, from its arguments' check to its last update);
- `trusthabits_outbox_messages{status}`: the outbox by status (queued + sending is the queue
  depth), read from the database at each scrape, so every worker reports the same numbers;
- `trusthabits_outbox_delivery_failures_total`: delivery attempts that failed in this process;
- `trusthabits_scheduler_tick_lag_seconds`: seconds since the leader's last tick (database);
- `trusthabits_scheduler_tick_seconds`: how long this process's ticks took (the leader only);
- `trusthabits_websockets_active`: open event websockets on this worker.

Scrape every worker (each has its own registry). Who may read it: `metrics_allowed`.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from time import perf_counter

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

EVENT_SECONDS = Histogram(
    "trusthabits_event_handler_seconds", "Event handling latency by handler", ["handler"], registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
TICK_SECONDS = Histogram(
    "trusthabits_scheduler_tick_seconds", "Duration of this process's scheduler ticks", registry=REGISTRY,
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0))
DELIVERY_FAILURES = Counter(
    "trusthabits_outbox_delivery_failures", "Mail delivery attempts that failed in this process", registry=REGISTRY)
WEBSOCKETS = Gauge("trusthabits_websockets_active", "Open event websockets on this worker", registry=REGISTRY)


@dataclass(frozen=True)
class DatabaseNumbers:
    outbox_by_status: Mapping[str, int]
    tick_lag_seconds: float | None


class _DatabaseCollector(Collector):
    def __init__(self, read: Callable[[], DatabaseNumbers]) -> None:
        self.read = read

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            numbers = self.read()
        except Exception:  # noqa: BLE001 - a scrape while the database is away shows the rest
            return
        outbox = GaugeMetricFamily("trusthabits_outbox_messages", "Outbox messages by status", labels=["status"])
        for status in ("queued", "sending", "sent", "failed"):
            outbox.add_metric([status], numbers.outbox_by_status.get(status, 0))
        yield outbox
        if numbers.tick_lag_seconds is not None:
            yield GaugeMetricFamily("trusthabits_scheduler_tick_lag_seconds",
                                    "Seconds since the scheduler leader's last tick", value=numbers.tick_lag_seconds)

    def describe(self) -> list[GaugeMetricFamily]:
        return []


_database: _DatabaseCollector | None = None


def read_database_with(read: Callable[[], DatabaseNumbers]) -> None:
    """What to read from the database at each scrape (set once by the app; replaced if set again)."""
    global _database
    if _database is not None:
        REGISTRY.unregister(_database)
    _database = _DatabaseCollector(read)
    REGISTRY.register(_database)


def count_websockets_with(count: Callable[[], int]) -> None:
    WEBSOCKETS.set_function(lambda: float(count()))


def observe_event(handler: str, seconds: float) -> None:
    EVENT_SECONDS.labels(handler=handler).observe(seconds)


class timed_tick:
    def __enter__(self) -> None:
        self.start = perf_counter()

    def __exit__(self, *_: object) -> None:
        TICK_SECONDS.observe(perf_counter() - self.start)


def exposition() -> bytes:
    return generate_latest(REGISTRY)


_LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


def metrics_allowed(peer: str | None, headers: Mapping[str, str], token: str) -> bool:
    """With a token set (TRUSTHABITS_METRICS_TOKEN): only `Authorization: Bearer <token>`.
    Without: only a client on this machine talking to the worker directly — a request that came
    through a proxy (it carries X-Forwarded-For or Forwarded) is refused even though the proxy
    connects from loopback, because the client behind it may be anyone."""
    if token:
        given = headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if any(name in headers for name in ("x-forwarded-for", "forwarded", "x-real-ip")):
        return False
    try:
        address = ipaddress.ip_address(peer or "")
    except ValueError:
        return False
    return any(address in network for network in _LOOPBACK)
