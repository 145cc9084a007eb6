"""/_upload (Reflex's file upload endpoint) only for signed-in managers, and never huge.

The checks run in ASGI middleware before Reflex's handler touches the body: a request without
a valid session cookie gets 401, one without a Content-Length 411, one whose body would exceed
MAX_UPLOAD_BODY 413. Reflex's handler parses multipart bodies into temporary files, so refusing
first means a refused request never has a byte of it written anywhere. Should a client send
more than it announced, the body is cut off at the limit.
"""

from __future__ import annotations

import asyncio
from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trusthabits.db.engine import new_session
from trusthabits.services import accounts

UPLOAD_PATH = "/_upload"
# A 5 MB file (data_transfer.MAX_IMPORT_BYTES) plus its multipart framing.
MAX_UPLOAD_BODY = 5 * 1024 * 1024


def session_token(headers: Headers, cookie_name: str) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except CookieError:
        return ""
    morsel = cookie.get(cookie_name)
    return morsel.value if morsel else ""


def _signed_in(token: str) -> bool:
    if not token:
        return False
    with new_session() as session:
        return accounts.resolve_session(session, token) is not None


class UploadGuard:
    def __init__(self, app: ASGIApp, *, cookie_name: str, path: str = UPLOAD_PATH,
                 max_body: int = MAX_UPLOAD_BODY):
        self.app = app
        self.cookie_name = cookie_name
        self.path = path.rstrip("/")
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = await self._refusal(headers)
        if refusal is not None:
            status, detail = refusal
            # Close the connection: the body we did not read must not be taken for the next request.
            response = JSONResponse({"detail": detail}, status_code=status, headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        await self.app(scope, self._limited(receive), send)

    async def _refusal(self, headers: Headers) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length is None:
            return 411, "Content-Length required."
        if not length.isdigit() or int(length) > self.max_body:
            return 413, "Upload too large."
        if not await asyncio.to_thread(_signed_in, session_token(headers, self.cookie_name)):
            return 401, "Sign in first."
        return None

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def guarded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    return {"type": "http.disconnect"}
            return message

        return guarded
