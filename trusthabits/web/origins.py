"""Which origin a request may come from, and which address a client really has.

A browser names the page that opened a websocket or sent a request in its `Origin` header. Ours
is TRUSTHABITS_BASE_URL, or the address the request was sent to (`Host`), so a phone that opens
the laptop's address on the LAN keeps working. Everything else is another site's page: its
websocket is refused before it is accepted (cross-site websocket hijacking) and so is any
request that could change something. A request without `Origin` is not from another site's
page (browsers always send one on websockets and on cross-origin POSTs).

The client's address is the peer of the connection, unless that peer is one of the configured
reverse proxies (TRUSTHABITS_TRUSTED_PROXIES): then X-Forwarded-For is read from the right,
skipping our own proxies, and the first address that is not one of them is the client. An
address in X-Forwarded-For from anyone else is ignored: it is whatever the client wrote there.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, default ports dropped."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if not scheme or not host:
        return ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    try:
        port = parts.port
    except ValueError:
        return ""
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def origin_allowed(origin: str | None, *, base_url: str, host: str | None, scheme: str) -> bool:
    """Whether a request with this Origin header comes from the app's own pages."""
    if origin is None:
        return True
    wanted = origin_of(origin)
    if not wanted:
        return False  # "null" (a sandboxed frame, a file://) or garbage
    if wanted == origin_of(base_url):
        return True
    page_scheme = "https" if scheme in ("https", "wss") else "http"
    return bool(host) and wanted == origin_of(f"{page_scheme}://{host}")


@lru_cache(maxsize=16)
def _networks(trusted: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in trusted.split(",") if part.strip())


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(peer: str | None, forwarded_for: str | None, trusted_proxies: str) -> str:
    """The client's address: the peer, or behind our own proxies the first untrusted address
    of X-Forwarded-For counted from the right."""
    peer = (peer or "").strip() or "unknown"
    networks = _networks(trusted_proxies or "")
    if not networks or not _is_trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a malformed chain: trust nothing in it
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


class OriginGuard:
    """ASGI middleware refusing websockets and non-safe requests from other sites' pages."""

    def __init__(self, app: ASGIApp, *, base_url: str):
        self.app = app
        self.base_url = base_url

    def allowed(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        return origin_allowed(headers.get("origin"), base_url=self.base_url, host=headers.get("host"),
                              scheme=scope.get("scheme", "http"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not self.allowed(scope):
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS and not self.allowed(scope):
            response = PlainTextResponse("Cross-site request refused.", status_code=403)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def engineio_origin_check(base_url: str):
    """The same rule for python-engineio's own origin check (`cors_allowed_origins` callable),
    so no '*' remains anywhere in the websocket's path."""

    def check(origin: str | None, environ: dict) -> bool:
        return origin_allowed(origin, base_url=base_url, host=environ.get("HTTP_HOST"),
                              scheme=environ.get("wsgi.url_scheme", "http"))

    return check
