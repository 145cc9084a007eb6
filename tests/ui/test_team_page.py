"""The team's public "how anonymous?" page (ui/plain/team_page.py) and the answer page's notice
for links handed out by hand, through the real HTTP routes on a real SQLite database."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import BASE_URL, NOW, answers, manager, team_with_members
from tests.ui.test_answer_page import Client, _visible_text
from trusthabits.core import clock
from trusthabits.db.models import OutboxMessage, Team
from trusthabits.services import pulse_answers, pulse_rounds, results, share_back


@pytest.fixture
def client(db_path):
    with clock.frozen(NOW):
        yield Client()


def _round(session, language="nl", by_hand=True):
    ann = manager(session, name="Marit")
    team = team_with_members(session, ann.id, language=language)
    pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, NOW, BASE_URL, by_hand=by_hand)
    tokens = [m.link.rsplit("/pulse/", 1)[1] for m in session.exec(select(OutboxMessage))]
    return ann, team, tokens


def test_links_handed_out_by_hand_are_said_plainly_on_the_answer_page(client, session):
    _, team, tokens = _round(session)
    page = client.get(f"/pulse/{tokens[0]}")
    assert 'id=by-hand' in page.text
    assert "Marit heeft de links van dit team zelf uitgedeeld" in page.text
    assert "kon ze allemaal lezen" in page.text
    public_id = session.get(Team, team.id).public_id
    assert f'href="/anonymity/{public_id}"' in page.text


def test_mailed_links_carry_no_such_notice(client, session):
    _, _, tokens = _round(session, by_hand=False)
    page = client.get(f"/pulse/{tokens[0]}")
    assert page.status_code == 200 and "by-hand" not in page.text


def test_the_public_page_says_what_is_kept_and_what_the_manager_did_but_no_result(client, session):
    ann, team, tokens = _round(session)
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers(value=2), "vertrouwelijk commentaar", NOW)
    round_id = results.visible_results(session, ann.id, team.id, NOW).open_rounds[0].round_id
    pulse_rounds.close_round(session, ann.id, round_id, NOW)
    share_back.share_round(session, ann.id, round_id, "", NOW + timedelta(days=1))
    public_id = session.get(Team, team.id).public_id
    assert public_id and str(team.id) != public_id and len(public_id) >= 20

    page = client.get(f"/anonymity/{public_id}", headers={"Accept-Language": "en-GB"})
    assert page.status_code == 200 and '<html lang="nl"' in page.text and "<script" not in page.text
    text = _visible_text(page.text)
    assert "Hoe anoniem is de pulse van Support?" in text
    assert "nooit wanneer" in text and "minstens 3 mensen" in text and "per 1 week" in text
    assert "Er is geen mailserver ingesteld" in text
    # The dated list: a date, never a time, newest first.
    events = re.findall(r"<li>(\d{4}-\d\d-\d\d): ([^<]*)</li>", page.text)
    assert events == [("2026-11-26", "de resultaten van week 2026-W48 met het team gedeeld"),
                      ("2026-11-25", "de ronde van week 2026-W48 eerder gesloten")]
    assert not re.search(r"\d\d:\d\d", text)
    # No result: no score, no comment, no count of answers.
    assert "vertrouwelijk" not in text and "2.00" not in text and "van 4" not in text


def test_the_public_page_lists_each_change_of_the_reporting_period_with_the_week_it_applies_from(client, session):
    ann = manager(session, name="Marit")
    team = team_with_members(session, ann.id, language="en")
    public_id = session.get(Team, team.id).public_id
    # Wednesday of 2026-W48 (1 week in force): two-week blocks start with the next week, W49.
    assert results.set_period(session, ann.id, team.id, 2, NOW).from_week == "2026-W49"
    results.set_period(session, ann.id, team.id, 2, NOW + timedelta(hours=1))  # saved again: no change
    results.set_period(session, ann.id, team.id, 1, NOW + timedelta(days=1))  # taken back before W49
    results.set_period(session, ann.id, team.id, 4, NOW + timedelta(days=2))  # four weeks, from W49 on

    events = re.findall(r"<li>(\d{4}-\d\d-\d\d): ([^<]*)</li>", client.get(f"/anonymity/{public_id}").text)
    assert events == [("2026-11-27", "chose results per block of 4 weeks, from week 2026-W49"),
                      ("2026-11-26", "chose results per week, from week 2026-W49"),
                      ("2026-11-25", "chose results per block of 2 weeks, from week 2026-W49")]
    team_row = session.get(Team, team.id)
    team_row.language = "nl"
    session.add(team_row)
    session.commit()
    dutch = client.get(f"/anonymity/{public_id}").text
    assert "koos voor resultaten per blok van 4 weken, vanaf week 2026-W49" in dutch


def test_an_unknown_or_hostile_public_id_finds_nothing(client, session):
    _, team, _ = _round(session)
    for probe in (str(team.id), "x" * 33, "%00", "' OR 1=1 --", "a" * 22):
        page = client.get(f"/anonymity/{probe}")
        assert page.status_code == 404, probe
        assert "Support" not in page.text
