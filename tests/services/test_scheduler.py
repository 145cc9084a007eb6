"""The scheduling engine on a controlled clock: local times across DST, catch-up, reminders."""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from tests.services.pulse_helpers import answers
from tests.services.rhythm_helpers import BASE_URL, local, manager, outbox, team, tick
from trusthabits.adapters.leader import FileLocks
from trusthabits.db.models import Invitation, PulseRound, ScheduledSend
from trusthabits.services import mail, pulse_answers, scheduler

AMS, NYC = "Europe/Amsterdam", "America/New_York"


def _rounds(session):
    return list(session.exec(select(PulseRound).order_by(PulseRound.id), execution_options={"populate_existing": True}))


# Fridays either side of 2026's changes in Europe: 29 March and 25 October.
@pytest.mark.parametrize("friday, utc_hour", [((2026, 3, 27), 12), ((2026, 4, 3), 11),
                                              ((2026, 10, 23), 11), ((2026, 10, 30), 12)])
def test_a_friday_1300_amsterdam_team_gets_its_round_at_1300_local_across_dst(engine, session, friday, utc_hour):
    ann = manager(session)
    support = team(session, ann.id)
    opens = local(AMS, *friday, 13, 0)
    assert opens.hour == utc_hour  # the test itself knows which offset applies
    tick(engine, opens - timedelta(minutes=1))
    assert _rounds(session) == []
    tick(engine, opens)
    (pulse_round,) = _rounds(session)
    assert (pulse_round.team_id, pulse_round.opened_at) == (support.id, opens)
    assert pulse_round.closes_at == opens + timedelta(days=5)
    assert len(outbox(session, "pulse_invite")) == 5


# New York changes on 8 March and 1 November 2026 (not the same weekend as Europe).
@pytest.mark.parametrize("friday", [(2026, 3, 6), (2026, 3, 13), (2026, 10, 30), (2026, 11, 6)])
def test_a_new_york_manager_gets_the_prompt_at_1600_new_york_time(engine, session, friday):
    bob = manager(session, email="bob@example.com", name="Bob", zone=NYC)
    due = local(NYC, *friday, 16, 0)
    bob.reflect_since = due - timedelta(days=1)  # only this week's prompt is of interest
    session.add(bob)
    session.commit()
    tick(engine, due - timedelta(seconds=1))
    assert outbox(session, "reflect_prompt") == []
    tick(engine, due)
    (prompt,) = outbox(session, "reflect_prompt")
    assert (prompt.to_address, prompt.created_at) == (bob.email, due)
    week = due.astimezone(ZoneInfo(NYC)).isocalendar()
    assert prompt.link == f"{BASE_URL}/reflect/{week[0]}-W{week[1]:02d}"


def test_a_round_missed_by_three_hours_goes_out_once_after_start(engine, session):
    ann = manager(session)
    team(session, ann.id)
    back = local(AMS, 2026, 11, 27, 16, 0)  # scheduled 13:00, the scheduler was down until 16:00
    tick(engine, back)
    tick(engine, back + timedelta(minutes=1))
    tick(engine, back + timedelta(minutes=2), worker="another")
    (pulse_round,) = _rounds(session)
    assert pulse_round.opened_at == back
    assert sorted(m.to_address for m in outbox(session, "pulse_invite")) == [f"m{i}@x.nl" for i in range(5)]


def test_a_round_that_ended_during_downtime_is_skipped_and_logged(engine, session, caplog):
    ann = manager(session)
    support = team(session, ann.id)
    back = local(AMS, 2026, 11, 26, 10, 0)  # Thursday: last Friday's round closed on Wednesday 13:00
    with caplog.at_level(logging.WARNING, logger="trusthabits.scheduler"):
        report = tick(engine, back)
    assert _rounds(session) == [] and outbox(session, "pulse_invite") == []
    assert report.skipped >= 1
    assert any("pulse_open" in r.getMessage() and f" {support.id} 2026-W47" in r.getMessage()
               and "ended" in r.getMessage() for r in caplog.records)
    row = session.exec(select(ScheduledSend).where(ScheduledSend.kind == "pulse_open")).one()
    assert row.status == "skipped"


