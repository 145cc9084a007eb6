"""`POST /api/actions`: a tap a phone saved while offline (assets/offline.js), sent when the
connection is back.

Hostile input by design: the session token (the session cookie the page already holds, or
`Authorization: Bearer`) decides whose entry it is and nothing in the body can change that;
the body names the manager who was signed in when the tap was made, and a tap made by another
manager on a shared phone is refused (409), never logged for whoever is signed in now; the body
is JSON of at most MAX_BODY bytes (refused from its Content-Length before a byte is
read, and cut off while reading if the header lied); the uid makes a retry return the entry
already made. Cross-site requests are refused by the HTTP edge's Origin check (web/origins.py).
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse

from trusthabits.core.errors import FieldErrors
from trusthabits.core.i18n import translate
from trusthabits.db.engine import new_session
from trusthabits.services import accounts, actions

MAX_BODY = 1024
SESSION_COOKIE = "th_session"  # ui/states/app.py names the same cookie
NO_STORE = {"Cache-Control": "no-store"}
# Milliseconds since 1970 that a JavaScript Date can hold, bounded to sane years.
EARLIEST_MS, LATEST_MS = 946_684_800_000, 4_102_444_800_000  # 2000-01-01 … 2100-01-01


def _answer(status: int, body: dict[str, object]) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=NO_STORE)


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(SESSION_COOKIE)


async def _body(request: Request) -> bytes | None:
    """The body, or None once it passes MAX_BODY."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes) -> tuple[str, str, datetime, int] | None:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or set(data) != {"uid", "behaviour", "tapped_at", "manager"}:
        return None
    uid, behaviour, tapped_at, manager = data["uid"], data["behaviour"], data["tapped_at"], data["manager"]
    if not isinstance(uid, str) or not isinstance(behaviour, str):
        return None
    if isinstance(tapped_at, bool) or not isinstance(tapped_at, int) or not EARLIEST_MS <= tapped_at <= LATEST_MS:
        return None
    if isinstance(manager, bool) or not isinstance(manager, int) or not 0 < manager < 2**63:
        return None
    return uid, behaviour, datetime.fromtimestamp(tapped_at / 1000, UTC), manager


def _log(token: str | None, tap: tuple[str, str, datetime, int]) -> JSONResponse:
    with new_session() as session:
        profile = accounts.resolve_session(session, token)
        if profile is None:
            return _answer(401, {"error": "signed_out"})
        uid, behaviour, tapped_at, tapped_by = tap
        if tapped_by != profile.id:
            # Tapped while someone else was signed in on this phone: never logged for this manager;
            # the phone keeps it for its own manager.
            return _answer(409, {"error": "other_manager"})
        try:
            entry, created = actions.log_queued_tap(session, profile.id, uid=uid, behaviour=behaviour,
                                                    tapped_at=tapped_at)
        except FieldErrors as invalid:
            return _answer(422, {"errors": {k: translate(v, profile.locale) for k, v in invalid.errors.items()}})
        return _answer(201 if created else 200, {"uid": entry.uid, "behaviour": entry.behaviour,
                                                 "day": entry.day.isoformat()})


async def post_action(request: Request) -> JSONResponse:
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return _answer(411, {"error": "length_required"})
    if int(length) > MAX_BODY:
        return _answer(413, {"error": "too_large"})
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return _answer(415, {"error": "json_only"})
    token = _token(request)
    if not token:
        return _answer(401, {"error": "signed_out"})
    try:
        raw = await _body(request)
    except ClientDisconnect:
        return _answer(400, {"error": "incomplete"})
    if raw is None:
        return _answer(413, {"error": "too_large"})
    tap = _parse(raw)
    if tap is None:
        return _answer(400, {"error": "bad_request"})
    return await asyncio.to_thread(_log, token, tap)
