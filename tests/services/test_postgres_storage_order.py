"""Issue 10, item 5, on a real PostgreSQL server: after a round closes, nothing physical in the
database says in which order its members answered.

Thirty members per team answer in a known order (member 0 first), each with answers and a
comment that encode their position. Then the round closes. The test reads the responses and
comments back in physical order (`ctid`, which is also the order `pg_dump` writes them in) and
with their transaction ids (`xmin`), and shows:

- every response and comment of a round has the *same* xmin: the closing transaction's (the
  round row's own xmin after closing). Written while answering, they would carry thirty
  different xmins, each equal to the xmin of the invitation whose used flag flipped with it;
- no response or comment shares an xmin with any invitation row;
- their ctid order is not the answer order: over three rounds the mean Spearman correlation
  between physical position and answer position is near 0 (|mean| < 0.6; a shuffled order gives
  |mean| ≥ 0.6 with a probability of about 1e-8), and no round comes back in or against answer
  order (probability 2/30!). Written unshuffled (in the held rows' order), the correlation is 1.

As a control that the measurement can see an order, the invitations are read the same way
first: their xmin order *is* the order people answered in (who answered when stays visible;
what they answered must not). While the round is open the held answers are rewritten in a fresh
random order by every answer, so a copy of the database shows them in no particular order, all
with the latest answer's xmin (README, "Anonymity", says what can still be learned while open).
"""

from __future__ import annotations

import json
from statistics import fmean

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from tests.services.pulse_helpers import BASE_URL, NOW, manager, team_with_members
from trusthabits.core.instrument import CURRENT
from trusthabits.db.engine import build_engine
from trusthabits.db.models import OutboxMessage
from trusthabits.services import pulse_answers, pulse_rounds, results

MEMBERS = 30
ROUNDS = 3
ITEMS = [item.key for item in CURRENT.items_for_week("2026-W48")]