def test_reminders_go_to_unused_invitations_only_and_the_round_closes(engine, session):
    ann = manager(session)
    team(session, ann.id)
    opens = local(AMS, 2026, 11, 27, 13, 0)
    tick(engine, opens)
    first = {m.to_address: m.link.rsplit("/", 1)[1] for m in outbox(session, "pulse_invite")}
    pulse_answers.submit_pulse(session, first["m0@x.nl"], answers("2026-W48"), "", opens + timedelta(hours=1))
    tick(engine, opens + timedelta(hours=48))
    tick(engine, opens + timedelta(hours=49))
    reminders = outbox(session, "pulse_reminder")
    assert sorted(m.to_address for m in reminders) == [f"m{i}@x.nl" for i in range(1, 5)]
    # The reminder's fresh link works; the manager-facing data says nothing about who answered.
    listed = [item.subject for item in mail.list_outbox(session, ann.id)]
    assert listed.count("How was this week with Ann?") == 5 and not any("reminder" in s for s in listed)
    fresh = reminders[0].link.rsplit("/", 1)[1]
    assert pulse_answers.open_pulse(session, fresh, opens + timedelta(hours=50)).manager_name == "Ann"
    tick(engine, opens + timedelta(days=5))
    (pulse_round,) = _rounds(session)
    assert pulse_round.closed_at == opens + timedelta(days=5)
    assert len(session.exec(select(Invitation).where(Invitation.reminded.is_(True))).all()) == 4


def test_a_claim_whose_worker_died_is_taken_over_after_the_lease(engine, session):
    ann = manager(session)
    team(session, ann.id)
    opens = local(AMS, 2026, 11, 27, 13, 0)
    with Session(engine, expire_on_commit=False) as other:
        scheduler.plan(other, opens)
        ctx = scheduler.Context(now=opens, base_url=BASE_URL, worker="dead")
        claimed = scheduler.claim_due(other, ctx)  # and then the worker "dies"
    assert claimed
    tick(engine, opens + timedelta(minutes=1), worker="alive")
    assert _rounds(session) == []  # still leased to the dead worker
    tick(engine, opens + scheduler.LEASE + timedelta(minutes=1), worker="alive")
    assert len(_rounds(session)) == 1 and len(outbox(session, "pulse_invite")) == 5


def test_claims_of_a_worker_that_is_gone_are_taken_over_at_once_and_a_living_ones_are_not(engine, session, tmp_path):
    ann = manager(session)
    team(session, ann.id)
    opens = local(AMS, 2026, 11, 27, 13, 0)
    living = FileLocks(tmp_path, "living")
    living.hold_presence()
    mine = FileLocks(tmp_path, "mine")
    mine.hold_presence()
    with Session(engine, expire_on_commit=False) as other:
        scheduler.plan(other, opens)
        assert scheduler.claim_due(other, scheduler.Context(now=opens, base_url=BASE_URL, worker="living"))
    ctx = scheduler.Context(now=opens + timedelta(minutes=1), base_url=BASE_URL, worker="mine", is_gone=mine.is_gone)
    report = scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx)
    assert report.taken_over == 0 and _rounds(session) == []  # its holder still lives
    living.release()  # the holder stops (a SIGKILL drops the flock the same way)
    report = scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx)
    assert report.taken_over >= 1 and len(_rounds(session)) == 1 and len(outbox(session, "pulse_invite")) == 5
    mine.release()


def test_a_new_schedule_does_not_fire_for_a_moment_before_it_existed(engine, session):
    ann = manager(session)
    support = team(session, ann.id)
    support.pulse_since = local(AMS, 2026, 11, 27, 14, 0)  # created after Friday's 13:00
    session.add(support)
    session.commit()
    tick(engine, local(AMS, 2026, 11, 27, 15, 0))
    assert _rounds(session) == []


def test_without_a_mail_server_no_reminders_are_made(engine, session):
    ann = manager(session)
    team(session, ann.id)
    opens = local(AMS, 2026, 11, 27, 13, 0)
    for moment in (opens, opens + timedelta(hours=48)):
        ctx = scheduler.Context(now=moment, base_url=BASE_URL, worker="w", can_mail=False)
        scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx)
    assert outbox(session, "pulse_reminder") == []
    row = session.exec(select(ScheduledSend).where(ScheduledSend.kind == "pulse_remind")).one()
    assert row.status == "skipped" and "mail server" in row.note
