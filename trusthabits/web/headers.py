"""Security headers on every response the app serves: pages, scripts, styles, /api/* and uploads.

The Content-Security-Policy allows scripts only from this origin plus the inline scripts the
production build writes into its prerendered pages, each by its SHA-256 (React Router's boot
scripts, the colour-mode script, React's streaming chunks). Those are fixed at build time, so
the hashes are read once from the built HTML files; nothing typed by a user is ever in them.
`'unsafe-eval'` stays: Reflex runs server-sent `call_script` code with `eval` (our handlers send
fixed snippets only). Styles allow `'unsafe-inline'`: Emotion, which Reflex styles every
component with, inserts its rules at run time and sets style attributes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "serial", "usb",
    "xr-spatial-tracking", "browsing-topics",
))
HSTS = "max-age=31536000; includeSubDomains"


def script_hashes(html_files: Iterable[Path]) -> list[str]:
    """CSP source expressions ('sha256-…') for every inline script in these HTML files."""
    found: set[str] = set()
    for path in html_files:
        for match in _INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8", errors="replace")):
            if "src=" in match["attrs"].lower():
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def content_security_policy(hashes: Iterable[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval' " + " ".join(hashes),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        # 'self' covers the event websocket on the same host (ws: / wss:).
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def built_pages() -> list[Path]:
    """The prerendered HTML of the production build the server serves."""
    from reflex.utils import prerequisites
    from reflex_base import constants

    static = prerequisites.get_web_dir() / constants.Dirs.STATIC
    return sorted(static.rglob("*.html")) if static.is_dir() else []


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, *, https: bool, pages=built_pages):
        self.app = app
        self.https = https
        self._pages = pages
        self._policy: str | None = None

    @property
    def policy(self) -> str:
        # Read lazily: the build has finished by the time the first request arrives.
        if self._policy is None:
            self._policy = content_security_policy(script_hashes(self._pages()))
        return self._policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = self.policy
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Permissions-Policy"] = PERMISSIONS_POLICY
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                if self.https:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)
