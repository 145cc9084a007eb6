"""The daily nudge on a controlled clock: once per local day, never on a logged, paused or off
day, at the local time across the EU and US DST changes; Web Push to a push-service stand-in on
loopback that decrypts it with the subscription's keys; mail when there is no push; and the
subscription endpoint as hostile input."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from sqlmodel import Session, select

from tests.services.push_service import BrowserKeys, PushService, unb64url
from tests.services.rhythm_helpers import BASE_URL, LONG_AGO, local, manager, outbox
from trusthabits.adapters import webpush
from trusthabits.core import nudge as rules
from trusthabits.core import push_rules
from trusthabits.core.errors import FieldErrors
from trusthabits.db.models import PushSubscription, ScheduledSend
from trusthabits.services import actions, focus, habits, nudge, scheduler

AMS, NYC = "Europe/Amsterdam", "America/New_York"


def tick(engine, now, push=None):
    ctx = scheduler.Context(now=now, base_url=BASE_URL, worker="test", push=push)
    return scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx)


def nudged(session, zone=AMS, at="08:30", days=("0", "1", "2", "3", "4", "5", "6"), email="ann@example.com",
           locale="en"):
    ann = manager(session, email=email, zone=zone, locale=locale)
    nudge.update_nudge(session, ann.id, enabled=True, time=at, days=list(days), now=LONG_AGO)
    return ann


def rows(session):
    return list(session.exec(select(ScheduledSend).where(ScheduledSend.kind == nudge.KIND),
                             execution_options={"populate_existing": True}))


def test_one_nudge_per_local_day_at_the_local_time_by_mail_without_push(engine, session):
    ann = nudged(session)
    due = local(AMS, 2026, 12, 2, 8, 30)
    tick(engine, due - timedelta(seconds=1))
    assert outbox(session, nudge.KIND) == []
    for minutes in (0, 1, 5, 600):
        tick(engine, due + timedelta(minutes=minutes))
    (mail,) = outbox(session, nudge.KIND)
    assert (mail.to_address, mail.created_at) == (ann.email, due)
    assert mail.subject == "Today: nothing logged yet. One small act of Empowerment?"
    assert mail.link == f"{BASE_URL}/?from=nudge"
    (row,) = rows(session)
    assert (row.period, row.status) == ("20261202", "done")
    # The next day brings the next one.
    tick(engine, due + timedelta(days=1))
    assert len(outbox(session, nudge.KIND)) == 2


def test_the_behaviour_in_focus_is_named_in_the_managers_language(engine, session):
    ann = nudged(session, locale="nl")
    focus.set_focus(session, ann.id, ["humility", "courage"])
    tick(engine, local(AMS, 2026, 12, 2, 8, 30))
    (mail,) = outbox(session, nudge.KIND)
    assert mail.subject == "Vandaag: nog niets vastgelegd. Eén kleine daad van Bescheidenheid?"


def test_never_on_a_logged_day_a_paused_day_or_a_day_off(engine, session):
    ann = nudged(session, days=("0", "1", "2", "3", "4"))  # Monday to Friday
    wednesday = local(AMS, 2026, 12, 2, 8, 30)
    actions.log_action(session, ann.id, "courage", now=wednesday - timedelta(hours=1))
    tick(engine, wednesday)
    habits.add_pause(session, ann.id, date(2026, 12, 3), date(2026, 12, 3))
    tick(engine, wednesday + timedelta(days=1))  # Thursday, paused
    tick(engine, wednesday + timedelta(days=3))  # Saturday, a day off
    assert outbox(session, nudge.KIND) == []
    assert sorted((r.period, r.status, r.note.split(" on ")[0]) for r in rows(session)) == [
        ("20261202", "skipped", "skipped: already logged"), ("20261203", "skipped", "skipped: paused")]
    tick(engine, wednesday + timedelta(days=5))  # Monday
    assert len(outbox(session, nudge.KIND)) == 1


def test_a_nudge_missed_during_downtime_goes_out_the_same_day_but_not_the_next(engine, session):
    nudged(session)
    tick(engine, local(AMS, 2026, 12, 2, 14, 0))  # down from 08:00 to 14:00: still today
    assert len(outbox(session, nudge.KIND)) == 1
    tick(engine, local(AMS, 2026, 12, 4, 0, 5))  # down all of Thursday: no nudge for it after midnight
    assert [r.period for r in rows(session)] == ["20261202"]


def test_a_nudge_set_after_todays_time_starts_tomorrow(engine, session):
    ann = manager(session)
    saved = local(AMS, 2026, 12, 2, 9, 0)
    nudge.update_nudge(session, ann.id, enabled=True, time="08:30", days=["2", "3"], now=saved)
    tick(engine, saved + timedelta(minutes=1))
    assert outbox(session, nudge.KIND) == []
    tick(engine, local(AMS, 2026, 12, 3, 8, 30))
    assert len(outbox(session, nudge.KIND)) == 1


# Europe changes on 29 March and 25 October 2026, New York on 8 March and 1 November.
@pytest.mark.parametrize("zone, day, utc_hour", [
    (AMS, (2026, 3, 28), 7), (AMS, (2026, 3, 29), 6), (AMS, (2026, 3, 30), 6),
    (AMS, (2026, 10, 24), 6), (AMS, (2026, 10, 25), 7), (AMS, (2026, 10, 26), 7),
    (NYC, (2026, 3, 7), 13), (NYC, (2026, 3, 8), 12), (NYC, (2026, 3, 9), 12),
    (NYC, (2026, 10, 31), 12), (NYC, (2026, 11, 1), 13), (NYC, (2026, 11, 2), 13),
])
def test_the_nudge_keeps_its_local_time_across_dst_changes(engine, session, zone, day, utc_hour):
    nudged(session, zone=zone)
    due = local(zone, *day, 8, 30)
    assert (due.hour, due.minute) == (utc_hour, 30)  # the test itself knows which offset applies
    tick(engine, due - timedelta(seconds=1))
    assert [r.period for r in rows(session)] != [rules.period_key(date(*day))]
    tick(engine, due)
    tick(engine, due + timedelta(hours=3))
    assert [m.created_at for m in outbox(session, nudge.KIND)][-1] == due
    assert [r.period for r in rows(session)].count(rules.period_key(date(*day))) == 1


def test_a_time_skipped_by_spring_forward_fires_once_after_the_gap_and_a_repeated_one_once(engine, session):
    nudged(session, at="02:30")
    tick(engine, local(AMS, 2026, 3, 29, 1, 59))
    for minute in range(0, 120, 10):  # 01:30 UTC is 03:30 CEST: 02:30 does not exist that night
        tick(engine, local(AMS, 2026, 3, 29, 3, 0) + timedelta(minutes=minute))
    assert [m.created_at.isoformat() for m in outbox(session, nudge.KIND)] == ["2026-03-29T01:30:00+00:00"]
    for minute in range(0, 240, 10):  # 02:30 happens twice on 25 October: one nudge, at the first
        tick(engine, local(AMS, 2026, 10, 25, 0, 0) + timedelta(minutes=minute))
    assert [m.created_at.isoformat() for m in outbox(session, nudge.KIND)][-1] == "2026-10-25T00:30:00+00:00"
    assert len(outbox(session, nudge.KIND)) == 2


@pytest.mark.parametrize("enabled, at, days, errors", [
    (True, "25:00", ["1"], {"nudge_time": "error.time_invalid"}),
    (True, "08:00", [], {"nudge_days": "error.nudge_days_none"}),
    (True, "08:00", ["7"], {"nudge_days": "error.nudge_days_invalid"}),
    (True, "08:00", ["12"], {"nudge_days": "error.nudge_days_invalid"}),
])
def test_bad_nudge_settings_are_refused(session, enabled, at, days, errors):
    ann = manager(session)
    with pytest.raises(FieldErrors) as refused:
        nudge.update_nudge(session, ann.id, enabled=enabled, time=at, days=days, now=LONG_AGO)
    assert refused.value.errors == errors
    assert nudge.get_nudge(session, ann.id).enabled is False


# --- Web Push ------------------------------------------------------------------------------


def _verify_vapid(headers: dict, endpoint_origin: str, public_key: str) -> None:
    """The Authorization header is `vapid t=<JWT>, k=<key>`: the key is the app's and the JWT
    is signed by it for this push service."""
    scheme, _, params = headers["authorization"].partition(" ")
    values = dict(part.strip().split("=", 1) for part in params.split(","))
    assert scheme == "vapid" and values["k"] == public_key
    head, claims, signature = values["t"].split(".")
    assert json.loads(unb64url(claims))["aud"] == endpoint_origin
    raw = unb64url(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(public_key))
    key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises when forged


def _subscribe(session, manager_id, endpoint, keys):
    nudge.save_subscription(session, manager_id, endpoint=endpoint, p256dh=keys.p256dh, auth=keys.auth_b64,
                            endpoint_refused=lambda url: webpush.endpoint_refused(url, True), now=LONG_AGO)


def test_the_push_sent_by_pywebpush_is_received_and_decrypted_by_a_push_service(engine, session, tmp_path):
    ann = nudged(session)
    focus.set_focus(session, ann.id, ["forgiveness"])
    keys = BrowserKeys()
    pusher = webpush.Pusher(tmp_path, "mailto:ops@example.com", allow_private=True)
    send = lambda target, payload: pusher(webpush.Subscription(target.endpoint, target.p256dh, target.auth),  # noqa: E731
                                          payload)
    with PushService() as service:
        _subscribe(session, ann.id, f"{service.url}/push/abc", keys)
        due = local(AMS, 2026, 12, 2, 8, 30)
        tick(engine, due, push=send)
        tick(engine, due + timedelta(minutes=1), push=send)
    (received,) = service.received
    assert received.path == "/push/abc"
    assert received.headers["content-encoding"] == "aes128gcm" and int(received.headers["ttl"]) > 0
    message = keys.decrypt(received.body)
    assert message == {"title": "TrustHabits", "body": "Today: nothing logged yet. One small act of Forgiveness?",
                       "url": "/?from=nudge", "tag": "nudge-20261202"}
    _verify_vapid(received.headers, service.url, webpush.public_key(tmp_path))
    assert b"Forgiveness" not in received.body  # encrypted on the wire
    assert outbox(session, nudge.KIND) == []  # pushed, so no mail
    (row,) = rows(session)
    assert row.note == "pushed to 1 device(s)"
    # Another key pair cannot read it.
    with pytest.raises(Exception):  # noqa: B017 - http_ece raises a bare exception type per failure
        BrowserKeys().decrypt(received.body)


def test_a_subscription_the_push_service_forgot_is_dropped_and_the_nudge_is_mailed(engine, session, tmp_path):
    ann = nudged(session)
    pusher = webpush.Pusher(tmp_path, "mailto:ops@example.com", allow_private=True)
    send = lambda target, payload: pusher(webpush.Subscription(target.endpoint, target.p256dh, target.auth),  # noqa: E731
                                          payload)
    with PushService(status=410) as service:
        _subscribe(session, ann.id, f"{service.url}/push/gone", BrowserKeys())
        tick(engine, local(AMS, 2026, 12, 2, 8, 30), push=send)
    assert len(service.received) == 1
    assert session.exec(select(PushSubscription)).all() == []
    assert len(outbox(session, nudge.KIND)) == 1


def test_a_redirect_from_the_push_service_is_not_followed(tmp_path):
    keys = BrowserKeys()
    with PushService() as inside, PushService(status=307) as outside:
        outside.location = f"{inside.url}/internal"
        pusher = webpush.Pusher(tmp_path, "mailto:ops@example.com", allow_private=True)
        outcome = pusher(webpush.Subscription(f"{outside.url}/push/x", keys.p256dh, keys.auth_b64), {"t": "x"})
    assert outcome == webpush.FAILED
    assert len(outside.received) == 1 and inside.received == []


def test_in_production_a_loopback_endpoint_is_refused_before_any_request(tmp_path):
    keys = BrowserKeys()
    with PushService() as service:
        pusher = webpush.Pusher(tmp_path, "mailto:ops@example.com", allow_private=False)
        outcome = pusher(webpush.Subscription(f"{service.url}/push/x", keys.p256dh, keys.auth_b64), {"t": "x"})
    assert outcome == webpush.REFUSED and service.received == []


@pytest.mark.parametrize("endpoint", [
    "http://push.example.com/x",  # not https
    "https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.1.1/x", "https://169.254.169.254/latest",
    "https://[::1]/x", "https://[::ffff:127.0.0.1]/x", "https://localhost/x", "https://printer.local/x",
    "https://user:pw@push.example.com/x", "https://push.example.com/x#frag", "ftp://push.example.com/x",
    "https://push.example.com/" + "a" * 1100, "https://push.example.com/\u00e9", "https://push.example.com/a b",
    "", "https://", "javascript:alert(1)",
])
def test_hostile_endpoints_are_refused_in_production(endpoint):
    assert push_rules.endpoint_error(endpoint, allow_private=False) == "error.push_endpoint"


def test_a_host_that_resolves_to_a_private_address_is_refused():
    assert push_rules.addresses_error(["10.0.0.5"], allow_private=False) == "error.push_endpoint"
    assert push_rules.addresses_error(["142.250.1.1", "127.0.0.1"], allow_private=False) == "error.push_endpoint"
    assert push_rules.addresses_error([], allow_private=False) == "error.push_endpoint"
    assert push_rules.addresses_error(["142.250.1.1"], allow_private=False) is None
    assert push_rules.endpoint_error("https://fcm.googleapis.com/fcm/send/abc:def", allow_private=False) is None
    # localhost resolves to loopback: refused after resolution too
    assert webpush.endpoint_refused("https://localhost.example.invalid/x", False) == "error.push_endpoint"


def test_subscriptions_are_validated_bounded_and_scoped(session):
    ann, bob = manager(session), manager(session, email="bob@example.com")
    keys = BrowserKeys()
    allow = lambda url: None  # noqa: E731 - addresses are checked in the tests above
    for bad_keys in [("", keys.auth_b64), (keys.p256dh, ""), (keys.p256dh[:-4], keys.auth_b64),
                     ("A" * 87, keys.auth_b64), (keys.p256dh, keys.auth_b64 + "AAAA"), ("%%%", "***")]:
        with pytest.raises(FieldErrors) as refused:
            nudge.save_subscription(session, ann.id, endpoint="https://push.example.com/1", p256dh=bad_keys[0],
                                    auth=bad_keys[1], endpoint_refused=allow, now=LONG_AGO)
        assert refused.value.errors == {"push": "error.push_keys"}
    with pytest.raises(FieldErrors):
        nudge.save_subscription(session, ann.id, endpoint="https://push.example.com/" + "a" * 2000,
                                p256dh=keys.p256dh, auth=keys.auth_b64, endpoint_refused=allow, now=LONG_AGO)
    with pytest.raises(FieldErrors):
        nudge.save_subscription(session, ann.id, endpoint="https://10.0.0.1/x", p256dh=keys.p256dh,
                                auth=keys.auth_b64, now=LONG_AGO,
                                endpoint_refused=lambda url: webpush.endpoint_refused(url, False))
    for n in range(push_rules.MAX_SUBSCRIPTIONS + 3):
        nudge.save_subscription(session, ann.id, endpoint=f"https://push.example.com/{n}", p256dh=keys.p256dh,
                                auth=keys.auth_b64, endpoint_refused=allow, now=LONG_AGO + timedelta(minutes=n))
    assert nudge.get_nudge(session, ann.id).devices == push_rules.MAX_SUBSCRIPTIONS
    nudge.remove_subscription(session, bob.id, "https://push.example.com/12")  # not Bob's: nothing happens
    assert nudge.get_nudge(session, ann.id).devices == push_rules.MAX_SUBSCRIPTIONS
    nudge.remove_subscription(session, ann.id, "https://push.example.com/12")
    assert nudge.get_nudge(session, ann.id).devices == push_rules.MAX_SUBSCRIPTIONS - 1


def test_laptop_mode_a_nudge_set_a_minute_ahead_is_in_the_outbox_at_that_minute(engine, session):
    from trusthabits.services import mail

    ann = manager(session)
    saved = local(AMS, 2026, 12, 2, 10, 14, 20)
    nudge.update_nudge(session, ann.id, enabled=True, time="10:15", days=["2"], now=saved)
    tick(engine, saved + timedelta(seconds=30))
    def nudges():
        return [m for m in mail.list_outbox(session, ann.id, include_links=True) if m.subject.startswith("Today")]
    assert nudges() == []
    tick(engine, local(AMS, 2026, 12, 2, 10, 15, 0))
    (item,) = nudges()
    assert item.subject == "Today: nothing logged yet. One small act of Empowerment?"
    assert item.link == f"{BASE_URL}/?from=nudge" and item.created_at == local(AMS, 2026, 12, 2, 10, 15, 0)


def test_two_schedulers_at_once_send_one_nudge(engine, session):
    nudged(session)
    due = local(AMS, 2026, 12, 2, 8, 30)
    for worker in ("one", "two", "one"):
        ctx = scheduler.Context(now=due, base_url=BASE_URL, worker=worker)
        scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx)
    assert len(outbox(session, nudge.KIND)) == 1 and len(rows(session)) == 1
