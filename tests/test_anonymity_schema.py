"""Anonymity by construction, checked on the real migrated schema: nothing in the response and
comment tables can lead back to an invitation, a member or a token."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Date, DateTime, inspect

from tests.services.pulse_helpers import (
    NOW,
    answers,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.services import pulse_answers, pulse_rounds, results, security

ANONYMOUS_TABLES = {
    "pulse_response": {"id", "team_id", "iso_week", "instrument_version", "answers"},
    "pulse_comment": {"id", "team_id", "iso_week", "text"},
}
# Answers to an open round, held apart until it closes: the round, never who or when.
HELD_TABLES = {
    "held_answer": {"id", "round_id", "answers"},
    "held_comment": {"id", "round_id", "text"},
}
IDENTIFYING = ("member", "invitation", "token", "email", "round", "manager", "_at", "time", "date")
TIME_WORDS = ("_at", "time", "date", "day", "when", "stamp")


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


def test_no_time_is_stored_for_an_invitation_an_answer_or_a_held_answer(engine):
    """Issue 10, item 5: `invitation.used_at` became a plain flag; nothing about answering has
    a time (a time next to a used flag would say who answered when, and in which order)."""
    schema = inspect(engine)
    invitation = {column["name"]: column for column in schema.get_columns("invitation")}
    assert set(invitation) == {"id", "round_id", "member_id", "token_hash", "used", "reminded"}
    for table in ("invitation", *ANONYMOUS_TABLES, *HELD_TABLES):
        for column in schema.get_columns(table):
            assert not any(word in column["name"] for word in TIME_WORDS), (table, column["name"])
            assert not isinstance(column["type"], DateTime | Date), (table, column["name"])
    for table, allowed in HELD_TABLES.items():
        columns = {column["name"] for column in schema.get_columns(table)}
        assert columns == allowed, f"{table} gained columns: {columns - allowed}"
        foreign = schema.get_foreign_keys(table)
        assert [(fk["referred_table"], fk["constrained_columns"]) for fk in foreign] == [("pulse_round", ["round_id"])]


def test_every_sqlite_connection_overwrites_deleted_rows(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_the_closing_transaction_moves_held_answers_and_leaves_none(session, db_path):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = list(send_round(session, ann.id, team.id).values())
    for token in tokens[:3]:
        pulse_answers.submit_pulse(session, token, answers(), "held comment", NOW)
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM held_answer").fetchone() == (3,)
        assert db.execute("SELECT count(*) FROM pulse_response").fetchone() == (0,)
    round_id = results.visible_results(session, ann.id, team.id, NOW).open_rounds[0].round_id
    pulse_rounds.close_round(session, ann.id, round_id, NOW)
    with sqlite3.connect(db_path) as db:
        counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                  for t in ("held_answer", "held_comment", "pulse_response", "pulse_comment")]
    assert counts == [0, 0, 3, 3]


def test_response_ids_are_random_and_sqlite_keeps_no_hidden_insertion_order(session, db_path):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=[f"m{i}@x.nl" for i in range(12)])
    for token in send_round(session, ann.id, team.id).values():
        pulse_answers.submit_pulse(session, token, answers(), "a comment", NOW)
    pulse_rounds.close_due(session, NOW + pulse_rounds.ROUND_OPEN_FOR)
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
