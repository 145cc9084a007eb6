"""Origin checks and the client's address behind our own proxies (no proxy: the peer)."""

from __future__ import annotations

import pytest

from trusthabits.web.origins import client_ip, origin_allowed, origin_of

BASE = "https://habits.example.org"


@pytest.mark.parametrize("url, origin", [
    ("https://Habits.Example.org/", "https://habits.example.org"),
    ("https://habits.example.org:443", "https://habits.example.org"),
    ("http://localhost:3000/signin", "http://localhost:3000"),
    ("http://[::1]:3000", "http://[::1]:3000"),
    ("null", ""),
    ("file:///etc/passwd", ""),
    ("http://host:99999", ""),
])
def test_origin_of(url, origin):
    assert origin_of(url) == origin


@pytest.mark.parametrize("origin, host, scheme, allowed", [
    ("https://habits.example.org", "internal:3000", "http", True),  # behind the proxy
    ("http://192.168.1.20:3000", "192.168.1.20:3000", "http", True),  # a phone on the laptop's address
    ("https://evil.example", "habits.example.org", "https", False),
    ("https://habits.example.org.evil.example", "habits.example.org", "https", False),
    ("http://habits.example.org", "other:3000", "http", False),  # wrong scheme for the base URL
    ("null", "habits.example.org", "https", False),
    ("", "habits.example.org", "https", False),
    ("https://192.168.1.20:3000", "192.168.1.20:3000", "http", False),  # the page was not https
    (None, "anything", "http", True),  # not sent by another site's page
])
def test_origin_allowed(origin, host, scheme, allowed):
    assert origin_allowed(origin, base_url=BASE, host=host, scheme=scheme) is allowed


def test_without_trusted_proxies_forwarded_for_is_ignored():
    assert client_ip("203.0.113.9", "198.51.100.1", "") == "203.0.113.9"


def test_forwarded_for_from_someone_else_is_ignored():
    assert client_ip("203.0.113.9", "198.51.100.1", "10.0.0.0/8") == "203.0.113.9"


def test_behind_our_proxy_the_first_untrusted_hop_from_the_right_is_the_client():
    # The client prepended a fake address; our proxy appended the real one.
    assert client_ip("10.0.0.2", "1.2.3.4, 198.51.100.7", "10.0.0.0/8") == "198.51.100.7"
    # Two of our proxies in a row.
    assert client_ip("10.0.0.2", "198.51.100.7, 10.0.0.5", "10.0.0.0/8, 127.0.0.1") == "198.51.100.7"


def test_a_malformed_chain_falls_back_to_the_peer():
    assert client_ip("10.0.0.2", "198.51.100.7, not-an-ip", "10.0.0.0/8") == "10.0.0.2"
    assert client_ip("10.0.0.2", "", "10.0.0.0/8") == "10.0.0.2"


def _guarded_app():
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route, WebSocketRoute

    from trusthabits.web.origins import OriginGuard

    async def socket(websocket):
        await websocket.accept()
        await websocket.send_text("hello")
        await websocket.close()

    app = Starlette(routes=[Route("/do", lambda _r: PlainTextResponse("done"), methods=["GET", "POST"]),
                            WebSocketRoute("/_event", socket)])
    return OriginGuard(app, base_url="http://localhost:3000")


def test_the_guard_refuses_other_sites_posts_and_websockets():
    from starlette.testclient import TestClient
    from starlette.websockets import WebSocketDisconnect

    client = TestClient(_guarded_app(), base_url="http://localhost:3000")
    assert client.post("/do", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/do", headers={"Origin": "https://evil.example"}).status_code == 200  # reading is CORS's job
    assert client.post("/do", headers={"Origin": "http://localhost:3000"}).text == "done"
    with pytest.raises(WebSocketDisconnect):
        with client.websocket_connect("/_event", headers={"Origin": "https://evil.example"}) as ws:
            ws.receive_text()
    with client.websocket_connect("/_event", headers={"Origin": "http://localhost:3000"}) as ws:
        assert ws.receive_text() == "hello"
