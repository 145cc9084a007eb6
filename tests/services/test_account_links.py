"""Confirming a new address (nothing is sent for an unconfirmed account) and resetting a
password by a single-use mailed link, on a real SQLite file and a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.services.pulse_helpers import NOW, send_round, team_with_members
from tests.services.test_mail_delivery import Inbox
from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.db.models import AccountToken, AuthSession, Manager, OutboxMessage
from trusthabits.services import account_links, accounts, mail

BASE = "https://habits.test"
PASSWORD = "correct horse battery"


def register(session, email="ann@example.com", confirm=True):
    return accounts.register(session, name="Ann", email=email, password=PASSWORD, locale="en",
                             time_zone="Europe/Amsterdam", confirm_base_url=BASE if confirm else None)


def _link(session, kind: str) -> str:
    message = session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)
                           .order_by(OutboxMessage.id.desc())).first()
    return message.link.rsplit("/", 1)[1]


def test_without_a_mail_server_an_account_is_confirmed_at_once(session):
    assert register(session, confirm=False).email_verified is True
    assert session.exec(select(OutboxMessage)).all() == []


def test_a_new_account_gets_a_hashed_24_hour_link_and_nothing_else_is_sent(session, smtp_server):
    inbox = Inbox()
    url = smtp_server(inbox)
    with clock.frozen(NOW):
        ann = register(session)
    assert ann.email_verified is False
    token = _link(session, mail.ACCOUNT_KINDS[0])
    row = session.exec(select(AccountToken)).one()
    assert row.token_hash != token and token not in row.token_hash
    assert row.expires_at - row.created_at == timedelta(hours=24)
    # A round for the team waits in the queue: only the confirmation mail leaves.
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id, now=NOW)
    assert mail.deliver_due(session, url, NOW + timedelta(minutes=1)) == 1
    assert [m["To"] for m in inbox.received] == ["ann@example.com"]
    assert mail.deliver_due(session, url, NOW + timedelta(minutes=2)) == 0
    # The Outbox lists the held pulse mails, not the account's own link.
    listed = mail.list_outbox(session, ann.id)
    assert len(listed) == 4 and {item.status for item in listed} == {mail.QUEUED}
    # Confirmed: the held mail goes out.
    assert account_links.confirm_address(session, token, NOW) == "ann@example.com"
    assert mail.deliver_due(session, url, NOW + timedelta(minutes=3)) == 4
    assert accounts.get_profile(session, ann.id).email_verified


def test_a_confirmation_link_works_once_and_for_24_hours(session):
    register(session)
    token = _link(session, mail.ACCOUNT_KINDS[0])
    created = session.exec(select(AccountToken)).one().created_at
    with pytest.raises(Refused, match="link.expired"):
        account_links.confirm_address(session, token, created + timedelta(hours=24))
    account_links.confirm_address(session, token, created + timedelta(hours=23))
    with pytest.raises(Refused, match="link.used"):
        account_links.confirm_address(session, token, created + timedelta(hours=23))
    for forged in ("", "x" * 300, token[:-1] + ("A" if token[-1] != "A" else "B"), "\ud800"):
        with pytest.raises(Refused, match="link.unknown"):
            account_links.confirm_address(session, forged, created)


def test_the_confirmation_link_is_sent_again_but_not_in_a_burst(session):
    ann = register(session)
    with clock.frozen(clock.now() + timedelta(minutes=1)) as fixed:
        with pytest.raises(Refused, match="error.confirm_resend_wait"):
            account_links.resend_confirmation(session, ann.id, BASE, clock.now())
        fixed.advance(account_links.RESEND_AFTER)
        assert account_links.resend_confirmation(session, ann.id, BASE, clock.now()) is True
    assert len(session.exec(select(AccountToken)).all()) == 2


def _sign_in(session, password=PASSWORD):
    return accounts.sign_in(session, email="ann@example.com", password=password, client_ip="198.51.100.1")


def test_a_reset_sets_a_new_password_once_and_signs_every_device_out(session):
    ann = register(session, confirm=False)
    _, phone = _sign_in(session)
    _, laptop = _sign_in(session)
    account_links.request_reset(session, " ANN@example.com ", BASE, NOW)
    token = _link(session, mail.ACCOUNT_KINDS[1])
    assert session.exec(select(AccountToken).where(AccountToken.purpose == "reset")).one().token_hash != token
    with pytest.raises(FieldErrors):
        account_links.reset_password(session, token, "short", NOW)
    assert account_links.reset_password(session, token, "a brand new passphrase", NOW) == "ann@example.com"
    assert accounts.resolve_session(session, phone) is None and accounts.resolve_session(session, laptop) is None
    assert all(auth.revoked_at for auth in session.exec(select(AuthSession)))
    with pytest.raises(accounts.SignInRefused):
        _sign_in(session)
    assert _sign_in(session, "a brand new passphrase")[0].id == ann.id
    with pytest.raises(Refused, match="link.used"):
        account_links.reset_password(session, token, "yet another passphrase", NOW)


def test_a_reset_link_lasts_one_hour(session):
    register(session, confirm=False)
    account_links.request_reset(session, "ann@example.com", BASE, NOW)
    token = _link(session, mail.ACCOUNT_KINDS[1])
    account_links.check_reset_link(session, token, NOW + timedelta(minutes=59))
    with pytest.raises(Refused, match="link.expired"):
        account_links.reset_password(session, token, "a brand new passphrase", NOW + timedelta(hours=1))


def test_an_unknown_address_queues_nothing_and_raises_nothing(session):
    register(session, confirm=False)
    account_links.request_reset(session, "nobody@example.com", BASE, NOW)
    account_links.request_reset(session, "not an address", BASE, NOW)
    assert session.exec(select(OutboxMessage)).all() == []


def test_reset_mails_cannot_flood_a_mailbox(session):
    register(session, confirm=False)
    for minute in range(10):
        account_links.request_reset(session, "ann@example.com", BASE, NOW + timedelta(minutes=minute))
    assert len(session.exec(select(OutboxMessage)).all()) == account_links.RESETS_PER_HOUR


def test_a_reset_confirms_an_unconfirmed_address(session):
    ann = register(session)
    account_links.request_reset(session, "ann@example.com", BASE, clock.now())
    account_links.reset_password(session, _link(session, mail.ACCOUNT_KINDS[1]), "a brand new passphrase",
                                 clock.now())
    assert session.get(Manager, ann.id).email_verified_at is not None


def test_another_managers_link_never_changes_this_account(session):
    ann = register(session, confirm=False)
    register(session, email="bob@example.com", confirm=False)
    account_links.request_reset(session, "bob@example.com", BASE, NOW)
    account_links.reset_password(session, _link(session, mail.ACCOUNT_KINDS[1]), "bobs new passphrase", NOW)
    assert _sign_in(session)[0].id == ann.id  # Ann's password is untouched
