"""Hostile input at the use cases (part of the hostile-input suite, README "Abuse resistance"):
what a crafted form, file or link could carry past the event boundary — names and notes with
control characters, NUL or bidi overrides, days from the year 1, a flood of pauses, weeks at the
calendar's edges, deeply nested JSON, a line break in a name that ends up in a mail header.
Every case: refused with a message naming the field (or harmless), nothing stored on refusal."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import manager as pulse_manager
from tests.services.pulse_helpers import send_round, team_with_members
from tests.services.test_actions import NOW, TODAY, manager
from tests.services.test_mail_delivery import NOW as MAIL_NOW
from tests.services.test_mail_delivery import Inbox
from trusthabits.core import scoring
from trusthabits.core.calendar import iso_week_key
from trusthabits.core.errors import FieldErrors
from trusthabits.core.instrument import CURRENT, InvalidAnswers, clean_answers
from trusthabits.db.models import ActionLog, HabitPause, Manager, Team
from trusthabits.services import accounts, actions, data_transfer, habits, mail, reflections, share_back, teams
from trusthabits.services.data_transfer import ImportRefused

# What a crafted form can hold that nobody types; each must be refused in a name or a note.
HIDDEN = {
    "NUL": "Ann\x00",
    "line feed": "Ann\nBcc: victim@evil.example",
    "carriage return": "Ann\r\nX-Injected: 1",
    "escape": "Ann\x1b[31m",
    "DEL": "Ann\x7f",
    "C1 control": "An\x85n",
    "right-to-left override": "Ann\u202egnp.exe",
    "left-to-right embedding": "\u202aAnn",
    "pop directional": "Ann\u202c",
    "first-strong isolate": "Ann\u2068x\u2069",
    "lone high surrogate": "Ann\ud800",
    "lone low surrogate": "\udfffAnn",
}
# In notes (text areas) line breaks and tabs are text; everything else above is not.
HIDDEN_IN_NOTES = {k: v for k, v in HIDDEN.items() if k not in ("line feed", "carriage return")}


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_manager_name_with_hidden_characters_is_refused(session, name):
    with pytest.raises(FieldErrors) as refused:
        accounts.register(session, name=name, email="ann@example.com", password="correct horse battery",
                          locale="en", time_zone="Europe/Amsterdam")
    assert refused.value.errors == {"name": "error.name_hidden_characters"}
    assert session.exec(select(Manager)).all() == []


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_team_name_with_hidden_characters_is_refused(session, name):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        teams.create_team(session, ann, name=name, language="en", time_zone="Europe/Amsterdam")
    assert refused.value.errors["name"] == "error.team_name_hidden_characters"
    assert session.exec(select(Team)).all() == []


@pytest.mark.parametrize("note", HIDDEN_IN_NOTES.values(), ids=HIDDEN_IN_NOTES.keys())
def test_a_note_with_hidden_characters_is_refused_everywhere_a_note_goes(session, note):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        actions.log_action(session, ann, "courage", note=note, now=NOW)
    assert refused.value.errors == {"note": "error.note_hidden_characters"}
    assert share_back.note_error(note) == "error.share_note_hidden_characters"
    with pytest.raises(InvalidAnswers) as comment:
        clean_answers(CURRENT.trust_items, {item.key: "3" for item in CURRENT.trust_items}, note)
    assert comment.value.key == "error.comment_hidden_characters"
    week = reflections.this_week(session, ann, NOW)
    with pytest.raises(FieldErrors) as reflection:
        reflections.save(session, ann, week, note, "fine", NOW)
    assert reflection.value.errors == {"went_well": "error.reflection_hidden_characters"}
    assert session.exec(select(ActionLog)).all() == []


def test_line_breaks_and_tabs_stay_allowed_in_notes(session):
    ann = manager(session)
    assert actions.log_action(session, ann, "courage", note="first\nsecond\tthird", now=NOW).note == \
        "first\nsecond\tthird"


def test_a_line_break_in_a_stored_name_cannot_break_a_mail_header(session, smtp_server):
    """Rows from before the rule (or written around it) still make one-line headers."""
    inbox = Inbox()
    url = smtp_server(inbox)
    ann = pulse_manager(session)
    row = session.get(Manager, ann.id)
    row.name = "Ann\r\nBcc: victim@evil.example"
    session.add(row)
    session.commit()
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    assert mail.deliver_due(session, url, MAIL_NOW) == 4
    for message in inbox.received:
        assert message["Bcc"] is None
        assert "\n" not in message["Subject"] and "victim@evil.example" in message["Subject"]
    assert sorted(m["To"] for m in inbox.received) == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"]


@pytest.mark.parametrize("start, end", [
    (date(1, 1, 1), TODAY),
    (date(1999, 12, 31), TODAY),
    (TODAY, date(9999, 12, 31)),
    (TODAY, date.today() + timedelta(days=scoring.PAUSE_AHEAD_DAYS + 2)),
])
def test_a_pause_outside_2000_to_a_year_ahead_is_refused(session, start, end):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        habits.add_pause(session, ann, start, end)
    assert refused.value.errors == {"pause": "error.day_out_of_range"}
    assert session.exec(select(HabitPause)).all() == []


def test_at_most_fifty_pauses(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    for n in range(scoring.MAX_PAUSES):
        monday = date(2001, 1, 1) + timedelta(days=7 * n)
        habits.add_pause(session, ann, monday, monday + timedelta(days=1))
    with pytest.raises(FieldErrors) as refused:
        habits.add_pause(session, ann, TODAY, TODAY)
    assert refused.value.errors == {"pause": "error.too_many_pauses"}
    assert len(habits.pauses(session, ann)) == scoring.MAX_PAUSES
    habits.add_pause(session, bob, TODAY, TODAY)  # another manager's count is their own


def _export_with(session, manager_id, **changes) -> str:
    actions.log_action(session, manager_id, "courage", note="ok", now=NOW)
    document = json.loads(data_transfer.export_json(session, manager_id))
    document["entries"][0].update(changes)
    return json.dumps(document)


@pytest.mark.parametrize("day", ["0001-01-01", "0999-12-31", "1999-12-31", "9999-12-31"])
def test_an_import_dated_outside_2000_to_today_is_refused(session, day):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    content = _export_with(session, bob, day=day, uid="b" * 32)
    with pytest.raises(ImportRefused) as refused:
        data_transfer.import_json(session, ann, content)
    assert (refused.value.key, refused.value.row) == ("error.import_row", 1)
    assert data_transfer.all_entries(session, ann) == []


@pytest.mark.parametrize("note", ["\u202eevil", "a\x00b", "\ud800"])
def test_an_import_with_hidden_characters_in_a_note_is_refused(session, note):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    content = _export_with(session, bob, note=note, uid="c" * 32)
    with pytest.raises(ImportRefused):
        data_transfer.import_json(session, ann, content)
    assert data_transfer.all_entries(session, ann) == []


@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    '{"format": "trusthabits.actions", "version": 1, "entries": [' + "[" * 30 + "]" * 30 + "]}",
])
def test_deeply_nested_json_is_refused_before_parsing(session, content):
    ann = manager(session)
    with pytest.raises(ImportRefused) as refused:
        data_transfer.import_json(session, ann, content)
    assert refused.value.key == "error.import_too_deep"


def test_brackets_inside_strings_do_not_count_as_nesting(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    content = _export_with(session, bob, note="[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{ \\\" [[[", uid="d" * 32)
    assert data_transfer.import_json(session, ann, content).added == 1


@pytest.mark.parametrize("day", [date(1, 1, 1), date(999, 12, 27), date(2000, 1, 3), date(9999, 12, 31)])
def test_week_keys_have_four_digit_years_and_sort_as_text(day):
    key = iso_week_key(day)
    assert len(key.split("-W")[0]) == 4
    later = iso_week_key(day + timedelta(days=7)) if day < date(9999, 12, 24) else None
    assert later is None or key < later


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "1999-W52", "999-W01", "²-W01", "٢٠٢٦-W01",
                                  "2026-W00", "2026-W54", "2026-W5", "2026-W053", "2026W05", "", "x" * 10_000])
def test_a_week_outside_the_calendar_we_keep_is_not_found(session, week):
    ann = manager(session)
    assert not reflections.valid_week(week)
    with pytest.raises(LookupError):
        reflections.week_reflection(session, ann, week)
