"""Everything of one manager in one zip: the full personal export (History → Your data).

The zip holds:

- `trusthabits-export.json`: the profile (never the password hash), every table the manager
  owns directly (found through the foreign keys on `SQLModel.metadata`, so a table added later
  is exported too, unless it is listed in `NOT_EXPORTED` as a credential), and per team its
  settings, members and, per reporting block, the results exactly as the manager may see them
  (`services.results.visible_results`: aggregates only, and only for blocks with at least k
  answers; comments likewise; never an individual answer, never who answered);
- `actions.json`: the daily log in the format History's import reads, so it can be imported
  into a fresh account as it is (the same uids: importing twice adds nothing);
- one CSV per table where a spreadsheet helps (every cell through `csv_cell`, so a note that
  starts with `=` stays text in a spreadsheet).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel, col
from sqlmodel import select as sm_select

from trusthabits.core.input_rules import csv_cell
from trusthabits.db.models import Manager, Member, Team
from trusthabits.db.rows import required, stored_id
from trusthabits.services import data_transfer, unsubscribe
from trusthabits.services.results import visible_results

FORMAT = "trusthabits.personal-export"
VERSION = 1
# Tables that point at the manager but hold credentials or delivery machinery, not their data;
# teams and the log are exported in their own shapes below.
NOT_EXPORTED = frozenset({"auth_session", "account_token", "push_subscription", "outbox_message", "team",
                          "action_log"})
MANAGER_FIELDS = ("email", "name", "locale", "time_zone", "created_at", "reflect_weekday", "reflect_time",
                  "email_verified_at")
TEAM_FIELDS = ("name", "language", "time_zone", "k_threshold", "created_at", "pulse_weekday", "pulse_time",
               "reminder_hours", "close_after_days")


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _owned_tables() -> list[Table]:
    """Every table with a foreign key to manager.id, except credentials and teams (below)."""
    manager_table = Manager.__table__  # type: ignore[attr-defined]
    return [table for table in SQLModel.metadata.sorted_tables
            if table.name not in NOT_EXPORTED
            and any(fk.column.table is manager_table for fk in table.foreign_keys)]


def _rows(session: Session, table: Table, manager_id: int) -> list[dict[str, Any]]:
    manager_table = Manager.__table__  # type: ignore[attr-defined]
    keys = [fk.parent for fk in table.foreign_keys if fk.column.table is manager_table]
    query = select(table).where(keys[0] == manager_id)
    order = [c for c in table.primary_key.columns]
    rows = session.execute(query.order_by(*order)).mappings().all()
    # The ids are this database's; the manager's own id adds nothing.
    return [{k: _plain(v) for k, v in row.items() if k not in ("manager_id",)} for row in rows]


def _block(block: Any) -> dict[str, Any]:
    shown = bool(block.shown)
    record: dict[str, Any] = {
        "start_week": block.start_week, "end_week": block.end_week, "weeks": list(block.weeks),
        "invited": block.invited, "answered": block.answered, "complete": block.complete, "shown": shown,
        "k": block.k,
    }
    if shown:  # figures and comments exist only for blocks with at least k answers
        record.update({"n": block.n, "trust": _plain(block.trust), "needs": _plain(block.needs),
                       "items": _plain(block.items), "seen": _plain(block.seen), "comments": list(block.comments)})
    return record


def _teams(session: Session, manager_id: int, now: datetime) -> list[dict[str, Any]]:
    out = []
    for team in session.exec(sm_select(Team).where(Team.manager_id == manager_id).order_by(col(Team.id))):
        members = session.exec(sm_select(Member).where(
            Member.team_id == team.id, ~col(Member.email).startswith(unsubscribe.ERASED)).order_by(col(Member.email)))
        results = visible_results(session, manager_id, stored_id(team), now)
        out.append({
            **{name: _plain(getattr(team, name)) for name in TEAM_FIELDS},
            "members": [{"email": m.email, "active": m.active, "created_at": _plain(m.created_at),
                         "unsubscribed": m.unsubscribed_at is not None} for m in members],
            "results": [_block(b) for b in results.blocks if b.complete],
        })
    return out


def _csv(header: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    fields = list(header)
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: csv_cell("" if row.get(name) is None else
                                        json.dumps(row[name], ensure_ascii=False)
                                        if isinstance(row.get(name), (dict, list)) else row[name])
                         for name in fields})
    return out.getvalue()


def _results_rows(teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for team in teams:
        for block in team["results"]:
            trust = block.get("trust") or {}
            rows.append({"team": team["name"], "start_week": block["start_week"], "end_week": block["end_week"],
                         "invited": block["invited"], "answered": block["answered"], "shown": block["shown"],
                         "n": block.get("n", ""), "trust": trust.get("value", ""),
                         **{f"need_{k}": v.get("value") for k, v in (block.get("needs") or {}).items()}})
    return rows


def build(session: Session, manager_id: int, now: datetime) -> bytes:
    """The manager's whole export as zip bytes."""
    manager = required(session, Manager, manager_id)
    tables = {table.name: _rows(session, table, manager_id) for table in _owned_tables()}
    teams = _teams(session, manager_id, now)
    # The log in History's own import format, read once for JSON and CSV.
    log_rows = data_transfer.records(session, manager_id)
    actions_json = data_transfer.json_of(log_rows, indent=None)
    actions = {"format": data_transfer.FORMAT, "version": data_transfer.VERSION, "entries": log_rows}
    document = {
        "format": FORMAT, "version": VERSION, "exported_at": now.isoformat(),
        "profile": {name: _plain(getattr(manager, name)) for name in MANAGER_FIELDS},
        "actions": actions, "tables": tables, "teams": teams,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # No indent: Python's fast (C) encoder runs only without one.
        archive.writestr("trusthabits-export.json", json.dumps(document, ensure_ascii=False))
        archive.writestr("actions.json", actions_json)
        archive.writestr("actions.csv", data_transfer.csv_of(log_rows))
        for name, rows in tables.items():
            if rows:
                archive.writestr(f"{name}.csv", _csv(rows[0].keys(), rows))
        members = [{"team": t["name"], **m} for t in teams for m in t["members"]]
        archive.writestr("members.csv", _csv(("team", "email", "active", "created_at", "unsubscribed"), members))
        results = _results_rows(teams)
        header = ["team", "start_week", "end_week", "invited", "answered", "shown", "n", "trust"]
        header += sorted({k for r in results for k in r if k.startswith("need_")})
        archive.writestr("team_results.csv", _csv(header, results))
    return buffer.getvalue()
