"""What one account can make the server send: teams per manager, members per team and mails
per day, each configurable, each refused with a message and nothing half done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import func, select

from tests.services.pulse_helpers import BASE_URL, NOW, manager, team_with_members
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.db.models import Invitation, Member, OutboxMessage, PulseRound, Team
from trusthabits.services import mail, pulse_rounds, teams


def _count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_teams_per_manager(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_MAX_TEAMS_PER_MANAGER", "2")
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    for name in ("One", "Two"):
        teams.create_team(session, ann.id, name=name, language="en", time_zone="Europe/Amsterdam")
    with pytest.raises(FieldErrors) as caught:
        teams.create_team(session, ann.id, name="Three", language="en", time_zone="Europe/Amsterdam")
    assert caught.value.errors == {"name": "error.too_many_teams"}
    assert _count(session, Team, Team.manager_id == ann.id) == 2
    teams.create_team(session, bob.id, name="Bob's", language="en", time_zone="Europe/Amsterdam")  # per manager


def test_members_per_team(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_MAX_MEMBERS_PER_TEAM", "3")
    ann = manager(session)
    team = teams.create_team(session, ann.id, name="Support", language="en", time_zone="Europe/Amsterdam")
    result = teams.add_members(session, ann.id, team.id, "a@x.nl, b@x.nl, c@x.nl, d@x.nl, e@x.nl, a@x.nl")
    assert (result.added, result.over_limit) == (["a@x.nl", "b@x.nl", "c@x.nl"], ["d@x.nl", "e@x.nl"])
    members = teams.list_members(session, ann.id, team.id)
    assert len(members) == 3
    # Deactivating makes room; reactivating when full is refused.
    teams.set_member_active(session, ann.id, team.id, members[0].id, False)
    assert teams.add_members(session, ann.id, team.id, "d@x.nl").added == ["d@x.nl"]
    with pytest.raises(Refused, match="error.team_full"):
        teams.set_member_active(session, ann.id, team.id, members[0].id, True)
    assert _count(session, Member, Member.team_id == team.id, Member.active) == 3


def test_mails_per_day_refuse_a_whole_round_and_count_a_rolling_day(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_MAX_MAILS_PER_DAY", "6")
    ann = manager(session)
    first = team_with_members(session, ann.id, emails=("a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"))
    second = teams.create_team(session, ann.id, name="Sales", language="en", time_zone="Europe/Amsterdam")
    teams.add_members(session, ann.id, second.id, "e@x.nl, f@x.nl, g@x.nl")
    assert pulse_rounds.send_this_weeks_pulse(session, ann.id, first.id, NOW, BASE_URL) == 4
    with pytest.raises(mail.DailyLimitReached) as caught:
        pulse_rounds.send_this_weeks_pulse(session, ann.id, second.id, NOW, BASE_URL)
    refused = caught.value
    assert (refused.key, refused.wanted, refused.left, refused.limit) == ("error.mail_limit", 3, 2, 6)
    # Nothing of the refused round was stored: no round, no invitation, no mail.
    assert _count(session, PulseRound, PulseRound.team_id == second.id) == 0
    assert _count(session, Invitation) == 4 and _count(session, OutboxMessage) == 4
    # A day later there is room again.
    assert pulse_rounds.send_this_weeks_pulse(session, ann.id, second.id, NOW + timedelta(days=1, minutes=1),
                                              BASE_URL) == 3


def test_the_limit_is_per_manager(session, monkeypatch):
    monkeypatch.setenv("TRUSTHABITS_MAX_MAILS_PER_DAY", "4")
    ann, bob = manager(session), manager(session, email="bob@example.com", name="Bob")
    pulse_rounds.send_this_weeks_pulse(session, ann.id, team_with_members(session, ann.id).id, NOW, BASE_URL)
    bobs = team_with_members(session, bob.id)
    assert pulse_rounds.send_this_weeks_pulse(session, bob.id, bobs.id, NOW, BASE_URL) == 4
