""""What I heard, what I'll try" (services/what_i_heard.py): the team gets the latest shown
block's figures, one sentence and the commitment, in the team's language; never a figure below k,
never a comment; one message per team per block; the sending limit applies; the public page lists
it with a date only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import NOW, answers, manager, past_round, send_round, team_with_members
from trusthabits.db.models import OutboxMessage, Team, TeamEvent
from trusthabits.services import commitments, mail, pulse_answers, results, team_events, what_i_heard
from trusthabits.services.teams import TeamNotFound

SECRET = "only two of us answered this week"
SHOWN_COMMENT = "more coffee"


def _given(week: str, value: int) -> dict[str, int]:
    return {key: int(v) for key, v in answers(week, value).items()}


def _team(session, ann, language="en"):
    team = team_with_members(session, ann.id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"), k=3,
                             language=language)
    past_round(session, team.id, "2026-W46", [_given("2026-W46", 4)] * 3 + [_given("2026-W46", 5)],
               comments=[SHOWN_COMMENT])
    past_round(session, team.id, "2026-W47", [_given("2026-W47", 1)] * 2, comments=[SECRET])  # below k
    return team


def _mails(session):
    return session.exec(select(OutboxMessage).where(OutboxMessage.kind == what_i_heard.KIND)).all()


def test_the_message_contains_no_figure_below_k_and_no_comment(session):
    ann = manager(session)
    team = _team(session, ann)
    # An open round this week with one answer and a comment: nothing of it may leave either.
    token = next(iter(send_round(session, ann.id, team.id).values()))
    pulse_answers.submit_pulse(session, token, answers(value=2), "open comment", NOW + timedelta(hours=1))
    commitments.commit(session, ann.id, "2026-W48", "humility", None, NOW)
    later = NOW + timedelta(hours=2)

    assert what_i_heard.send(session, ann.id, team.id, "  You want more room to decide.  ", later) == 5
    mails = _mails(session)
    assert sorted(m.to_address for m in mails) == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"]
    body = mails[0].body
    found = results.visible_results(session, ann.id, team.id, later)
    [shown] = found.shown_blocks()
    assert shown.start_week == "2026-W46" and "2026-W46" in mails[0].subject
    assert f"{shown.trust.value:.2f}" in body and "4 people answered" in body
    assert "You want more room to decide." in body and "Humility" in body
    for text in (SECRET, SHOWN_COMMENT, "open comment", "2026-W47", "2 people", "@x.nl"):
        assert text not in body.split("\n\nTrustHabits")[0], text
    # Only trust and the need means of the shown block: every number in the message is one of them.
    allowed = {f"{shown.trust.value:.2f}", *(f"{f.value:.2f}" for f in shown.needs.values())}
    numbers = {word.strip(".,:") for word in body.split("\n\nTrustHabits")[0].split() if "." in word and
               word.strip(".,:").replace(".", "").isdigit()}
    assert numbers <= allowed and numbers
    assert mails[0].link == ""


def test_one_message_per_team_per_block_and_the_public_page_lists_it_with_a_date(session):
    ann = manager(session)
    team = _team(session, ann, language="nl")
    assert what_i_heard.send(session, ann.id, team.id, "Jullie willen meer ruimte.", NOW) == 5
    with pytest.raises(what_i_heard.HeardRefused) as again:
        what_i_heard.send(session, ann.id, team.id, "Nog een keer.", NOW + timedelta(minutes=1))
    assert again.value.key == "heard.refused_already" and len(_mails(session)) == 5
    assert "Wat ik hoorde" in _mails(session)[0].body  # the team's language
    [event] = session.exec(select(TeamEvent).where(TeamEvent.team_id == team.id)).all()
    assert (event.kind, event.iso_week, event.day) == ("what_i_heard", "2026-W46", NOW.date())
    page = team_events.public_page(session, session.get(Team, team.id).public_id)
    assert page.events == [(NOW.date(), "what_i_heard", "2026-W46")]
    assert [s.sent for s in what_i_heard.statuses(session, ann.id, NOW)] == [True]


@pytest.mark.parametrize("sentence, key", [
    ("", "error.heard_empty"), ("   ", "error.heard_empty"), ("x" * 301, "error.heard_too_long"),
    ("line one\nline two", "error.share_note_hidden_characters"),
    ("evil \u202e override", "error.share_note_hidden_characters"),
])
def test_a_bad_sentence_sends_nothing(session, sentence, key):
    ann = manager(session)
    team = _team(session, ann)
    with pytest.raises(what_i_heard.HeardRefused) as refused:
        what_i_heard.send(session, ann.id, team.id, sentence, NOW)
    assert refused.value.key == key and _mails(session) == []
    assert session.exec(select(TeamEvent)).all() == []


def test_nothing_is_sent_without_a_shown_block_nor_to_another_managers_team(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    team = team_with_members(session, ann.id, k=3)
    past_round(session, team.id, "2026-W46", [_given("2026-W46", 4)] * 2, comments=[SECRET])  # below k
    with pytest.raises(what_i_heard.HeardRefused) as refused:
        what_i_heard.send(session, ann.id, team.id, "Heard you.", NOW)
    assert refused.value.key == "heard.refused_nothing"
    with pytest.raises(TeamNotFound):
        what_i_heard.send(session, bob.id, team.id, "Heard you.", NOW)
    assert _mails(session) == []


def test_the_daily_sending_limit_applies_whole_or_nothing(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_MAX_MAILS_PER_DAY", "3")
    ann = manager(session)
    team = _team(session, ann)
    with pytest.raises(mail.DailyLimitReached):
        what_i_heard.send(session, ann.id, team.id, "Heard you.", NOW)
    assert _mails(session) == [] and session.exec(select(TeamEvent)).all() == []
