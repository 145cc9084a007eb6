"""The few plain HTTP routes, mounted in front of Reflex's own ASGI app: the health check, the
pulse answer page and the team's public "how anonymous?" page (plain HTML, see ui/plain/)."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from trusthabits.adapters.health import database_ok
from trusthabits.db.engine import new_session
from trusthabits.offline_api import post_action
from trusthabits.ui.plain.answer_page import answer_page
from trusthabits.ui.plain.team_page import team_page


def _check_database() -> bool:
    with new_session() as session:
        return database_ok(session)


async def health(_request: Request) -> JSONResponse:
    ok = await asyncio.to_thread(_check_database)
    return JSONResponse(
        {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "error"},
        status_code=200 if ok else 503,
        headers={"Cache-Control": "no-store"},
    )


api = Starlette(routes=[
    Route("/api/health", health, methods=["GET"]),
    # Taps saved on a phone while offline (assets/offline.js), sent when it is back online.
    Route("/api/actions", post_action, methods=["POST"]),
    # The answer page of the weekly pulse: plain HTML from the server (ui/plain/answer_page.py).
    Route("/pulse/{token}", answer_page, methods=["GET", "POST"]),
    Route("/pulse/{token}/", answer_page, methods=["GET", "POST"]),
    # The team's public "how anonymous?" page (ui/plain/team_page.py): no sign-in, no results.
    Route("/anonymity/{public_id}", team_page, methods=["GET"]),
    Route("/anonymity/{public_id}/", team_page, methods=["GET"]),
])
