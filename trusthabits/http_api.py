"""The few plain HTTP routes, mounted in front of Reflex's own ASGI app: the health checks,
`/metrics`, the pulse answer page and the team's public "how anonymous?" page (plain HTML, see
ui/plain/), and the offline actions.

- `/api/health`: what an operator or monitor asks: database, migration head, the scheduler
  leader's last tick, the outbox backlog; 503 when the database is unreachable, not at this
  code's migration head, or the leader has not ticked for 5 minutes.
- `/api/health/live`: what a load balancer asks of one worker: database reachable and migrated.
  A dead scheduler must not take every worker out of the proxy's rotation.
- `/metrics`: Prometheus text format (adapters/metrics.py), for loopback or a bearer token."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from trusthabits.adapters import backup, metrics
from trusthabits.adapters.health import database_ok
from trusthabits.config import get_settings
from trusthabits.core import clock
from trusthabits.db.engine import new_session
from trusthabits.offline_api import post_action
from trusthabits.services import operations
from trusthabits.ui.plain.answer_page import answer_page
from trusthabits.ui.plain.team_page import team_page

NO_STORE = {"Cache-Control": "no-store"}
_HEAD: list[str | None] = []


def code_head() -> str | None:
    if not _HEAD:
        _HEAD.append(backup.code_head())
    return _HEAD[0]


def _check_database() -> bool:
    with new_session() as session:
        return database_ok(session)


def _health() -> operations.Health:
    with new_session() as session:
        return operations.health(session, code_head(), clock.now())


def _may_see_detail(request: Request) -> bool:
    """The same audience as /metrics: this machine directly, or the metrics token."""
    token = get_settings().metrics_token.get_secret_value()
    return metrics.metrics_allowed(request.client.host if request.client else None, request.headers, token)


async def health(request: Request) -> JSONResponse:
    report = await asyncio.to_thread(_health)
    return JSONResponse(report.as_json(detail=_may_see_detail(request)), status_code=200 if report.ok else 503,
                        headers=NO_STORE)


async def live(_request: Request) -> JSONResponse:
    ok = await asyncio.to_thread(_check_database)
    return JSONResponse(
        {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "error"},
        status_code=200 if ok else 503,
        headers=NO_STORE,
    )


def database_numbers() -> metrics.DatabaseNumbers:
    with new_session() as session:
        ticked, _ = operations.last_tick(session)
        return metrics.DatabaseNumbers(
            outbox_by_status=operations.outbox_counts(session),
            tick_lag_seconds=(clock.now() - ticked).total_seconds() if ticked else None)


metrics.read_database_with(database_numbers)


async def metrics_page(request: Request) -> Response:
    if not _may_see_detail(request):
        return Response("Forbidden\n", status_code=403, media_type="text/plain", headers=NO_STORE)
    body = await asyncio.to_thread(metrics.exposition)
    return Response(body, media_type=metrics.CONTENT_TYPE, headers=NO_STORE)


api = Starlette(routes=[
    Route("/api/health", health, methods=["GET"]),
    Route("/api/health/live", live, methods=["GET"]),
    Route("/metrics", metrics_page, methods=["GET"]),
    # Taps saved on a phone while offline (assets/offline.js), sent when it is back online.
    Route("/api/actions", post_action, methods=["POST"]),
    # The answer page of the weekly pulse: plain HTML from the server (ui/plain/answer_page.py).
    Route("/pulse/{token}", answer_page, methods=["GET", "POST"]),
    Route("/pulse/{token}/", answer_page, methods=["GET", "POST"]),
    # The team's public "how anonymous?" page (ui/plain/team_page.py): no sign-in, no results.
    Route("/anonymity/{public_id}", team_page, methods=["GET"]),
    Route("/anonymity/{public_id}/", team_page, methods=["GET"]),
])
