"""Erasure: deleting an account leaves nothing of the manager or their members in any table
(every table on SQLModel.metadata is checked, so tables added later are covered too), and
nothing of anyone else goes; erasing a member's address, by the manager or by the member."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel
from sqlmodel import select as sm_select

from tests.services.pulse_helpers import NOW, answers, manager, send_round, team_with_members
from trusthabits.core.errors import FieldErrors, NotFound, Refused
from trusthabits.core.schedule_rules import PULSE_OPEN, REFLECT_PROMPT
from trusthabits.db.models import (
    AccountToken,
    AuthSession,
    HeldAnswer,
    Invitation,
    LoginAttempt,
    Manager,
    Member,
    OutboxMessage,
    PulseResponse,
    ScheduledSend,
)
from trusthabits.services import accounts, demo, erasure, pulse_answers, scheduler, teams, unsubscribe

DOOMED_TEAM = ("zed.one@doomed.example", "zed.two@doomed.example", "zed.three@doomed.example")
OTHER_TEAM = ("amy@kept.example", "bob@kept.example", "cy@kept.example")


def _owned_rows(session, manager_id: int) -> dict[str, set]:
    """Every row that belongs to the manager: the manager row and, table by table in foreign-key
    order, any row whose foreign key points at a row already found. Keyed by table name → the
    rows' primary keys (as tuples)."""
    owned: dict[str, set] = defaultdict(set)
    owned["manager"].add((manager_id,))
    for table in SQLModel.metadata.sorted_tables:
        pk = [c.name for c in table.primary_key.columns]
        for row in session.execute(select(table)).mappings():
            for column in table.columns:
                for fk in column.foreign_keys:
                    target = fk.column.table.name
                    if (row[column.name],) in owned[target] and fk.column.primary_key:
                        owned[table.name].add(tuple(row[c] for c in pk))
    return owned


def _counts(session) -> dict[str, int]:
    return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in SQLModel.metadata.sorted_tables}


def _texts_holding(session, needles: list[str]) -> list[str]:
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for row in session.execute(select(table)).mappings():
            for name, value in row.items():
                if isinstance(value, str) and any(n in value.lower() for n in needles):
                    found.append(f"{table.name}.{name}={value[:60]!r}")
    return found


def _doomed_workspace(session):
    workspace = demo.create_demo(session, NOW, email="zebedee@doomed.example", password="correct horse battery")
    me = session.exec(sm_select(Manager).where(Manager.email == workspace.email)).one()
    team = team_with_members(session, me.id, emails=DOOMED_TEAM)
    tokens = send_round(session, me.id, team.id, NOW)
    pulse_answers.submit_pulse(session, tokens[DOOMED_TEAM[0]], answers(), "a comment", NOW)
    accounts.sign_in(session, email=workspace.email, password="correct horse battery", client_ip="10.1.1.1")
    session.add(LoginAttempt(email=workspace.email, client_ip="10.9.9.9", attempted_at=NOW, succeeded=False))
    session.add(AccountToken(manager_id=me.id, purpose="reset", token_hash="f" * 64, created_at=NOW,
                             expires_at=NOW + timedelta(hours=1)))
    session.commit()
    return me


