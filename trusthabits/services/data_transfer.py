"""Your data: export own entries as CSV or JSON, and import the JSON back.

An import is all or nothing: every row is validated first (known behaviour and micro-action,
note length, a real date, uid shape), and only a file without a single bad row changes
anything. Entries are identified by their `uid`, so importing the same file twice adds nothing
the second time. Imported days are history and are not held to the 7-day backdating window,
but a day in the manager's future or before 2000 is refused like everywhere else, and so is a
file nested deeper than an export could be (Python's parser would fail on it).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from trusthabits.core import action_log as rules
from trusthabits.core import behaviours
from trusthabits.core import focus as focus_rules
from trusthabits.core.calendar import parse_day
from trusthabits.core.errors import Refused
from trusthabits.core.input_rules import csv_cell, day_problem, json_depth_problem
from trusthabits.db.models import ActionLog
from trusthabits.services import focus
from trusthabits.services.actions import Entry, manager_today, to_entry

FORMAT = "trusthabits.actions"
VERSION = 1
FIELDS = ("uid", "day", "behaviour", "micro_action", "note", "created_at", "updated_at")
MAX_IMPORT_BYTES = 5_000_000
_UID = re.compile(r"^[0-9a-f]{32}$")


class ImportRefused(Refused, ValueError):
    """The file cannot be imported; `key` says why, `row` which entry (1-based) if one."""

    def __init__(self, key: str, row: int | None = None):
        super().__init__(key, row)
        self.row = row


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int


def all_entries(session: Session, manager_id: int) -> list[Entry]:
    rows = session.exec(
        select(ActionLog).where(ActionLog.manager_id == manager_id).order_by(col(ActionLog.day),
            col(ActionLog.created_at),
            col(ActionLog.id))
    ).all()
    return [to_entry(row) for row in rows]


def _as_record(entry: Entry) -> dict[str, str]:
    return {
        "uid": entry.uid,
        "day": entry.day.isoformat(),
        "behaviour": entry.behaviour,
        "micro_action": entry.micro_action or "",
        "note": entry.note,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }


def records(session: Session, manager_id: int) -> list[dict[str, str]]:
    """The manager's entries as export records (read once, for both formats: personal_export)."""
    return [_as_record(e) for e in all_entries(session, manager_id)]


def json_of(rows: list[dict[str, str]], indent: int | None = 1) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "entries": rows}, ensure_ascii=False, indent=indent)


def csv_of(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: csv_cell(value) for name, value in row.items()})
    return out.getvalue()


def export_json(session: Session, manager_id: int) -> str:
    return json_of(records(session, manager_id))


def export_csv(session: Session, manager_id: int) -> str:
    return csv_of(records(session, manager_id))


def _instant(raw: object) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    return value if value is not None and value.tzinfo is not None else None


def _parse_row(raw: object, today: date, manager_id: int, own: frozenset[str] = frozenset()) -> ActionLog:
    if not isinstance(raw, dict) or not set(FIELDS) <= set(raw):
        raise ValueError("error.import_row")
    values = {name: raw[name] for name in FIELDS}
    if not all(isinstance(v, str) for v in values.values()) or not _UID.match(values["uid"]):
        raise ValueError("error.import_row")
    day = parse_day(values["day"])
    created, updated = _instant(values["created_at"]), _instant(values["updated_at"])
    if day is None or created is None or updated is None:
        raise ValueError("error.import_row")
    micro_action = values["micro_action"] or None
    if focus_rules.own_id(micro_action) is not None:
        # The manager's own words: kept when this account has that own action, else the entry
        # comes without it (another account's ids mean nothing here).
        micro_action = micro_action if micro_action in own else None
    if not behaviours.is_behaviour(values["behaviour"]) or (
        micro_action and micro_action not in own and not behaviours.is_micro_action(values["behaviour"], micro_action)
    ):
        raise ValueError("error.import_row")
    if rules.note_error(values["note"]) or day_problem(day, today):
        raise ValueError("error.import_row")
    return ActionLog(
        uid=values["uid"],
        behaviour=values["behaviour"],
        micro_action=micro_action,
        note=values["note"],
        day=day,
        created_at=created,
        updated_at=updated,
        manager_id=manager_id,
    )


def import_json(session: Session, manager_id: int, data: bytes | str) -> ImportResult:
    """Add the entries of an exported JSON file that are not here yet. Raises ImportRefused
    and changes nothing when the file is not a valid export."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused("error.import_too_large")
    if json_depth_problem(data):
        raise ImportRefused("error.import_too_deep")
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ImportRefused("error.import_not_json") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("entries"),
        list):
        raise ImportRefused("error.import_not_export")
    if document.get("version") != VERSION:
        raise ImportRefused("error.import_version")
    today = manager_today(session, manager_id)
    parsed: list[ActionLog] = []
    own = frozenset(focus.own_texts(session, manager_id))
    for number, raw in enumerate(document["entries"], start=1):
        try:
            parsed.append(_parse_row(raw, today, manager_id, own))
        except ValueError:
            raise ImportRefused("error.import_row", row=number) from None
    present = set(session.exec(select(ActionLog.uid).where(ActionLog.manager_id == manager_id)).all())
    added = 0
    for row in parsed:
        if row.uid in present:
            continue
        present.add(row.uid)  # a file listing one entry twice adds it once
        row.manager_id = manager_id
        session.add(row)
        added += 1
    session.commit()
    return ImportResult(added=added, skipped=len(parsed) - added)
