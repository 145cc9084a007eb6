"""Retention: what the daily job deletes or blanks, after how long, and what it leaves alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import NOW, manager, send_round, team_with_members
from trusthabits.config import get_settings
from trusthabits.db.models import AccountToken, AuthSession, Invitation, LoginAttempt, OutboxMessage, PulseRound
from trusthabits.services import maintenance, pulse_answers, security


def _attempt(session, at, succeeded, email="x@example.com"):
    session.add(LoginAttempt(email=email, client_ip="10.0.0.1", attempted_at=at, succeeded=succeeded))


def test_retention_blanks_old_mail_retires_closed_tokens_and_deletes_old_attempts_and_sessions(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_BACKUP_KEEP", "0")
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = send_round(session, ann.id, team.id, NOW)
    for message in session.exec(select(OutboxMessage)).all():
        message.status = maintenance.SENT
    queued_late = OutboxMessage(idempotency_key="late", manager_id=ann.id, kind="x", to_address="q@x.nl",
                                subject="s", body="still to send", next_attempt_at=NOW, created_at=NOW)
    session.add(queued_late)
    _attempt(session, NOW - timedelta(hours=2), False)
    _attempt(session, NOW - timedelta(hours=30), False)
    _attempt(session, NOW - timedelta(days=30), True)   # kept: the throttle knows this client
    _attempt(session, NOW - timedelta(days=100), True)  # past KNOWN_FOR
    session.add(AuthSession(manager_id=ann.id, token_hash="a" * 64, expires_at=NOW - timedelta(days=1)))
    session.add(AuthSession(manager_id=ann.id, token_hash="b" * 64, expires_at=NOW + timedelta(days=1)))
    session.add(AuthSession(manager_id=ann.id, token_hash="c" * 64, expires_at=NOW + timedelta(days=1),
                            revoked_at=NOW - timedelta(hours=1)))
    session.add(AccountToken(manager_id=ann.id, purpose="reset", token_hash="d" * 64, created_at=NOW,
                             expires_at=NOW + timedelta(hours=1), used_at=NOW))
    session.add(AccountToken(manager_id=ann.id, purpose="reset", token_hash="e" * 64, created_at=NOW,
                             expires_at=NOW + timedelta(hours=1)))
    session.commit()
    settings = get_settings()

    # Within every period nothing mail- or token-related goes.
    early = maintenance.apply_retention(session, settings, NOW + timedelta(days=1))
    assert (early.outbox_blanked, early.invitations_retired) == (0, 0)
    session.expire_all()
    assert {m.to_address for m in session.exec(select(OutboxMessage)).all()} >= set(tokens)

    later = NOW + timedelta(days=31)
    done = maintenance.apply_retention(session, settings, later)
    session.expire_all()
    assert done.outbox_blanked == len(tokens)
    for message in session.exec(select(OutboxMessage)).all():
        if message.idempotency_key == "late":  # not sent yet: untouched
            assert (message.to_address, message.body) == ("q@x.nl", "still to send")
        else:  # the row and its status stay, its content goes
            assert (message.to_address, message.body, message.link, message.status) == ("", "", "", "sent")
    assert done.invitations_retired == len(tokens)
    # The links are dead, and nothing stored can be matched to them any more.
    stored = {i.token_hash for i in session.exec(select(Invitation)).all()}
    assert all(h.startswith(maintenance.RETIRED_TOKEN) for h in stored)
    assert not stored & {security.hash_token(t) for t in tokens.values()}
    with pytest.raises(pulse_answers.PulseRefused, match="unknown"):
        pulse_answers.open_pulse(session, next(iter(tokens.values())), later)
    kept = sorted((a.succeeded, a.attempted_at) for a in session.exec(select(LoginAttempt)).all())
    # 2 h and 30 h old relative to NOW; seen from `later` only the success 30 days before NOW is kept
    assert kept == [(True, NOW - timedelta(days=30))]
    assert [s.token_hash for s in session.exec(select(AuthSession)).all()] == []  # all expired by then
    assert session.exec(select(AccountToken)).all() == []

    again = maintenance.apply_retention(session, settings, later)  # idempotent
    assert (again.outbox_blanked, again.invitations_retired, again.login_attempts_deleted) == (0, 0, 0)


def test_retention_keeps_open_rounds_tokens_and_live_sessions(session, monkeypatch):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    tokens = send_round(session, ann.id, team.id, NOW)
    session.add(AuthSession(manager_id=ann.id, token_hash="b" * 64, expires_at=NOW + timedelta(days=30)))
    session.commit()
    pulse_round = session.exec(select(PulseRound)).one()
    assert pulse_round.closes_at > NOW + timedelta(hours=1)
    done = maintenance.apply_retention(session, get_settings(), NOW + timedelta(hours=1))
    assert (done.invitations_retired, done.sessions_deleted) == (0, 0)
    stored = {i.token_hash for i in session.exec(select(Invitation)).all()}
    assert stored == {security.hash_token(t) for t in tokens.values()}
    assert len(session.exec(select(AuthSession)).all()) == 1
