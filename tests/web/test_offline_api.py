"""`POST /api/actions` (taps saved offline, sent on reconnect) through its real route on a real
SQLite database, as hostile input: no token, another manager's token, bad JSON, a huge body,
future and ancient dates; and the uid that makes a retry log once."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlmodel import Session, select

from trusthabits.core import clock
from trusthabits.db.engine import build_engine
from trusthabits.db.models import ActionLog
from trusthabits.http_api import api
from trusthabits.services import accounts

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # Wednesday 10:00 in Amsterdam


def _post(body: bytes | str, token: str | None = None, headers: dict | None = None, cookie: bool = False):
    sent = {"content-type": "application/json", **(headers or {})}
    if token and not cookie:
        sent["authorization"] = f"Bearer {token}"

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://app.test",
                                     cookies={"th_session": token} if cookie and token else None) as http:
            return await http.post("/api/actions", content=body, headers=sent)
    return asyncio.run(send())


def tap(behaviour="courage", at=NOW, uid=None, manager=1) -> dict:
    return {"uid": uid or uuid.uuid4().hex, "behaviour": behaviour, "tapped_at": int(at.timestamp() * 1000),
            "manager": manager}


@pytest.fixture
def world(db_path):
    engine = build_engine(f"sqlite:///{db_path}")
    with Session(engine, expire_on_commit=False) as session, clock.frozen(NOW):
        tokens = {}
        for name, locale in (("ann", "en"), ("bob", "nl")):
            accounts.register(session, name=name, email=f"{name}@example.com", password="correct horse battery",
                              locale=locale, time_zone="Europe/Amsterdam")
            tokens[name] = accounts.sign_in(session, email=f"{name}@example.com", password="correct horse battery")
        yield session, {name: (profile.id, token) for name, (profile, token) in tokens.items()}
    engine.dispose()


def entries(session, manager_id):
    return list(session.exec(select(ActionLog).where(ActionLog.manager_id == manager_id),
                             execution_options={"populate_existing": True}))


def test_a_tap_is_logged_once_however_often_it_is_sent(world):
    session, who = world
    ann_id, token = who["ann"]
    body = json.dumps(tap("courage", NOW - timedelta(hours=12), manager=ann_id))  # last night, 22:00 here
    with clock.frozen(NOW):
        first = _post(body, token, cookie=True)  # the page's own cookie
        again = _post(body, token)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json() == {"uid": json.loads(body)["uid"], "behaviour": "courage",
                                            "day": "2026-12-01"}
    assert first.headers["cache-control"] == "no-store"
    assert [(e.behaviour, e.day.isoformat()) for e in entries(session, ann_id)] == [("courage", "2026-12-01")]


def test_without_a_valid_token_nothing_is_logged(world):
    session, who = world
    body = json.dumps(tap())
    with clock.frozen(NOW):
        assert _post(body).status_code == 401
        assert _post(body, "not-a-token").status_code == 401
        assert _post(body, "x" * 5000).status_code == 401
        accounts.sign_out(session, who["ann"][1])
        assert _post(body, who["ann"][1]).status_code == 401
    assert session.exec(select(ActionLog)).all() == []


def test_another_managers_token_logs_for_that_manager_only(world):
    session, who = world
    (ann_id, ann_token), (bob_id, bob_token) = who["ann"], who["bob"]
    shared = tap("humility", manager=ann_id)
    with clock.frozen(NOW):
        assert _post(json.dumps(shared), ann_token).status_code == 201
        # A tap Ann made on a shared phone, sent while Bob is signed in: refused, never Bob's.
        assert _post(json.dumps(shared), bob_token).json() == {"error": "other_manager"}
        assert _post(json.dumps(tap("courage", manager=ann_id)), bob_token).status_code == 409
        # Bob replaying Ann's uid as his own gets an entry of his own; Ann's is untouched.
        answer = _post(json.dumps({**shared, "manager": bob_id}), bob_token)
        assert _post(json.dumps({**tap(), "manager_id": ann_id}), bob_token).status_code == 400
    assert answer.status_code == 201
    assert len(entries(session, ann_id)) == 1 and len(entries(session, bob_id)) == 1


@pytest.mark.parametrize("body", [
    "", "{", "[]", "null", '"courage"', "{\"uid\": 1}", "\xff\xfe",
    json.dumps({"uid": "a" * 32, "behaviour": "courage"}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": "yesterday"}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": True}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": 1.5e12}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": 2 ** 63}),
    json.dumps({"uid": "a" * 32, "behaviour": ["courage"], "tapped_at": 1_764_000_000_000}),
    json.dumps({"uid": None, "behaviour": "courage", "tapped_at": 1_764_000_000_000}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": 1_764_000_000_000, "manager": "1"}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": 1_764_000_000_000, "manager": True}),
    json.dumps({"uid": "a" * 32, "behaviour": "courage", "tapped_at": 1_764_000_000_000, "manager": 2 ** 64}),
])
def test_bad_json_is_refused(world, body):
    session, who = world
    with clock.frozen(NOW):
        assert _post(body, who["ann"][1]).status_code == 400
    assert session.exec(select(ActionLog)).all() == []


@pytest.mark.parametrize("changes, field, text", [
    ({"behaviour": "<script>"}, "behaviour", "That behaviour is not in the catalogue."),
    ({"uid": "A" * 32}, "uid", "This tap has no valid id."),
    ({"uid": "../" * 10 + "aa"}, "uid", "This tap has no valid id."),
    ({"tapped_at": int((NOW + timedelta(hours=2)).timestamp() * 1000)}, "day",
     "You cannot log something that has not happened yet. Pick today or an earlier day."),
    ({"tapped_at": int((NOW - timedelta(days=9)).timestamp() * 1000)}, "day",
     "You can date an entry at most 7 days back."),
    ({"tapped_at": 946_684_800_000}, "day", "You can date an entry at most 7 days back."),
])
def test_bad_taps_are_refused_with_a_message_in_the_managers_language(world, changes, field, text):
    session, who = world
    with clock.frozen(NOW):
        answer = _post(json.dumps({**tap(manager=who["ann"][0]), **changes}), who["ann"][1])
        dutch = _post(json.dumps({**tap(manager=who["bob"][0]), **changes}), who["bob"][1])
    assert answer.status_code == 422 and answer.json() == {"errors": {field: text}}
    assert dutch.status_code == 422 and dutch.json()["errors"][field] != text  # Bob reads Dutch
    assert session.exec(select(ActionLog)).all() == []


def test_a_huge_or_unannounced_body_is_refused_before_it_is_read(world):
    session, who = world
    token = who["ann"][1]
    with clock.frozen(NOW):
        assert _post("x" * 2000, token).status_code == 413
        assert _post(json.dumps({**tap(), "pad": "x" * 5000}), token).status_code == 413
        assert _post(json.dumps(tap()), token, headers={"content-type": "text/plain"}).status_code == 415

    async def lying() -> httpx.Response:
        async def chunks():
            for _ in range(100):
                yield b"x" * 1000
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://app.test") as http:
            return await http.post("/api/actions", content=chunks(), headers={
                "content-type": "application/json", "authorization": f"Bearer {token}", "content-length": "10"})
    with clock.frozen(NOW):
        assert asyncio.run(lying()).status_code in (400, 413)

    async def unannounced() -> httpx.Response:
        async def chunks():
            yield json.dumps(tap()).encode()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://app.test") as http:
            return await http.post("/api/actions", content=chunks(), headers={
                "content-type": "application/json", "authorization": f"Bearer {token}"})
    with clock.frozen(NOW):
        assert asyncio.run(unannounced()).status_code == 411
    assert session.exec(select(ActionLog)).all() == []


def test_only_post(world):
    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://app.test") as http:
            return await http.get("/api/actions")
    assert asyncio.run(get()).status_code == 405
