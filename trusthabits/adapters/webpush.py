"""Web Push: the app's VAPID key pair (generated on first start, kept in the data folder) and
sending one encrypted message to a subscription's push service with pywebpush.

The endpoint was checked when it was stored (core/push_rules.py); it is checked again here,
with its host freshly resolved, right before the POST, and redirects are not followed, so a
subscription cannot point the server at an internal address later.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid02  # type: ignore[import-untyped]
from pywebpush import WebPushException, webpush  # type: ignore[import-untyped]

from trusthabits.core import push_rules

log = logging.getLogger("trusthabits.push")

KEY_FILE = "vapid_private.pem"
TIMEOUT_S = 10
TTL_S = 12 * 3600

SENT, GONE, FAILED, REFUSED = "sent", "gone", "failed", "refused"


def _load(path: Path) -> Vapid02:
    return Vapid02.from_file(str(path))


def vapid_key(data_dir: Path) -> Vapid02:
    """The app's VAPID key, created once (atomically: two workers starting together end up with
    the same key) in `data_dir`."""
    path = data_dir / KEY_FILE
    if path.exists():
        return _load(path)
    data_dir.mkdir(parents=True, exist_ok=True)
    fresh = Vapid02()
    fresh.generate_keys()
    handle, temp = tempfile.mkstemp(dir=data_dir, prefix=".vapid-")
    os.close(handle)
    try:
        fresh.save_key(temp)
        os.chmod(temp, 0o600)
        try:
            os.link(temp, path)  # fails if another process won: then use its key
            log.info("created the Web Push (VAPID) key in %s", path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temp)
    return _load(path)


def public_key(data_dir: Path) -> str:
    """The applicationServerKey a browser subscribes with (base64url, uncompressed point)."""
    raw = vapid_key(data_dir).public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def resolve(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


def endpoint_refused(endpoint: str, allow_private: bool) -> str | None:
    if key := push_rules.endpoint_error(endpoint, allow_private):
        return key
    return push_rules.addresses_error(resolve(urlsplit(endpoint).hostname or ""), allow_private)


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str


class Pusher:
    """Sends a JSON payload to one subscription; answers SENT, GONE (the push service forgot the
    subscription: delete it), FAILED or REFUSED (the endpoint is not allowed)."""

    def __init__(self, data_dir: Path, subject: str, allow_private: bool = False):
        self.key = vapid_key(data_dir)
        self.subject = subject
        self.allow_private = allow_private

    def __call__(self, subscription: Subscription, payload: dict[str, str]) -> str:
        if key := endpoint_refused(subscription.endpoint, self.allow_private):
            log.warning("push endpoint refused (%s)", key)
            return REFUSED
        http = requests.Session()
        http.max_redirects = 0
        http.trust_env = False
        try:
            webpush({"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh,
                                                                  "auth": subscription.auth}},
                    json.dumps(payload), vapid_private_key=self.key, vapid_claims={"sub": self.subject},
                    timeout=TIMEOUT_S, ttl=TTL_S, requests_session=http)
        except WebPushException as failed:
            status = failed.response.status_code if failed.response is not None else 0
            log.warning("push failed: %s", status or failed)
            return GONE if status in (404, 410) else FAILED
        except requests.RequestException as failed:
            log.warning("push failed: %s", type(failed).__name__)
            return FAILED
        finally:
            http.close()
        return SENT
