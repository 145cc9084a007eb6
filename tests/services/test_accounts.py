"""Manager accounts on a real SQLite file: registration, hashing, sessions, rate limiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors
from trusthabits.db.models import AuthSession, LoginAttempt, Manager
from trusthabits.services import accounts

PASSWORD = "correct horse battery"
T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def register(session, email="ann@example.com", name="Ann", password=PASSWORD, **extra):
    fields = {"locale": "en", "time_zone": "Europe/Amsterdam", **extra}
    return accounts.register(session, name=name, email=email, password=password, **fields)


def test_register_normalises_email_and_keeps_profile(session):
    profile = register(session, email="  Ann.Smith@Example.COM ", name=" Ann Smith ", locale="nl")
    assert profile.email == "ann.smith@example.com"
    assert profile.name == "Ann Smith"
    assert profile.locale == "nl"
    assert profile.time_zone == "Europe/Amsterdam"


def test_register_reports_every_invalid_field(session):
    with pytest.raises(FieldErrors) as caught:
        accounts.register(
            session, name=" ", email="not-an-email", password="short", locale="de", time_zone="Mars/Base"
        )
    assert caught.value.errors == {
        "name": "error.name_required",
        "email": "error.email_invalid",
        "password": "error.password_too_short",
        "locale": "error.language_invalid",
        "time_zone": "error.time_zone_invalid",
    }
    assert session.exec(select(Manager)).all() == []


def test_password_of_exactly_ten_characters_is_accepted(session):
    assert register(session, password="0123456789").email == "ann@example.com"


def test_duplicate_email_is_refused_whatever_its_case(session):
    register(session)
    with pytest.raises(FieldErrors) as caught:
        register(session, email="ANN@example.com", name="Other Ann")
    assert caught.value.errors == {"email": "error.email_taken"}
    assert len(session.exec(select(Manager)).all()) == 1


def test_no_plain_text_password_or_token_anywhere_in_the_database(session, db_path):
    register(session)
    _, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    session.close()
    stored = b"".join(p.read_bytes() for p in db_path.parent.glob("trusthabits.db*"))
    assert PASSWORD.encode() not in stored
    assert token.encode() not in stored
    manager = session.exec(select(Manager)).one()
    assert manager.password_hash.startswith("$argon2id$")


def test_sign_in_opens_a_session_that_resolves_to_the_manager(session):
    profile = register(session)
    signed_in, token = accounts.sign_in(session, email="ANN@example.com", password=PASSWORD)
    assert signed_in == profile
    assert accounts.resolve_session(session, token) == profile
    assert len(token) >= 43  # 256 bits, URL-safe base64


@pytest.mark.parametrize(
    ("email", "password"),
    [("ann@example.com", "wrong password!"), ("nobody@example.com", PASSWORD), ("nobody@example.com", "x" * 12)],
)
def test_wrong_email_or_password_get_the_same_message(session, email, password):
    register(session)
    with pytest.raises(accounts.SignInRefused) as caught:
        accounts.sign_in(session, email=email, password=password)
    assert caught.value.key == "error.signin_failed"
    assert caught.value.retry_after is None


def test_empty_sign_in_fields_are_named(session):
    with pytest.raises(accounts.SignInRefused) as caught:
        accounts.sign_in(session, email=" ", password="")
    assert caught.value.key == "error.signin_missing"


def _fail(session, ip="198.51.100.1", email="ann@example.com"):
    with pytest.raises(accounts.SignInRefused) as caught:
        accounts.sign_in(session, email=email, password="wrong password!", client_ip=ip)
    return caught.value


def test_after_a_few_failures_the_client_waits_longer_each_time(session):
    register(session)
    with clock.frozen(T0) as fixed:
        for _ in range(3):
            assert _fail(session).key == "error.signin_failed"
        refused = _fail(session)
        assert (refused.key, refused.retry_after) == ("error.signin_wait", timedelta(seconds=2))
        rows = len(session.exec(select(LoginAttempt)).all())
        # Even the right password waits, costs no hashing and is not counted.
        with pytest.raises(accounts.SignInRefused) as caught:
            accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="198.51.100.1")
        assert caught.value.key == "error.signin_wait"
        assert len(session.exec(select(LoginAttempt)).all()) == rows
        fixed.advance(timedelta(seconds=2))
        assert _fail(session).key == "error.signin_failed"
        assert _fail(session).retry_after == timedelta(seconds=4)
        fixed.advance(timedelta(seconds=4))
        profile, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="198.51.100.1")
        assert accounts.resolve_session(session, token) == profile
    # Another address is not affected.
    register(session, email="bob@example.com", name="Bob")
    accounts.sign_in(session, email="bob@example.com", password=PASSWORD, client_ip="203.0.113.7")


def _strangers_guess(session, count: int, at):
    """`count` failed attempts on Ann's address, each from another machine (rows as sign_in
    writes them; the hashing itself is tested above)."""
    session.add_all(LoginAttempt(email="ann@example.com", client_ip=f"203.0.113.{n}", attempted_at=at, succeeded=False)
                    for n in range(count))
    session.commit()


def test_strangers_cannot_lock_the_owner_out(session):
    register(session)
    with clock.frozen(T0) as fixed:
        accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="198.51.100.1")
        fixed.advance(timedelta(minutes=5))
        _strangers_guess(session, 200, clock.now())
        # From where the owner signed in before: straight in.
        accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="198.51.100.1")
        fixed.advance(timedelta(seconds=1))
        _strangers_guess(session, 200, clock.now())
        # From a new place: a short wait at most, never a lock.
        with pytest.raises(accounts.SignInRefused) as caught:
            accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="192.0.2.50")
        assert caught.value.key == "error.signin_wait" and caught.value.retry_after <= timedelta(minutes=1)
        fixed.advance(caught.value.retry_after)
        accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="192.0.2.50")


def test_a_wrong_address_and_a_wrong_password_are_throttled_alike(session):
    register(session)
    with clock.frozen(T0):
        for _ in range(3):
            assert _fail(session, email="nobody@example.com").key == "error.signin_failed"
        assert _fail(session, email="nobody@example.com").key == "error.signin_wait"


def test_a_huge_password_is_refused_without_hashing(session):
    register(session)
    with pytest.raises(accounts.SignInRefused) as caught:
        accounts.sign_in(session, email="ann@example.com", password="x" * 1_000_000, client_ip="198.51.100.1")
    assert caught.value.key == "error.signin_failed"
    assert session.exec(select(LoginAttempt)).all() == []


def test_two_failures_then_success_starts_afresh(session):
    register(session)
    with clock.frozen(T0):
        for _ in range(2):
            _fail(session)
        accounts.sign_in(session, email="ann@example.com", password=PASSWORD, client_ip="198.51.100.1")
        for _ in range(3):
            assert _fail(session).key == "error.signin_failed"


def test_a_session_ends_ninety_days_after_sign_in_however_often_it_is_used(session):
    register(session)
    with clock.frozen(T0) as fixed:
        _, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
        for _ in range(89):
            fixed.advance(timedelta(days=1))
            assert accounts.resolve_session(session, token) is not None
        fixed.advance(timedelta(days=1))
        assert accounts.resolve_session(session, token) is None


def test_expired_session_no_longer_resolves(session):
    register(session)
    _, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    auth = session.exec(select(AuthSession)).one()
    auth.expires_at = clock.now() - timedelta(seconds=1)
    session.add(auth)
    session.commit()
    assert accounts.resolve_session(session, token) is None


def test_session_expiry_slides_with_use(session):
    register(session)
    _, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    auth = session.exec(select(AuthSession)).one()
    auth.last_seen_at = clock.now() - timedelta(days=20)
    auth.expires_at = clock.now() + timedelta(days=10)
    session.add(auth)
    session.commit()
    assert accounts.resolve_session(session, token) is not None
    session.refresh(auth)
    assert auth.expires_at > clock.now() + timedelta(days=29)


def test_sign_out_revokes_the_session(session):
    register(session)
    _, token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    accounts.sign_out(session, token)
    assert accounts.resolve_session(session, token) is None
    assert accounts.resolve_session(session, "") is None
    assert accounts.resolve_session(session, "made-up-token") is None


def test_change_password_checks_the_current_one_and_signs_out_other_devices(session):
    profile = register(session)
    _, phone = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    _, laptop = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    with pytest.raises(FieldErrors) as caught:
        accounts.change_password(
            session, profile.id, current_password="nope nope nope", new_password="short", keep_token=phone
        )
    assert caught.value.errors == {
        "current_password": "error.current_password_wrong",
        "new_password": "error.password_too_short",
    }
    accounts.change_password(
        session, profile.id, current_password=PASSWORD, new_password="a brand new passphrase", keep_token=phone
    )
    assert accounts.resolve_session(session, phone) == profile
    assert accounts.resolve_session(session, laptop) is None
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    accounts.sign_in(session, email="ann@example.com", password="a brand new passphrase")


def test_update_profile_validates_and_saves(session):
    profile = register(session)
    with pytest.raises(FieldErrors) as caught:
        accounts.update_profile(session, profile.id, name="", locale="nl", time_zone="Nowhere/Town")
    assert caught.value.errors == {"name": "error.name_required", "time_zone": "error.time_zone_invalid"}
    updated = accounts.update_profile(session, profile.id, name="Anna", locale="nl", time_zone="America/New_York")
    assert (updated.name, updated.locale, updated.time_zone) == ("Anna", "nl", "America/New_York")
    assert accounts.get_profile(session, profile.id) == updated


def test_a_token_of_manager_a_never_yields_manager_b(session):
    ann = register(session)
    bob = register(session, email="bob@example.com", name="Bob")
    _, ann_token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    _, bob_token = accounts.sign_in(session, email="bob@example.com", password=PASSWORD)
    assert accounts.resolve_session(session, ann_token) == ann
    assert accounts.resolve_session(session, bob_token) == bob
    # A's token with one character changed belongs to nobody.
    tampered = ann_token[:-1] + ("A" if ann_token[-1] != "A" else "B")
    assert accounts.resolve_session(session, tampered) is None
    # Signing A out leaves B signed in, and A's token does not fall through to B.
    accounts.sign_out(session, ann_token)
    assert accounts.resolve_session(session, ann_token) is None
    assert accounts.resolve_session(session, bob_token) == bob
    # A changing their password does not touch B's sessions.
    _, ann_token = accounts.sign_in(session, email="ann@example.com", password=PASSWORD)
    accounts.change_password(session, ann.id, current_password=PASSWORD, new_password="another passphrase",
        keep_token=ann_token)
    assert accounts.resolve_session(session, bob_token) == bob
