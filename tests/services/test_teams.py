"""Teams and members on a real SQLite file."""

from __future__ import annotations

import pytest

from tests.services.pulse_helpers import manager
from trusthabits.core.errors import FieldErrors
from trusthabits.services import teams


def test_create_team_validates_every_field(session):
    ann = manager(session)
    with pytest.raises(FieldErrors) as caught:
        teams.create_team(session, ann.id, name=" ", language="de", time_zone="Mars/Base", k=2)
    assert caught.value.errors == {
        "name": "error.team_name_required",
        "language": "error.language_invalid",
        "time_zone": "error.time_zone_invalid",
        "k": "error.k_invalid",
    }
    team = teams.create_team(session, ann.id, name=" Support ", language="nl", time_zone="Europe/Amsterdam")
    assert (team.name, team.language, team.k, team.active_members) == ("Support", "nl", 3, 0)
    assert teams.list_teams(session, ann.id) == [team]


def test_pasted_members_keep_the_valid_and_list_the_invalid(session):
    ann = manager(session)
    team = teams.create_team(session, ann.id, name="Ops", language="en", time_zone="UTC")
    result = teams.add_members(session, ann.id, team.id, "a@x.nl, B@X.nl\nnope\n@x.nl")
    assert result.added == ["a@x.nl", "b@x.nl"]
    assert result.invalid == [("nope", "error.email_invalid"), ("@x.nl", "error.email_invalid")]
    again = teams.add_members(session, ann.id, team.id, "a@x.nl\nc@x.nl")
    assert (again.added, again.already) == (["c@x.nl"], ["a@x.nl"])
    assert [m.email for m in teams.list_members(session, ann.id, team.id)] == ["a@x.nl", "b@x.nl", "c@x.nl"]


def test_deactivated_members_can_come_back(session):
    ann = manager(session)
    team = teams.create_team(session, ann.id, name="Ops", language="en", time_zone="UTC")
    teams.add_members(session, ann.id, team.id, "a@x.nl\nb@x.nl")
    a = teams.list_members(session, ann.id, team.id)[0]
    teams.set_member_active(session, ann.id, team.id, a.id, False)
    assert teams.get_team(session, ann.id, team.id).active_members == 1
    assert teams.add_members(session, ann.id, team.id, "a@x.nl").added == ["a@x.nl"]
    assert teams.get_team(session, ann.id, team.id).active_members == 2
