"""Anonymity by construction, checked on the real migrated schema: nothing in the response and
comment tables can lead back to an invitation, a member or a token."""

from __future__ import annotations

import sqlite3

from sqlalchemy import inspect

from tests.services.pulse_helpers import (
    NOW,
    answers,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.services import pulse_answers, security

ANONYMOUS_TABLES = {
    "pulse_response": {"id", "team_id", "iso_week", "instrument_version", "answers"},
    "pulse_comment": {"id", "team_id", "iso_week", "text"},
}
IDENTIFYING = ("member", "invitation", "token", "email", "round", "manager", "_at", "time", "date")


def test_responses_and_comments_have_no_identifying_column_or_key(engine):
    schema = inspect(engine)
    for table, allowed in ANONYMOUS_TABLES.items():
        columns = {column["name"] for column in schema.get_columns(table)}
        assert columns == allowed, f"{table} gained columns: {columns - allowed}"
        assert not [c for c in columns if any(word in c for word in IDENTIFYING)]
        foreign = schema.get_foreign_keys(table)
        assert [(fk["referred_table"], fk["constrained_columns"]) for fk in foreign] == [("team", ["team_id"])]
    # And nothing points *at* them from the invitation side either.
    for table in schema.get_table_names():
        for fk in schema.get_foreign_keys(table):
            assert fk["referred_table"] not in ANONYMOUS_TABLES, (table, fk)


def test_response_ids_are_random_and_sqlite_keeps_no_hidden_insertion_order(session, db_path):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=[f"m{i}@x.nl" for i in range(12)])
    for token in send_round(session, ann.id, team.id).values():
        pulse_answers.submit_pulse(session, token, answers(), "a comment", NOW)
    with sqlite3.connect(db_path) as db:
        for table in ANONYMOUS_TABLES:
            rows = db.execute(f"SELECT rowid, id FROM {table}").fetchall()  # noqa: S608 - fixed names
            assert len(rows) == 12
            # The rowid *is* the random id, so there is no second, ever-increasing one.
            assert all(rowid == row_id for rowid, row_id in rows)
            ids = [row_id for _, row_id in rows]
            assert max(ids) > 2**40, "ids look sequential, not random"


def test_tokens_are_stored_only_as_hashes(session, db_path):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    pulse_answers.submit_pulse(session, tokens[0], answers(), "", NOW)
    assert all(len(token) >= 22 for token in tokens)  # ≥128 bits of url-safe base64
    with sqlite3.connect(db_path) as db:
        hashes = {row[0] for row in db.execute("SELECT token_hash FROM invitation")}
        assert hashes == {security.hash_token(token) for token in tokens}
        # The raw token exists only inside a queued mail waiting in the outbox (the laptop mode
        # without SMTP, where the outbox *is* the delivery); it is removed once sent.
        dump = "\n".join(line for line in db.iterdump() if "outbox_message" not in line)
    assert not [token for token in tokens if token in dump]
