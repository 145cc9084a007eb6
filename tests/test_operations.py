"""What an operator watches: /api/health (migration head, the leader's last tick, the outbox
backlog), /metrics (and who may read it), JSON log lines, and APScheduler's per-tick chatter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from tests.services.pulse_helpers import manager
from trusthabits.adapters import metrics
from trusthabits.core import clock
from trusthabits.db.models import OutboxMessage
from trusthabits.services import operations


@pytest.fixture
def client(db_path, monkeypatch):
    from trusthabits.http_api import api

    monkeypatch.delenv("TRUSTHABITS_METRICS_TOKEN", raising=False)
    return TestClient(api)


def test_health_reports_migration_tick_and_backlog(client, session, monkeypatch):
    now = clock.now()
    fresh = client.get("/api/health")
    assert fresh.status_code == 200, fresh.json()
    body = fresh.json()
    assert body["migration"]["current"] == body["migration"]["expected"] is not None
    assert body["scheduler"]["last_tick"] is None  # never ticked yet: reported, not a failure

    ann = manager(session)
    session.add(OutboxMessage(idempotency_key="k", manager_id=ann.id, kind="x", to_address="a@x.nl", subject="s",
                              body="b", next_attempt_at=now, created_at=now - timedelta(minutes=3)))
    session.commit()
    operations.record_tick(session, "leader-1", now - timedelta(minutes=1))
    public = client.get("/api/health").json()  # from anywhere: no host names, no outbox numbers
    assert "leader" not in public["scheduler"] and "outbox" not in public and public["status"] == "ok"
    monkeypatch.setenv("TRUSTHABITS_METRICS_TOKEN", "s3cret")
    body = client.get("/api/health", headers={"Authorization": "Bearer s3cret"}).json()
    assert body["outbox"]["backlog"] == 1 and body["outbox"]["oldest_queued_seconds"] >= 170
    assert body["scheduler"]["leader"] == "leader-1" and body["status"] == "ok"

    operations.record_tick(session, "leader-1", now - timedelta(minutes=6))  # the leader went quiet
    stale = client.get("/api/health")
    assert stale.status_code == 503 and "not ticked" in stale.json()["problems"][0]
    assert client.get("/api/health/live").status_code == 200  # the worker itself is fine

    operations.record_tick(session, "leader-2", now)
    assert client.get("/api/health").status_code == 200
    session.execute(text("UPDATE alembic_version SET version_num = '0001'"))  # migration behind
    session.commit()
    behind = client.get("/api/health")
    assert behind.status_code == 503 and "trusthabits migrate" in behind.json()["problems"][0]


def test_metrics_only_for_loopback_without_a_proxy_or_with_the_token(client, monkeypatch):
    assert metrics.metrics_allowed("127.0.0.1", {}, "")
    assert metrics.metrics_allowed("::1", {}, "")
    # Through the proxy (which connects from loopback) anyone could be behind it.
    assert not metrics.metrics_allowed("127.0.0.1", {"x-forwarded-for": "203.0.113.9"}, "")
    assert not metrics.metrics_allowed("127.0.0.1", {"forwarded": "for=203.0.113.9"}, "")
    assert not metrics.metrics_allowed("192.168.1.20", {}, "")
    assert not metrics.metrics_allowed(None, {}, "")
    assert not metrics.metrics_allowed("127.0.0.1", {}, "s3cret")  # a token set: loopback is not enough
    assert not metrics.metrics_allowed("127.0.0.1", {"authorization": "Bearer wrong"}, "s3cret")
    assert metrics.metrics_allowed("203.0.113.9", {"authorization": "Bearer s3cret"}, "s3cret")

    assert client.get("/metrics").status_code == 403  # the test client is not loopback
    monkeypatch.setenv("TRUSTHABITS_METRICS_TOKEN", "s3cret")
    assert client.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 403
    metrics.observe_event("TodayState.log", 0.012)
    metrics.DELIVERY_FAILURES.inc()
    page = client.get("/metrics", headers={"Authorization": "Bearer s3cret"})
    assert page.status_code == 200
    for name in ('trusthabits_event_handler_seconds_bucket{handler="TodayState.log"',
                 'trusthabits_outbox_messages{status="queued"}', "trusthabits_outbox_delivery_failures_total",
                 "trusthabits_websockets_active", "trusthabits_scheduler_tick_seconds_count"):
        assert name in page.text, name


def test_declared_handlers_are_timed_by_name():
    from trusthabits.ui.pages.outbox import OutboxState

    before = metrics.REGISTRY.get_sample_value(
        "trusthabits_event_handler_seconds_count", {"handler": "OutboxState.load"}) or 0
    handler = OutboxState.load.fn  # an event handler's function, as Reflex calls it
    assert handler.__name__ == "load"
    import asyncio

    class Fake:
        async def _show_problem(self, key):
            pass

    asyncio.run(handler(Fake(), unexpected="x"))  # refused at the argument check, still timed
    after = metrics.REGISTRY.get_sample_value(
        "trusthabits_event_handler_seconds_count", {"handler": "OutboxState.load"})
    assert after == before + 1


SCRIPT = """
import logging
from trusthabits.config import configure_logging, get_settings
configure_logging(get_settings())
logging.getLogger("trusthabits.test").info("hello %s", "world")
logging.getLogger("apscheduler.executors.default").info('Running job "tick"')
logging.getLogger("apscheduler.executors.default").warning("a real problem")
"""


def _log_lines(**env: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SCRIPT], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()


def test_json_log_lines_and_per_tick_chatter_at_debug():
    lines = _log_lines(TRUSTHABITS_LOG_FORMAT="json", TRUSTHABITS_LOG_LEVEL="INFO")
    parsed = [json.loads(line) for line in lines]
    assert [(p["level"], p["logger"], p["message"]) for p in parsed] == [
        ("INFO", "trusthabits.test", "hello world"),
        ("WARNING", "apscheduler.executors.default", "a real problem"),
    ]
    assert parsed[0]["time"].endswith("+00:00")
    debug = _log_lines(TRUSTHABITS_LOG_FORMAT="text", TRUSTHABITS_LOG_LEVEL="DEBUG")
    assert any('DEBUG apscheduler.executors.default: Running job "tick"' in line for line in debug)