def _answers_for(position: int) -> dict[str, str]:
    """Position 0–124 written in base 5 over the first three items (1–5 each); the rest 3."""
    digits = [position // 25, position // 5 % 5, position % 5]
    return {key: str(digits[index] + 1 if index < 3 else 3) for index, key in enumerate(ITEMS)}


def _position(answers: str) -> int:
    values = json.loads(answers)
    digits = [int(values[key]) - 1 for key in ITEMS[:3]]
    return digits[0] * 25 + digits[1] * 5 + digits[2]


def _spearman(order: list[int]) -> float:
    """Rank correlation between physical position (0, 1, …) and answer position (no ties)."""
    n = len(order)
    return 1 - 6 * sum((physical - answered) ** 2 for physical, answered in enumerate(order)) / (n * (n * n - 1))


@pytest.fixture
def pg(fresh_postgres):
    engine = build_engine(fresh_postgres)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def _physical(session: Session, table: str, team_id: int) -> list[tuple[int, int]]:
    """(xmin, answer position) of a team's rows, in ctid order."""
    column = "answers" if table == "pulse_response" else "text"
    rows = session.execute(text(
        f"SELECT xmin::text::bigint, {column} FROM {table} WHERE team_id = :team ORDER BY ctid"  # noqa: S608
    ), {"team": team_id}).all()
    decode = _position if column == "answers" else (lambda comment: int(comment.rsplit(" ", 1)[1]))
    return [(xmin, decode(value)) for xmin, value in rows]


def _held(session: Session, table: str, round_id: int) -> list[tuple[int, int]]:
    column = "answers" if table == "held_answer" else "text"
    rows = session.execute(text(
        f"SELECT xmin::text::bigint, {column} FROM {table} WHERE round_id = :round ORDER BY ctid"  # noqa: S608
    ), {"round": round_id}).all()
    decode = _position if column == "answers" else (lambda comment: int(comment.rsplit(" ", 1)[1]))
    return [(xmin, decode(value)) for xmin, value in rows]


def _xmins(session: Session, sql: str, **params: object) -> set[int]:
    return {row[0] for row in session.execute(text(sql), params).all()}


def test_after_close_neither_ctid_nor_xmin_keeps_the_answer_order(pg):
    ann = manager(pg)
    correlations: dict[str, list[float]] = {"pulse_response": [], "pulse_comment": []}
    for number in range(ROUNDS):
        emails = [f"m{number}-{i:02d}@x.nl" for i in range(MEMBERS)]
        team = team_with_members(pg, ann.id, emails=emails)
        pulse_rounds.send_this_weeks_pulse(pg, ann.id, team.id, NOW, BASE_URL)
        links = {m.to_address: m.link.rsplit("/pulse/", 1)[1]
                 for m in pg.exec(select(OutboxMessage).where(OutboxMessage.manager_id == ann.id))}
        for position, email in enumerate(emails):  # the known order: member 0 answers first
            pulse_answers.submit_pulse(pg, links[email], _answers_for(position), f"comment {position}", NOW)
        round_id = results.visible_results(pg, ann.id, team.id, NOW).open_rounds[0].round_id

        # Control: the measurement sees an order where there is one. Each used flag flipped in
        # its own transaction, so the invitations' xmin order is the order people answered in.
        flips = pg.execute(text(
            "SELECT m.email FROM invitation i JOIN member m ON m.id = i.member_id WHERE i.round_id = :r "
            "ORDER BY i.xmin::text::bigint"), {"r": round_id}).scalars().all()
        assert flips == emails
        # While open, a copy of the database shows the held answers in a random order, all
        # written by the latest answer's transaction: not which one came when.
        last_flip = max(_xmins(pg, "SELECT xmin::text::bigint FROM invitation WHERE round_id = :r", r=round_id))
        for table in ("held_answer", "held_comment"):
            held = _held(pg, table, round_id)
            assert sorted(position for _, position in held) == list(range(MEMBERS))
            assert {xmin for xmin, _ in held} == {last_flip}
            assert [position for _, position in held] != list(range(MEMBERS))

        pulse_rounds.close_round(pg, ann.id, round_id, NOW)
        closing_xmin = _xmins(pg, "SELECT xmin::text::bigint FROM pulse_round WHERE id = :r", r=round_id)
        all_invitation_xmins = _xmins(pg, "SELECT xmin::text::bigint FROM invitation")
        for table, series in correlations.items():
            rows = _physical(pg, table, team.id)
            order = [position for _, position in rows]
            assert sorted(order) == list(range(MEMBERS)), f"{table}: every answer, once"
            # Written in the closing transaction, all of them: one xmin, the round's.
            assert {xmin for xmin, _ in rows} == closing_xmin, f"{table}: not written in the closing transaction"
            assert not closing_xmin & all_invitation_xmins, f"{table} shares an xmin with an invitation"
            assert order not in (list(range(MEMBERS)), list(reversed(range(MEMBERS)))), f"{table}: answer order"
            series.append(_spearman(order))
        assert _held(pg, "held_answer", round_id) == [] and _held(pg, "held_comment", round_id) == []

    for table, series in correlations.items():
        assert abs(fmean(series)) < 0.6, f"{table}: physical order follows the answer order ({series})"
    # No response or comment anywhere shares an xmin with any invitation row.
    stored = _xmins(pg, "SELECT xmin::text::bigint FROM pulse_response "
                        "UNION SELECT xmin::text::bigint FROM pulse_comment")
    assert stored and not stored & _xmins(pg, "SELECT xmin::text::bigint FROM invitation")


def test_a_close_waits_for_an_answer_being_stored_and_then_takes_no_more(pg, fresh_postgres):
    """The answer and the closing transaction meet on the round's row: an answer that has begun
    storing (share lock taken, held row written, not yet committed) makes the close wait, and is
    then among the round's responses; an answer that comes after the close is refused."""
    import threading
    import time

    ann = manager(pg)
    emails = [f"race-{i}@x.nl" for i in range(5)]
    team = team_with_members(pg, ann.id, emails=emails)
    pulse_rounds.send_this_weeks_pulse(pg, ann.id, team.id, NOW, BASE_URL)
    links = {m.to_address: m.link.rsplit("/pulse/", 1)[1] for m in pg.exec(select(OutboxMessage))}
    for position, email in enumerate(emails[:3]):
        pulse_answers.submit_pulse(pg, links[email], _answers_for(position), "", NOW)
    round_id = results.visible_results(pg, ann.id, team.id, NOW).open_rounds[0].round_id

    release, storing = threading.Event(), threading.Event()

    class PausedSession(Session):
        def commit(self) -> None:
            storing.set()
            release.wait(10)
            super().commit()

    engine = build_engine(fresh_postgres)
    outcome: dict[str, object] = {}

    def answer() -> None:
        with PausedSession(engine, expire_on_commit=False) as session:
            pulse_answers.submit_pulse(session, links[emails[3]], _answers_for(3), "", NOW)

    def close() -> None:
        with Session(engine, expire_on_commit=False) as session:
            pulse_rounds.close_round(session, ann.id, round_id, NOW)
            outcome["closed"] = True

    answering = threading.Thread(target=answer)
    answering.start()
    assert storing.wait(10)
    closing = threading.Thread(target=close)
    closing.start()
    time.sleep(1.0)
    assert closing.is_alive() and "closed" not in outcome  # waiting for the answer's transaction
    release.set()
    answering.join(10)
    closing.join(10)
    assert outcome == {"closed": True}
    positions = sorted(position for _, position in _physical(pg, "pulse_response", team.id))
    assert positions == [0, 1, 2, 3] and _held(pg, "held_answer", round_id) == []
    with pytest.raises(pulse_answers.PulseRefused, match="closed"):
        pulse_answers.submit_pulse(pg, links[emails[4]], _answers_for(4), "", NOW)
    engine.dispose()


def test_answers_given_at_the_same_moment_are_all_held_once(pg, fresh_postgres):
    """Every answer rewrites the round's held rows; the lock on the round's row makes them take
    turns, so none is lost or doubled however many arrive at once."""
    from concurrent.futures import ThreadPoolExecutor

    ann = manager(pg)
    emails = [f"crowd-{i:02d}@x.nl" for i in range(12)]
    team = team_with_members(pg, ann.id, emails=emails)
    pulse_rounds.send_this_weeks_pulse(pg, ann.id, team.id, NOW, BASE_URL)
    links = {m.to_address: m.link.rsplit("/pulse/", 1)[1] for m in pg.exec(select(OutboxMessage))}
    engine = build_engine(fresh_postgres, pool_size=12)

    def answer(position: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            pulse_answers.submit_pulse(session, links[emails[position]], _answers_for(position),
                                       f"comment {position}", NOW)

    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(answer, range(12)))
    engine.dispose()
    round_id = results.visible_results(pg, ann.id, team.id, NOW).open_rounds[0].round_id
    for table in ("held_answer", "held_comment"):
        assert sorted(position for _, position in _held(pg, table, round_id)) == list(range(12))
