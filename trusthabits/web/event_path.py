"""The event socket's path takes websockets only.

Reflex runs socket.io with the websocket transport alone; a plain HTTP request to `/_event`
(socket.io's long-polling handshake, or anything else) would reach python-engineio, which
answers 400 and logs the first one at ERROR level. Answered here instead: 400, nothing logged.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

EVENT_PATH = "/_event"


class EventPathGuard:
    def __init__(self, app: ASGIApp, path: str = EVENT_PATH):
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == self.path or path.startswith(self.path + "/")):
            await PlainTextResponse("The event socket takes websockets only.", status_code=400)(scope, receive, send)
            return
        await self.app(scope, receive, send)
