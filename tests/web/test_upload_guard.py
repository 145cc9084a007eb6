"""/_upload: refused before the body is read without a session, without a length, or too big."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from trusthabits.services import accounts
from trusthabits.web.upload_guard import UploadGuard

PASSWORD = "a long enough passphrase"


@pytest.fixture
def guarded(db_path):
    reads: list[int] = []

    async def upload(request: Request):
        body = await request.body()
        reads.append(len(body))
        return PlainTextResponse("stored")

    app = Starlette(routes=[Route("/_upload", upload, methods=["POST"]), Route("/other", upload, methods=["POST"])])
    return TestClient(UploadGuard(app, cookie_name="th_session", max_body=1000)), reads


@pytest.fixture
def token(session):
    accounts.register(session, name="Ann", email="ann@example.com", password=PASSWORD, locale="en",
                      time_zone="Europe/Amsterdam")
    return accounts.sign_in(session, email="ann@example.com", password=PASSWORD)[1]


def test_without_a_session_nothing_is_read(guarded):
    client, reads = guarded
    response = client.post("/_upload", content=b"x" * 10)
    assert response.status_code == 401 and reads == []
    client.cookies.set("th_session", "forged")
    assert client.post("/_upload", content=b"x" * 10).status_code == 401 and reads == []


def test_too_large_is_413_before_anything_is_read(guarded, token):
    client, reads = guarded
    client.cookies.set("th_session", token)
    assert client.post("/_upload", content=b"x" * 1001).status_code == 413
    assert reads == []


def test_a_body_without_length_is_refused(guarded, token):
    client, reads = guarded
    client.cookies.set("th_session", token)

    def chunks():
        yield b"x" * 10

    assert client.post("/_upload", content=chunks()).status_code == 411
    assert reads == []


def test_a_signed_in_upload_within_the_limit_passes(guarded, token):
    client, reads = guarded
    client.cookies.set("th_session", token)
    response = client.post("/_upload", content=b"x" * 1000)
    assert response.status_code == 200 and response.text == "stored" and reads == [1000]


def test_other_paths_are_not_guarded(guarded):
    client, reads = guarded
    assert client.post("/other", content=b"x" * 5000).status_code == 200 and reads == [5000]


def test_a_signed_out_session_cannot_upload(guarded, token, session):
    client, reads = guarded
    accounts.sign_out(session, token)
    client.cookies.set("th_session", token)
    assert client.post("/_upload", content=b"x").status_code == 401 and reads == []


def test_the_event_path_takes_websockets_only():
    from starlette.testclient import TestClient

    from trusthabits.web.event_path import EventPathGuard

    async def app(scope, receive, send):  # what would be engineio: must not be reached by HTTP
        raise AssertionError("reached the socket server")

    client = TestClient(EventPathGuard(app))
    for path in ("/_event", "/_event/", "/_event/?EIO=4&transport=polling"):
        assert client.get(path).status_code == 400
