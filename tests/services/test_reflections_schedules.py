"""Reflections (private, drafts, limits, last week's plan) and schedule editing + status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests.services.rhythm_helpers import local, manager, team, tick
from trusthabits.core.errors import FieldErrors
from trusthabits.db.models import OutboxMessage
from trusthabits.services import actions, reflections, schedules

NOW = local("Europe/Amsterdam", 2026, 11, 27, 17, 0)  # Friday of 2026-W48


def test_the_week_shows_what_was_logged_and_asks_about_the_least_practised(session):
    ann = manager(session)
    actions.log_action(session, ann.id, behaviour="empowerment", day=date(2026, 11, 24), now=NOW)
    view = reflections.week_reflection(session, ann.id, "2026-W48")
    assert view.counts["empowerment"] == 1 and "empowerment" not in view.not_practised
    assert view.focus in view.not_practised and view.question_key.startswith(view.focus + ".")
    assert reflections.question_text(view.question_key, "nl")


def test_a_draft_is_kept_then_finished_and_shows_next_week_on_today(session):
    ann = manager(session)
    draft = reflections.save(session, ann.id, "2026-W48", "Listened more", "", NOW)
    assert (draft.went_well, draft.finished) == ("Listened more", False)
    done = reflections.save(session, ann.id, "2026-W48", "Listened more", "Ask before deciding", NOW, finish=True)
    assert done.finished and [p.week for p in reflections.past(session, ann.id)] == ["2026-W48"]
    assert reflections.last_weeks_plan(session, ann.id, NOW) == "Ask before deciding"
    assert reflections.last_weeks_plan(session, ann.id, NOW + timedelta(days=3)) == "Ask before deciding"
    assert reflections.last_weeks_plan(session, ann.id, NOW + timedelta(days=10)) == ""
    reflections.save(session, ann.id, "2026-W49", "", "Delegate the planning", NOW + timedelta(days=7))
    assert reflections.last_weeks_plan(session, ann.id, NOW + timedelta(days=10)) == "Delegate the planning"


def test_over_long_text_is_refused_and_nothing_is_stored(session):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        reflections.save(session, ann.id, "2026-W48", "x" * 1001, "fine", NOW)
    assert refused.value.errors == {"went_well": "error.reflection_too_long"}
    assert reflections.past(session, ann.id) == []
    assert reflections.save(session, ann.id, "2026-W48", "x" * 1000, "", NOW).went_well == "x" * 1000


def test_reflections_are_private_to_their_manager(session):
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    reflections.save(session, ann.id, "2026-W48", "Ann's secret", "Ann's plan", NOW)
    assert reflections.week_reflection(session, bob.id, "2026-W48").went_well == ""
    assert reflections.past(session, bob.id) == []
    assert reflections.last_weeks_plan(session, bob.id, NOW + timedelta(days=3)) == ""
    reflections.save(session, bob.id, "2026-W48", "Bob's own", "", NOW)
    assert reflections.week_reflection(session, ann.id, "2026-W48").went_well == "Ann's secret"


@pytest.mark.parametrize("week", ["2026-W00", "2026-W54", "2026-53", "x", "2025-W53"])
def test_a_week_that_does_not_exist_is_refused(session, week):
    ann = manager(session)
    with pytest.raises(LookupError):
        reflections.week_reflection(session, ann.id, week)


def test_schedules_are_validated_and_saved(session):
    ann = manager(session)
    support = team(session, ann.id)
    with pytest.raises(FieldErrors) as refused:
        schedules.update_pulse_schedule(session, ann.id, support.id, weekday=4, time="25:00",
                                        reminder_hours="0", close_after_days="7", now=NOW)
    assert refused.value.errors == {"time": "error.time_invalid", "reminder_hours": "error.reminder_hours",
                                    "close_after_days": "error.close_after_days"}
    saved = schedules.update_pulse_schedule(session, ann.id, support.id, weekday="0", time="9:30",
                                            reminder_hours="24", close_after_days="3", now=NOW)
    assert (saved.weekday, saved.time, saved.reminder_hours, saved.close_after_days) == (0, "09:30", 24, 3)
    with pytest.raises(FieldErrors):
        schedules.update_reflection_schedule(session, ann.id, weekday=9, time="16:00", now=NOW)
    assert schedules.update_reflection_schedule(session, ann.id, weekday=3, time="08:15", now=NOW).time == "08:15"
    bob = manager(session, email="bob@example.com", name="Bob")
    with pytest.raises(LookupError):
        schedules.update_pulse_schedule(session, bob.id, support.id, weekday=1, time="10:00",
                                        reminder_hours=48, close_after_days=5, now=NOW)


def test_status_shows_next_sends_in_the_managers_time_and_warns_when_nothing_was_delivered(engine, session):
    ann = manager(session, zone="America/New_York")
    support = team(session, ann.id)  # the team itself is in Amsterdam
    opens = local("Europe/Amsterdam", 2026, 11, 27, 13, 0)
    tick(engine, opens)
    status = schedules.team_status(session, ann.id, support.id, opens)
    assert status.next_pulse == "Fri 2026-12-04 07:00"  # 13:00 Amsterdam in New York
    assert status.next_prompt == "Fri 2026-11-27 16:00"
    (this_round,) = status.rounds
    assert (this_round.sent, this_round.failed, this_round.waiting, this_round.undelivered) == (0, 0, 5, False)
    for message in session.exec(select(OutboxMessage)).all():
        if message.kind == "pulse_invite":
            message.status, message.last_error = "failed", "550 no such user"
            session.add(message)
    session.commit()
    assert schedules.team_status(session, ann.id, support.id, opens).rounds[0].undelivered
    with pytest.raises(LookupError):
        schedules.team_status(session, manager(session, email="c@example.com").id, support.id, opens)


def test_the_app_shows_the_reflection_once_its_prompt_time_has_passed_until_finished(session):
    ann = manager(session)  # Friday 16:00 Amsterdam
    assert reflections.prompt_waiting(session, ann.id, local("Europe/Amsterdam", 2026, 11, 27, 15, 59)) == ""
    assert reflections.prompt_waiting(session, ann.id, NOW) == "2026-W48"
    reflections.save(session, ann.id, "2026-W48", "", "", NOW)
    assert reflections.prompt_waiting(session, ann.id, NOW) == "2026-W48"  # a draft is not done
    reflections.save(session, ann.id, "2026-W48", "", "", NOW, finish=True)
    assert reflections.prompt_waiting(session, ann.id, NOW) == ""