def test_deleting_an_account_leaves_nothing_of_the_manager_or_their_members_anywhere(session):
    kept = manager(session, email="keeper@kept.example", name="Keeper")
    kept_team = team_with_members(session, kept.id, emails=OTHER_TEAM)
    kept_tokens = send_round(session, kept.id, kept_team.id, NOW)
    pulse_answers.submit_pulse(session, kept_tokens[OTHER_TEAM[0]], answers(), "kept comment", NOW)
    me = _doomed_workspace(session)
    member_addresses = [m.email for m in session.exec(sm_select(Member)).all() if m.email not in OTHER_TEAM]
    assert len(member_addresses) >= 9
    doomed_team_ids = [t.id for t in teams.list_teams(session, me.id)]
    # Scheduled sends name their team or manager without a foreign key.
    for kind, target in [(PULSE_OPEN, kept_team.id), (REFLECT_PROMPT, kept.id), (REFLECT_PROMPT, me.id),
                         *((PULSE_OPEN, t) for t in doomed_team_ids)]:
        session.add(ScheduledSend(kind=kind, target_id=target, period="2026W48", due_at=NOW))
    session.commit()
    owned = _owned_rows(session, me.id)
    before = _counts(session)
    assert {"action_log", "team", "member", "pulse_round", "invitation", "pulse_response",
            "outbox_message", "reflection", "auth_session", "account_token"} <= {t for t, rows in owned.items() if rows}

    with pytest.raises(FieldErrors):  # the password is asked again
        erasure.delete_account(session, me.id, password="wrong password!")
    assert session.get(Manager, me.id) is not None
    erasure.delete_account(session, me.id, password="correct horse battery")
    session.expire_all()

    after = _counts(session)
    for table in SQLModel.metadata.sorted_tables:
        pk = [c.name for c in table.primary_key.columns]
        remaining = {tuple(r[c] for c in pk) for r in session.execute(select(table)).mappings()}
        assert not remaining & owned[table.name], f"{table.name} still holds the manager's rows"
        if table.name not in ("login_attempt", "scheduled_send"):  # cleared by address / target below
            assert after[table.name] == before[table.name] - len(owned[table.name]), f"{table.name}: others' rows"
    assert not _texts_holding(session, ["zebedee@doomed.example", demo.DEMO_NAME.lower(), *member_addresses])
    targets = session.exec(sm_select(ScheduledSend)).all()
    assert not [s for s in targets if (s.kind in erasure.MANAGER_TARGETS and s.target_id == me.id)
                or (s.kind in erasure.TEAM_TARGETS and s.target_id in doomed_team_ids)]
    # The other manager's data is all there, their scheduled sends included.
    assert any(s.kind in erasure.TEAM_TARGETS and s.target_id == kept_team.id for s in targets)
    assert any(s.kind in erasure.MANAGER_TARGETS and s.target_id == kept.id for s in targets)
    assert session.get(Manager, kept.id) is not None
    assert len(teams.list_members(session, kept.id, kept_team.id)) == 3
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(session, email="zebedee@doomed.example", password="correct horse battery")


def test_every_scheduled_kind_says_what_its_target_is():
    assert set(scheduler.HANDLERS) <= erasure.TEAM_TARGETS | erasure.MANAGER_TARGETS


def test_the_manager_erases_a_member_and_answers_stay_anonymous(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=OTHER_TEAM)
    tokens = send_round(session, ann.id, team.id, NOW)
    pulse_answers.submit_pulse(session, tokens[OTHER_TEAM[0]], answers(), None, NOW)
    amy = session.exec(sm_select(Member).where(Member.email == OTHER_TEAM[0])).one()
    other = manager(session, email="mallory@example.com", name="Mallory")
    with pytest.raises(NotFound):  # only the owner can
        erasure.erase_member(session, other.id, team.id, amy.id)
    erasure.erase_member(session, ann.id, team.id, amy.id)
    session.expire_all()
    assert not _texts_holding(session, [OTHER_TEAM[0]])
    assert session.get(Member, amy.id) is None
    assert not session.exec(sm_select(Invitation).where(Invitation.member_id == amy.id)).all()
    # The answer stays (held until the round closes, then a response), never linked to her.
    assert len(session.exec(sm_select(PulseResponse)).all()) + len(session.exec(sm_select(HeldAnswer)).all()) == 1
    # She can be added again by the manager (it was the manager's decision, not hers).
    assert teams.add_members(session, ann.id, team.id, OTHER_TEAM[0]).added == [OTHER_TEAM[0]]


def test_a_member_erases_their_own_address_from_the_unsubscribe_link(session):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=OTHER_TEAM)
    send_round(session, ann.id, team.id, NOW)
    bob = session.exec(sm_select(Member).where(Member.email == OTHER_TEAM[1])).one()
    token = unsubscribe.token_for(session, bob)
    session.commit()
    assert erasure.erase_own_address(session, token, NOW).erased
    with pytest.raises(Refused):  # the link was signed over the address: it is dead now
        erasure.erase_own_address(session, token, NOW)
    session.expire_all()
    assert not _texts_holding(session, [OTHER_TEAM[1]])
    assert [m.email for m in teams.list_members(session, ann.id, team.id)] == [OTHER_TEAM[0], OTHER_TEAM[2]]
    assert not session.exec(sm_select(OutboxMessage).where(OutboxMessage.to_address == OTHER_TEAM[1])).all()
    # Pasting the address again does not bring it back: the member asked for no more mail.
    again = teams.add_members(session, ann.id, team.id, OTHER_TEAM[1].upper())
    assert again.added == [] and again.already == [OTHER_TEAM[1]]
    assert [m.email for m in teams.list_members(session, ann.id, team.id)] == [OTHER_TEAM[0], OTHER_TEAM[2]]
    with pytest.raises(Refused):
        erasure.erase_own_address(session, token + "x", NOW)
    assert session.exec(sm_select(AuthSession)).all() == []
