"""Targets, pauses and strength; the heatmap and the paged list; export and import."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from tests.services.test_actions import NOW, TODAY, manager
from trusthabits.core.errors import FieldErrors
from trusthabits.services import actions, data_transfer, habits, history
from trusthabits.services.data_transfer import ImportRefused


def test_targets_default_to_two_and_can_be_set(session):
    ann = manager(session)
    assert set(habits.targets(session, ann).values()) == {2}
    habits.set_target(session, ann, "courage", 4)
    habits.set_target(session, ann, "courage", 3)
    assert habits.targets(session, ann)["courage"] == 3
    with pytest.raises(FieldErrors):
        habits.set_target(session, ann, "courage", 0)


def test_pause_freezes_the_stored_habit(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    for week in range(4):
        for offset in (0, 1):  # Thursday and Wednesday of each of the last four weeks
            actions.log_action(session, ann, "courage", now=NOW - timedelta(weeks=4 - week, days=offset))
    before = habits.strengths(session, ann, NOW)["courage"]
    later = NOW + timedelta(weeks=3)
    assert habits.strengths(session, ann, later)["courage"].score < before.score
    pause = habits.add_pause(session, ann, TODAY + timedelta(days=1), TODAY + timedelta(weeks=3))
    frozen = habits.strengths(session, ann, later)["courage"]
    assert (frozen.score, frozen.streak) == (before.score, before.streak)
    with pytest.raises(habits.PauseNotFound):
        habits.delete_pause(session, bob, pause.id)
    habits.delete_pause(session, ann, pause.id)
    assert habits.pauses(session, ann) == []
    with pytest.raises(FieldErrors):
        habits.add_pause(session, ann, TODAY, TODAY - timedelta(days=1))


def test_heatmap_covers_twelve_months_and_filters_by_behaviour(session):
    ann = manager(session)
    actions.log_action(session, ann, "courage", now=NOW)
    actions.log_action(session, ann, "courage", now=NOW)
    actions.log_action(session, ann, "humility", day=TODAY - timedelta(days=1), now=NOW)
    cells = history.heatmap(session, ann, TODAY)
    assert len(cells) == 53 * 7 and cells[0].day.weekday() == 0
    by_day = {c.day: c for c in cells}
    assert by_day[TODAY].count == 2 and by_day[TODAY - timedelta(days=1)].count == 1
    assert by_day[TODAY + timedelta(days=1)].future
    only_humility = {c.day: c.count for c in history.heatmap(session, ann, TODAY, "humility")}
    assert only_humility[TODAY] == 0 and only_humility[TODAY - timedelta(days=1)] == 1


def test_entries_are_paged_filtered_and_searchable(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    for n in range(25):
        actions.log_action(session, ann, "courage", note=f"note {n}", now=NOW)
    actions.log_action(session, ann, "humility", note="100% asked Bart", now=NOW)
    actions.log_action(session, bob, "humility", note="asked Bart too", now=NOW)
    first, more = history.entries_page(session, ann)
    assert len(first) == 20 and more
    second, more = history.entries_page(session, ann, page=1)
    assert len(second) == 6 and not more
    found, _ = history.entries_page(session, ann, search="BART")
    assert [e.note for e in found] == ["100% asked Bart"]
    assert [e.note for e in history.entries_page(session, ann, search="100%")[0]] == ["100% asked Bart"]
    assert history.entries_page(session, ann, search="1_0")[0] == []
    assert len(history.entries_page(session, ann, behaviour="courage", page=1)[0]) == 5


def test_export_import_round_trip_leaves_the_data_identical(session):
    ann = manager(session)
    actions.log_action(session, ann, "empowerment", micro_action="shared_context", note='said "why", with commas',
        now=NOW)
    actions.log_action(session, ann, "forgiveness", day=TODAY - timedelta(days=3), note="é ünïcode ✓", now=NOW)
    exported = data_transfer.export_json(session, ann)
    before = data_transfer.all_entries(session, ann)
    for entry in before:
        actions.delete_entry(session, ann, entry.id)
    assert data_transfer.import_json(session, ann, exported) == data_transfer.ImportResult(added=2, skipped=0)
    strip_ids = lambda entries: [e.__dict__ | {"id": None} for e in entries]  # noqa: E731
    assert strip_ids(data_transfer.all_entries(session, ann)) == strip_ids(before)
    # Importing the same file again adds nothing.
    assert data_transfer.import_json(session, ann, exported) == data_transfer.ImportResult(added=0, skipped=2)
    assert data_transfer.export_json(session, ann) == exported
    # The CSV holds the same rows.
    rows = list(csv.DictReader(io.StringIO(data_transfer.export_csv(session, ann))))
    assert [r["note"] for r in rows] == ["é ünïcode ✓", 'said "why", with commas']


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"not json{", "error.import_not_json"),
        (b"[1, 2]", "error.import_not_export"),
        (json.dumps({"format": "trusthabits.actions", "version": 9, "entries": []}).encode(), "error.import_version"),
    ],
)
def test_a_malformed_file_is_refused(session, content, key):
    ann = manager(session)
    with pytest.raises(ImportRefused) as refused:
        data_transfer.import_json(session, ann, content)
    assert refused.value.key == key


def test_one_bad_row_refuses_the_whole_file_and_changes_nothing(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    actions.log_action(session, bob, "courage", note="ok", now=NOW)
    document = json.loads(data_transfer.export_json(session, bob))
    good = document["entries"][0]
    for broken in (
        {**good, "behaviour": "bravado"},
        {**good, "note": "x" * 281},
        {**good, "day": "2026-13-01"},
        {**good, "day": (date.today() + timedelta(days=30)).isoformat()},
        {**good, "uid": "../../etc"},
        {k: v for k, v in good.items() if k != "created_at"},
        {**good, "created_at": "2026-11-26T09:00:00"},
    ):
        document["entries"] = [dict(good, uid="a" * 32), broken]
        with pytest.raises(ImportRefused) as refused:
            data_transfer.import_json(session, ann, json.dumps(document))
        assert (refused.value.key, refused.value.row) == ("error.import_row", 2)
    assert data_transfer.all_entries(session, ann) == []
    # Another manager's export imports as the importer's own entries and leaves Bob's alone.
    document["entries"] = [good]
    assert data_transfer.import_json(session, ann, json.dumps(document)).added == 1
    assert len(data_transfer.all_entries(session, bob)) == 1


def test_csv_export_writes_formula_like_notes_as_text(session):
    ann = manager(session)
    for note in ('=HYPERLINK("https://evil.example","x")', "+1", "-1", "@SUM(A1)", "plain"):
        actions.log_action(session, ann, "courage", note=note, now=NOW)
    rows = list(csv.DictReader(io.StringIO(data_transfer.export_csv(session, ann))))
    assert sorted(r["note"] for r in rows) == sorted(
        ["'=HYPERLINK(\"https://evil.example\",\"x\")", "'+1", "'-1", "'@SUM(A1)", "plain"])
    # The JSON export (what import reads back) keeps the notes exactly as typed.
    notes = {e["note"] for e in json.loads(data_transfer.export_json(session, ann))["entries"]}
    assert "=HYPERLINK(\"https://evil.example\",\"x\")" in notes
