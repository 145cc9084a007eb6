"""The daily action log on a real SQLite file: logging, details, backdating, edit, delete/undo,
the week summary, and that one manager can never touch another's entries."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from trusthabits.core.errors import FieldErrors
from trusthabits.services import accounts, actions

# Thursday 26 November 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


def manager(session, email="ann@example.com", time_zone="Europe/Amsterdam"):
    return accounts.register(
        session, name="Ann", email=email, password="correct horse battery", locale="en", time_zone=time_zone
    ).id


def test_log_defaults_to_the_managers_local_today(session):
    ann = manager(session, time_zone="America/New_York")
    # 23:30 on 25 November in New York is already the 26th in UTC.
    entry = actions.log_action(session, ann, "courage", now=datetime(2026, 11, 26, 4, 30, tzinfo=UTC))
    assert entry.day == date(2026, 11, 25)
    assert entry.micro_action is None and entry.note == ""


def test_log_with_details_then_edit_and_delete(session):
    ann = manager(session)
    entry = actions.log_action(session, ann, "empowerment", micro_action="shared_context", note=" asked Bart ", now=NOW)
    assert (entry.behaviour, entry.micro_action, entry.note, entry.day) == ("empowerment", "shared_context",
        "asked Bart", TODAY)
    edited = actions.update_entry(session, ann, entry.id, micro_action="let_decide", note="let Bart decide",
        day=date(2026, 11, 24), now=NOW)
    assert (edited.micro_action, edited.note, edited.day) == ("let_decide", "let Bart decide", date(2026, 11, 24))
    assert actions.get_entry(session, ann, entry.id) == edited
    actions.delete_entry(session, ann, entry.id)
    with pytest.raises(actions.EntryNotFound):
        actions.get_entry(session, ann, entry.id)


def test_undo_removes_exactly_the_entry_just_logged(session):
    ann = manager(session)
    kept = actions.log_action(session, ann, "humility", now=NOW)
    undone = actions.log_action(session, ann, "humility", now=NOW)
    actions.delete_entry(session, ann, undone.id)
    assert [e.id for e in actions.recent_entries(session, ann, TODAY)] == [kept.id]


def test_backdating_up_to_seven_days_and_never_into_the_future(session):
    ann = manager(session)
    assert actions.log_action(session, ann, "courage", day=date(2026, 11, 19), now=NOW).day == date(2026, 11, 19)
    with pytest.raises(FieldErrors) as too_old:
        actions.log_action(session, ann, "courage", day=date(2026, 11, 18), now=NOW)
    assert too_old.value.errors == {"day": "error.day_too_old"}
    with pytest.raises(FieldErrors) as future:
        actions.log_action(session, ann, "courage", day=date(2026, 11, 27), now=NOW)
    assert future.value.errors == {"day": "error.day_in_future"}
    entry = actions.log_action(session, ann, "courage", now=NOW)
    with pytest.raises(FieldErrors):
        actions.update_entry(session, ann, entry.id, micro_action=None, note="", day=date(2026, 11, 27), now=NOW)
    assert actions.get_entry(session, ann, entry.id).day == TODAY


def test_an_old_entry_keeps_its_day_when_its_note_is_edited(session):
    ann = manager(session)
    entry = actions.log_action(session, ann, "courage", day=date(2026, 11, 20), now=NOW)
    later = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    edited = actions.update_entry(session, ann, entry.id, micro_action=None, note="still true", day=entry.day,
        now=later)
    assert edited.note == "still true" and edited.day == date(2026, 11, 20)


def test_note_limit_is_enforced_and_nothing_is_cut(session):
    ann = manager(session)
    assert len(actions.log_action(session, ann, "forgiveness", note="é" * 280, now=NOW).note) == 280
    with pytest.raises(FieldErrors) as too_long:
        actions.log_action(session, ann, "forgiveness", note="x" * 281, now=NOW)
    assert too_long.value.errors == {"note": "error.note_too_long"}
    entry = actions.log_action(session, ann, "forgiveness", note="short", now=NOW)
    with pytest.raises(FieldErrors):
        actions.update_entry(session, ann, entry.id, micro_action=None, note="y" * 281, day=TODAY, now=NOW)
    assert actions.get_entry(session, ann, entry.id).note == "short"


def test_unknown_behaviour_and_foreign_micro_action_are_refused(session):
    ann = manager(session)
    with pytest.raises(FieldErrors):
        actions.log_action(session, ann, "bravado", now=NOW)
    with pytest.raises(FieldErrors):
        actions.log_action(session, ann, "courage", micro_action="let_decide", now=NOW)


def test_one_manager_cannot_read_edit_or_delete_anothers_entry(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    entry = actions.log_action(session, ann, "courage", note="mine", now=NOW)
    with pytest.raises(actions.EntryNotFound):
        actions.update_entry(session, bob, entry.id, micro_action=None, note="hijacked", day=TODAY, now=NOW)
    with pytest.raises(actions.EntryNotFound):
        actions.delete_entry(session, bob, entry.id)
    with pytest.raises(actions.EntryNotFound):
        actions.get_entry(session, bob, entry.id)
    assert actions.get_entry(session, ann, entry.id).note == "mine"
    assert actions.recent_entries(session, bob, date(2026, 1, 1)) == []
    assert not any(any(c) for c in actions.week_summary(session, bob, TODAY).per_behaviour.values())


def test_week_summary_counts_per_day_and_names_the_untouched(session):
    ann = manager(session)
    for day in (date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 26)):
        actions.log_action(session, ann, "courage", day=day, now=NOW)
    actions.log_action(session, ann, "humility", day=date(2026, 11, 22), now=NOW)  # last week's Sunday
    summary = actions.week_summary(session, ann, TODAY)
    assert summary.days[0] == date(2026, 11, 23) and summary.days[-1] == date(2026, 11, 29)
    assert summary.per_behaviour["courage"] == [2, 0, 0, 1, 0, 0, 0]
    assert summary.untouched() == ["empowerment", "stewardship", "humility", "standing_back", "forgiveness"]
