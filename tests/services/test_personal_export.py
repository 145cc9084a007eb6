"""The full personal export: one zip with everything of one manager, aggregates only as
`visible_results` shows them, formula-safe CSV, and the daily log importable into a fresh account."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from sqlmodel import select

from tests.services.pulse_helpers import NOW, manager
from trusthabits.core import clock
from trusthabits.db.models import PulseComment, PulseResponse
from trusthabits.services import data_transfer, demo, personal_export


def _zip(session, manager_id, now=NOW):
    return zipfile.ZipFile(io.BytesIO(personal_export.build(session, manager_id, now)))


def test_export_holds_everything_of_the_manager_and_only_aggregates_of_the_team(session):
    with clock.frozen(NOW):
        workspace = demo.create_demo(session, NOW, email="exp@example.com", password="correct horse battery")
    me = session.exec(select(demo.Manager).where(demo.Manager.email == "exp@example.com")).one()
    archive = _zip(session, me.id)
    names = set(archive.namelist())
    assert {"trusthabits-export.json", "actions.json", "actions.csv", "members.csv", "team_results.csv"} <= names
    document = json.loads(archive.read("trusthabits-export.json"))
    assert document["profile"]["email"] == "exp@example.com"
    assert "password_hash" not in json.dumps(document)
    assert document["tables"]["reflection"] and document["actions"]["entries"]
    team = document["teams"][0]
    assert len(team["members"]) == demo.TEAM_SIZE
    shown = [b for b in team["results"] if b["shown"]]
    hidden = [b for b in team["results"] if not b["shown"]]
    assert shown and hidden  # the demo has weeks below k
    for block in hidden:
        assert "trust" not in block and "comments" not in block
    # Nothing of an individual answer: no answers JSON, no response ids.
    raw = archive.read("trusthabits-export.json").decode()
    for response in session.exec(select(PulseResponse)).all():
        assert str(response.id) not in raw and response.answers not in raw
    for comment in session.exec(select(PulseComment)).all():
        if comment.text not in {c for b in shown for c in b.get("comments", [])}:
            assert comment.text not in raw
    assert workspace.email


def test_csv_cells_are_formula_safe_and_the_log_imports_into_a_fresh_account(session):
    from trusthabits.services import actions

    ann = manager(session, email="ann@example.com")
    actions.log_action(session, ann.id, "empowerment", note="=HYPERLINK(\"http://evil\")", now=NOW)
    actions.log_action(session, ann.id, "courage", note="+1 for the team", now=NOW)
    archive = _zip(session, ann.id)
    notes = [row["note"] for row in csv.DictReader(io.StringIO(archive.read("actions.csv").decode()))]
    assert sorted(notes) == ["'+1 for the team", "'=HYPERLINK(\"http://evil\")"]

    fresh = manager(session, email="fresh@example.com", name="Fresh")
    result = data_transfer.import_json(session, fresh.id, archive.read("actions.json"))
    assert (result.added, result.skipped) == (2, 0)
    mine = {(e.uid, e.behaviour, e.note, e.day) for e in data_transfer.all_entries(session, ann.id)}
    theirs = {(e.uid, e.behaviour, e.note, e.day) for e in data_transfer.all_entries(session, fresh.id)}
    assert mine == theirs
    # Another manager's export never includes ann's data.
    other = _zip(session, fresh.id)
    assert "ann@example.com" not in other.read("trusthabits-export.json").decode()
