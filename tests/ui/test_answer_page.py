"""The plain-HTML answer page (ui/plain/answer_page.py), through its real HTTP route on a real
SQLite database: the questions are in the first response in the team's language, the form posts
back, refusals are explained, and nothing a member typed is echoed unescaped."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from tests.services.pulse_helpers import NOW, answers, manager, send_round, team_with_members
from trusthabits.core import clock
from trusthabits.http_api import api


@pytest.fixture
def links(session):
    ann = manager(session, name="Marit")
    team = team_with_members(session, ann.id, language="nl")
    return list(send_round(session, ann.id, team.id).values())


class Client:
    """Requests to the app's plain HTTP routes, in process (httpx's ASGI transport)."""

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://app.test") as http:
                return await http.request(method, url, **kwargs)
        return asyncio.run(send())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self._send("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self._send("POST", url, **kwargs)


@pytest.fixture
def client(db_path):
    with clock.frozen(NOW):
        yield Client()


def _visible_text(html: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_the_questions_come_in_the_first_response_in_the_teams_language(client, links):
    page = client.get(f"/pulse/{links[0]}", headers={"Accept-Language": "en-GB"})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<html lang="nl"' in page.text and "<script" not in page.text
    assert "Hoe was deze week met Marit?" in page.text
    assert page.text.count("<fieldset data-item=") == len(answers())
    assert "strongly" not in _visible_text(page.text)  # not a word of English


def test_a_complete_answer_is_stored_once_and_the_link_then_refused(client, links):
    sent = client.post(f"/pulse/{links[0]}", data={**answers(value=4), "comment": "Meer overleg"})
    assert sent.status_code == 200 and "Dank je wel!" in sent.text
    again = client.post(f"/pulse/{links[0]}", data=answers(value=2))
    assert "Deze link is al gebruikt" in again.text and "<form" not in again.text
    assert "Deze link is al gebruikt" in client.get(f"/pulse/{links[0]}/").text


def test_what_is_missing_is_named_and_what_was_typed_is_kept(client, links):
    partial = answers(value=3)
    missing = sorted(partial)[0]
    del partial[missing]
    page = client.post(f"/pulse/{links[1]}", data={**partial, "comment": "<b>meer</b>"})
    assert page.status_code == 422
    assert "Beantwoord alsjeblieft elke zin (nog 1 open)." in page.text
    assert f'<fieldset data-item="{missing}" class=missing>' in page.text
    assert page.text.count(" checked>") == len(partial)
    assert "&lt;b&gt;meer&lt;/b&gt;" in page.text and "<b>meer" not in page.text
    assert "Dank je wel!" in client.post(f"/pulse/{links[1]}", data=answers(value=3)).text


@pytest.mark.parametrize("token", ["nope", "x" * 300, "%00", "%F0%9F%98%80", "'%3E%3Cscript%3E"])
def test_an_unknown_link_is_explained_in_the_browsers_language(client, token):
    page = client.get(f"/pulse/{token}", headers={"Accept-Language": "nl-NL,nl;q=0.9"})
    assert page.status_code == 200 and "Deze link werkt niet" in page.text
    assert "<script" not in page.text


def test_hostile_form_values_store_nothing(client, links):
    hostile = {**answers(value=4), sorted(answers())[0]: "9\ud800"[:1] + "\x00"}
    page = client.post(f"/pulse/{links[2]}", data=hostile)
    assert page.status_code == 422
    assert "Dank je wel!" in client.post(f"/pulse/{links[2]}", data=answers(value=4)).text


def test_the_answer_page_links_the_privacy_page_without_sending_the_token_along(client, links):
    page = client.get(f"/pulse/{links[0]}")
    # The page's address is the member's token: the link must not carry it as a Referer.
    assert re.search(r'<a href="/privacy" rel=noreferrer id=privacy-link>Privacy: wat wordt bewaard', page.text)
