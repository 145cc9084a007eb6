"""The few plain HTTP routes, mounted in front of Reflex's own ASGI app."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from trusthabits.adapters.health import database_ok
from trusthabits.db.engine import new_session


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


api = Starlette(routes=[Route("/api/health", health, methods=["GET"])])
