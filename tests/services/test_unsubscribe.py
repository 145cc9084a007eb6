"""A member's unsubscribe link: in every mail to a member, signed so it cannot be made up for
someone else, and after it no more mail from that team; the manager sees a count, not who."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import (
    BASE_URL,
    NOW,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.core.errors import Refused
from trusthabits.db.models import Member, OutboxMessage
from trusthabits.services import pulse_rounds, share_back, teams, unsubscribe


def _token_from_mail(session, to: str) -> str:
    message = session.exec(select(OutboxMessage).where(OutboxMessage.to_address == to)).first()
    line = next(line for line in message.body.splitlines() if "/unsubscribe/" in line)
    return line.rsplit("/unsubscribe/", 1)[1].strip()


def test_every_invitation_carries_a_working_link_and_after_it_no_more_mail(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    token = _token_from_mail(session, "b@x.nl")
    shown = unsubscribe.subscription(session, token)
    assert (shown.team_name, shown.manager_name, shown.unsubscribed) == ("Support", "Ann", False)
    assert unsubscribe.unsubscribe(session, token, NOW).unsubscribed
    unsubscribe.unsubscribe(session, token, NOW)  # twice is harmless
    # The manager sees a count; the member list they see is unchanged (it does not say who).
    summary = teams.get_team(session, ann.id, team.id)
    assert (summary.unsubscribed, summary.active_members) == (1, 4)
    assert all(m.active for m in teams.list_members(session, ann.id, team.id))
    # Pasting the address again does not subscribe it again; the next round skips it.
    teams.add_members(session, ann.id, team.id, "b@x.nl")
    next_week = NOW + timedelta(days=7)
    invited = pulse_rounds.send_this_weeks_pulse(session, ann.id, team.id, next_week, BASE_URL)
    assert invited == 3
    queued = session.exec(select(OutboxMessage).where(OutboxMessage.created_at == next_week))
    recipients = [m.to_address for m in queued]
    assert "b@x.nl" not in recipients


def test_a_link_cannot_be_made_up_for_another_member(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    token = _token_from_mail(session, "a@x.nl")
    member_id, signature = token.split(".")
    other = session.exec(select(Member).where(Member.email == "c@x.nl")).one()
    for forged in (f"{other.id}.{signature}", f"{member_id}.", f"{member_id}", "", "x" * 500, "١٢.abc",
                   f"{member_id}.{signature}x", "\ud800.\ud800", "99999999999999999999.aa",
                   f"{member_id}.\ud800", f"{member_id}.{signature}\x00"):
        with pytest.raises(Refused, match="link.unknown"):
            unsubscribe.unsubscribe(session, forged, NOW)
    assert session.exec(select(Member).where(Member.unsubscribed_at.is_not(None))).all() == []


def test_a_link_does_not_outlive_the_member_it_was_made_for(session):
    """Signed over id, team and address: should the row's id come to stand for someone else
    (a deleted member's id reused, an address edited), the old link no longer works."""
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    token = _token_from_mail(session, "a@x.nl")
    member = session.exec(select(Member).where(Member.email == "a@x.nl")).one()
    member.email = "someone-else@x.nl"
    session.add(member)
    session.commit()
    with pytest.raises(Refused, match="link.unknown"):
        unsubscribe.unsubscribe(session, token, NOW)
    other_team = team_with_members(session, ann.id, emails=("z@x.nl",))
    member.email, member.team_id = "a@x.nl", other_team.id
    session.add(member)
    session.commit()
    with pytest.raises(Refused, match="link.unknown"):
        unsubscribe.unsubscribe(session, token, NOW)
    member.team_id = team.id
    session.add(member)
    session.commit()
    assert unsubscribe.unsubscribe(session, token, NOW).unsubscribed


def test_shared_results_skip_unsubscribed_members_and_carry_the_link(session):
    from datetime import timedelta

    from tests.services.test_share_back import _round, _shared

    ann = manager(session)
    team, round_id = _round(session, ann, answering=3)
    unsubscribe.unsubscribe(session, _token_from_mail(session, "a@x.nl"), NOW)
    assert share_back.share_round(session, ann.id, round_id, "", NOW + timedelta(days=4)) == 4
    mails = _shared(session)
    assert sorted(m.to_address for m in mails) == ["b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"]
    assert all("/unsubscribe/" in m.body for m in mails)
