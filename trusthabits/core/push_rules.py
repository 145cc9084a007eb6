"""What a Web Push subscription may be. Its endpoint is a URL the browser's push service chose,
but it reaches the server from the browser, so it is attacker-controlled: the server would POST
to it. Only https endpoints on public addresses are accepted (plain http and private, loopback
or link-local addresses only when the deployment allows them, e.g. a push service on an intranet
or the test's stand-in), with bounded sizes and keys of the right shape.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

MAX_ENDPOINT_LENGTH = 1024
MAX_SUBSCRIPTIONS = 10
P256DH_BYTES = 65  # an uncompressed P-256 point
AUTH_BYTES = 16


def b64url_decode(text: str) -> bytes | None:
    if not text or len(text) > 200 or any(ch not in _B64URL for ch in text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


_B64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")


def is_public_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def endpoint_error(endpoint: str, allow_private: bool) -> str | None:
    """The shape of the URL alone (addresses are checked once resolved: `addresses_error`)."""
    if not endpoint or len(endpoint) > MAX_ENDPOINT_LENGTH or not endpoint.isascii():
        return "error.push_endpoint"
    if any(ch.isspace() or not ch.isprintable() for ch in endpoint):
        return "error.push_endpoint"
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "error.push_endpoint"
    if parts.username or parts.password or not parts.hostname or parts.fragment:
        return "error.push_endpoint"
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        return "error.push_endpoint"
    if port is not None and port == 0:
        return "error.push_endpoint"
    host = parts.hostname
    if not allow_private and (host == "localhost" or host.endswith(".localhost") or host.endswith(".local")):
        return "error.push_endpoint"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    if not allow_private and not is_public_address(host):
        return "error.push_endpoint"
    return None


def addresses_error(addresses: Iterable[str], allow_private: bool) -> str | None:
    """Every address the endpoint's host resolves to must be public (unless allowed)."""
    found = list(addresses)
    if not found:
        return "error.push_endpoint"
    if not allow_private and not all(is_public_address(a) for a in found):
        return "error.push_endpoint"
    return None


def keys_error(p256dh: str, auth: str) -> str | None:
    point, secret = b64url_decode(p256dh), b64url_decode(auth)
    if point is None or len(point) != P256DH_BYTES or point[0] != 4:
        return "error.push_keys"
    if secret is None or len(secret) != AUTH_BYTES:
        return "error.push_keys"
    return None
