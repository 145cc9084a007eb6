"""The HTTP edge of the production server: security headers on pages, scripts, styles and the
API; CORS and the event websocket only for the app's own pages; /_upload refused before its
body is read."""

from __future__ import annotations

import re
import socket
import urllib.parse

import httpx
import pytest
import socketio
from sqlmodel import Session

from tests.e2e.conftest import unique_email
from tests.e2e.helpers import PASSWORD, create_manager, run_async
from trusthabits.services import accounts


def _assets(server) -> tuple[str, str]:
    html = httpx.get(f"{server.base_url}/signin/").text
    script = re.search(r'"(/assets/[^"]+\.js)"', html)  # in the boot script (ui/frontend_build.py)
    style = re.search(r'href="(/assets/[^"]+\.css)"', html)
    return script.group(1), style.group(1)


def test_pages_scripts_styles_and_api_carry_the_security_headers(app_server):
    script, style = _assets(app_server)
    for path in ("/signin/", "/", script, style, "/api/health", "/manifest.webmanifest", "/no-such-page"):
        headers = httpx.get(app_server.base_url + path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert "geolocation=()" in headers["permissions-policy"], path
        assert "strict-transport-security" not in headers  # the test server is plain http


def test_the_policy_allows_exactly_the_inline_scripts_of_the_built_pages(app_server):
    """Every inline script of a served page is in the CSP by hash, and no 'unsafe-inline'."""
    import base64
    import hashlib

    response = httpx.get(f"{app_server.base_url}/signin/")
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    inline = re.findall(r"<script(?![^>]*src=)[^>]*>(.*?)</script>", response.text, re.S)
    assert len(inline) >= 3
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_cors_grants_nothing_to_another_site(app_server):
    evil = {"Origin": "https://evil.example", "Cookie": "th_session=whatever"}
    response = httpx.get(f"{app_server.base_url}/api/health", headers=evil)
    assert "access-control-allow-origin" not in response.headers
    preflight = httpx.options(f"{app_server.base_url}/_upload", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    own = httpx.get(f"{app_server.base_url}/api/health", headers={"Origin": app_server.base_url})
    assert own.headers["access-control-allow-origin"] == app_server.base_url


async def _connect(url: str, origin: str | None) -> bool:
    client = socketio.AsyncClient(reconnection=False)
    try:
        await client.connect(url, socketio_path="/_event", namespaces=["/_event"], transports=["websocket"],
                             headers={"Origin": origin} if origin else {}, wait_timeout=10)
    except socketio.exceptions.ConnectionError:
        return False
    await client.disconnect()
    return True


def test_the_websocket_accepts_only_the_apps_own_pages(app_server):
    base = app_server.base_url
    port = urllib.parse.urlsplit(base).port
    loopback = f"http://127.0.0.1:{port}"

    async def attempts():
        return [
            await _connect(base, base),
            await _connect(loopback, loopback),  # the page opened on another address of this server
            await _connect(base, "https://evil.example"),
            await _connect(base, loopback),  # an origin that is neither the base URL nor the Host
            await _connect(base, "null"),
        ]

    assert run_async(attempts()) == [True, True, False, False, False]


def _files(*folders) -> set[str]:
    return {str(path) for folder in folders if folder.exists() for path in folder.rglob("*")}


def _session_token(server) -> str:
    email = unique_email("uploader")
    create_manager(server, email)
    with Session(server.engine) as session:
        return accounts.sign_in(session, email=email, password=PASSWORD)[1]


def _announce_huge_body(server, headers: dict[str, str], length: int) -> int:
    """Announce a body of `length` bytes, send the first KiB and read the answer's status."""
    parts = urllib.parse.urlsplit(server.base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        request = f"POST /_upload HTTP/1.1\r\nHost: {parts.netloc}\r\n{head}Content-Length: {length}\r\n\r\n"
        conn.sendall(request.encode())
        conn.sendall(b"x" * 1024)
        return int(conn.recv(1024).split(b" ", 2)[1])


@pytest.mark.parametrize("case", ["no session", "forged session", "too large", "no length", "other site"])
def test_a_refused_upload_reads_and_writes_nothing(app_server, case):
    url = f"{app_server.base_url}/_upload"
    before = _files(app_server.upload_dir, app_server.tmp_dir)
    headers = {"Reflex-Client-Token": "t", "Reflex-Event-Handler": "reflex___state____state.x"}
    body = b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.json\"\r\n\r\n{}\r\n--b--\r\n"
    headers["Content-Type"] = "multipart/form-data; boundary=b"
    expected = {"no session": 401, "forged session": 401, "too large": 413, "no length": 411, "other site": 403}[case]
    if case == "forged session":
        headers["Cookie"] = "th_session=" + "A" * 43
    elif case in ("too large", "no length", "other site"):
        headers["Cookie"] = "th_session=" + _session_token(app_server)
    if case == "other site":
        headers["Origin"] = "https://evil.example"
    if case == "too large":
        status = _announce_huge_body(app_server, headers, 300 * 1024 * 1024)
    elif case == "no length":
        status = httpx.post(url, headers=headers, content=iter([body])).status_code
    else:
        status = httpx.post(url, headers=headers, content=body).status_code
    assert status == expected
    assert _files(app_server.upload_dir, app_server.tmp_dir) == before
