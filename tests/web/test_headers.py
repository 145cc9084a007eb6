"""Security headers on every response, and the CSP's script hashes read from the built pages."""

from __future__ import annotations

import base64
import hashlib

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from trusthabits.web.headers import SecurityHeaders, script_hashes


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_hashed_and_external_ones_are_not(tmp_path):
    (tmp_path / "a.html").write_text('<script>boot()</script><script type="module" src="/x.js"></script>'
                                     '<script id="_R_">tick()</script>')
    (tmp_path / "b.html").write_text("<SCRIPT>boot()</SCRIPT>")
    assert script_hashes(sorted(tmp_path.glob("*.html"))) == sorted({_sha("boot()"), _sha("tick()")})


def _client(https: bool, pages) -> TestClient:
    app = Starlette(routes=[
        Route("/", lambda _r: HTMLResponse("<p>hi</p>")),
        Route("/api/x", lambda _r: PlainTextResponse("x")),
    ])
    return TestClient(SecurityHeaders(app, https=https, pages=pages))


def test_every_response_carries_the_headers_and_the_policy_lists_the_hashes(tmp_path):
    (tmp_path / "index.html").write_text("<script>boot()</script>")
    client = _client(False, lambda: [tmp_path / "index.html"])
    for path in ("/", "/api/x", "/missing"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self' 'unsafe-eval' " + _sha("boot()") in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
        assert "camera=()" in headers["permissions-policy"]
        assert "strict-transport-security" not in headers


def test_hsts_only_under_https():
    headers = _client(True, lambda: []).get("/").headers
    assert headers["strict-transport-security"].startswith("max-age=31536000")
