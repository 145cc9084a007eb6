"""The daily nudge: its settings, the browsers that receive it (Web Push subscriptions), which
nudges fall due, and delivering one.

One `scheduled_send` row per manager and local day (kind `daily_nudge`, period YYYYMMDD) makes
a nudge happen once. It is never sent on a day the manager already logged something or that a
pause covers, nor once that local day is over. It goes by Web Push to every browser the manager
allowed notifications in; when there is none, or none took it, by mail (the Outbox in laptop
mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from trusthabits.adapters import webpush
from trusthabits.core import behaviours, push_rules
from trusthabits.core import nudge as rules
from trusthabits.core.calendar import format_time, local_day, parse_time, week_days
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.core.i18n import translate
from trusthabits.db.models import ActionLog, HabitPause, HabitPrefs, Manager, PushSubscription
from trusthabits.db.rows import required, stored_id
from trusthabits.services import focus, mail

KIND = rules.NUDGE_KIND
# Push outcomes (adapters/webpush.py answers with these).
SENT, GONE = "sent", "gone"
# Consecutive failures after which a subscription is dropped.
MAX_FAILURES = 5


class Skipped(Exception):
    """This nudge is not sent (already logged, paused, turned off, the day is over)."""


@dataclass(frozen=True)
class NudgeForm:
    enabled: bool
    time: str
    days: list[int]
    zone: str
    devices: int


@dataclass(frozen=True)
class PushTarget:
    endpoint: str
    p256dh: str
    auth: str


# (subscription, payload) → SENT, GONE or another outcome
Push = Callable[[PushTarget, dict[str, str]], str]


def get_nudge(session: Session, manager_id: int) -> NudgeForm:
    row = focus.prefs(session, manager_id)
    manager = required(session, Manager, manager_id)
    devices = session.exec(select(func.count()).select_from(PushSubscription)
                           .where(PushSubscription.manager_id == manager_id)).one()
    return NudgeForm(bool(row.nudge_time), row.nudge_time or "09:00", list(rules.parse_days(row.nudge_days)),
                     manager.time_zone, devices)


def update_nudge(session: Session, manager_id: int, *, enabled: bool, time: str, days: list[str],
                 now: datetime) -> NudgeForm:
    """Turn the nudge on at a local time on some weekdays, or off. A changed nudge never fires
    for a moment before it was saved."""
    manager = required(session, Manager, manager_id)
    valid = rules.validate(enabled, time, days, manager.time_zone)
    row = focus.prefs(session, manager_id)
    if valid is None:
        row.nudge_time = ""
    else:
        row.nudge_time, row.nudge_days = format_time(valid.at), rules.join_days(valid.days)
    row.nudge_since = now
    session.add(row)
    session.commit()
    return get_nudge(session, manager_id)


def schedule_of(prefs: HabitPrefs, zone: str) -> rules.DailySchedule | None:
    if not prefs.nudge_time:
        return None
    try:
        return rules.DailySchedule(rules.parse_days(prefs.nudge_days), parse_time(prefs.nudge_time), zone)
    except ValueError:
        return None


def next_nudge(session: Session, manager_id: int, now: datetime) -> datetime | None:
    manager = required(session, Manager, manager_id)
    schedule = schedule_of(focus.prefs(session, manager_id), manager.time_zone)
    found = schedule.next_after(now) if schedule else None
    return found[1] if found else None


# --- subscriptions --------------------------------------------------------------------------


def save_subscription(session: Session, manager_id: int, *, endpoint: str, p256dh: str, auth: str,
                      endpoint_refused: Callable[[str], str | None], now: datetime) -> int:
    """Store (or re-assign to this manager) a browser's push subscription. `endpoint_refused`
    checks the URL and the addresses its host resolves to. Keeps the newest MAX_SUBSCRIPTIONS."""
    if key := push_rules.endpoint_error(endpoint, allow_private=True) or push_rules.keys_error(p256dh, auth):
        raise FieldErrors({"push": key})
    if key := endpoint_refused(endpoint):
        raise FieldErrors({"push": key})
    row = session.exec(select(PushSubscription).where(PushSubscription.endpoint == endpoint)).first()
    if row is None:
        row = PushSubscription(manager_id=manager_id, endpoint=endpoint, p256dh=p256dh, auth=auth, created_at=now)
    else:  # the same browser, maybe signed in as someone else now: it belongs to the latest
        row.manager_id, row.p256dh, row.auth, row.failures, row.created_at = manager_id, p256dh, auth, 0, now
    session.add(row)
    session.commit()
    rows = session.exec(select(PushSubscription).where(PushSubscription.manager_id == manager_id)
                        .order_by(col(PushSubscription.created_at).desc(), col(PushSubscription.id).desc())).all()
    for old in rows[push_rules.MAX_SUBSCRIPTIONS:]:
        session.delete(old)
    session.commit()
    return stored_id(row)


def remove_subscription(session: Session, manager_id: int, endpoint: str) -> None:
    row = session.exec(select(PushSubscription).where(PushSubscription.endpoint == endpoint,
                                                      PushSubscription.manager_id == manager_id)).first()
    if row is not None:
        session.delete(row)
        session.commit()


# --- what is due ----------------------------------------------------------------------------


def wanted(session: Session, now: datetime) -> list[tuple[str, int, str, datetime]]:
    """(kind, manager, period, due) for every nudge's latest occurrence since it was saved."""
    found = []
    rows = session.exec(select(HabitPrefs, Manager.time_zone)
                        .join(Manager, col(Manager.id) == col(HabitPrefs.manager_id))
                        .where(HabitPrefs.nudge_time != "")).all()
    for prefs, zone in rows:
        schedule = schedule_of(prefs, zone)
        latest = schedule.latest_at_or_before(now) if schedule else None
        if latest is None:
            continue
        day, due = latest
        if prefs.nudge_since is not None and due < prefs.nudge_since:
            continue
        if local_day(now, zone) != day:
            continue  # that day is over: a nudge for it means nothing now
        found.append((KIND, prefs.manager_id, rules.period_key(day), due))
    return found


def _logged_on(session: Session, manager_id: int, day: date) -> bool:
    return session.exec(select(ActionLog.id).where(ActionLog.manager_id == manager_id, ActionLog.day == day)
                        ).first() is not None


def _paused_on(session: Session, manager_id: int, day: date) -> bool:
    return session.exec(select(HabitPause.id).where(HabitPause.manager_id == manager_id, HabitPause.start <= day,
                                                    HabitPause.end >= day)).first() is not None


def behaviour_to_suggest(session: Session, manager_id: int, day: date) -> str:
    """The first behaviour in focus; without a focus, the first on Today not yet practised this
    week (else the first on Today)."""
    chosen = focus.get_focus(session, manager_id)
    if chosen.focus:
        return chosen.focus[0]
    days = week_days(day)
    practised = set(session.exec(select(ActionLog.behaviour).where(
        ActionLog.manager_id == manager_id, ActionLog.day >= days[0], ActionLog.day <= days[-1])).all())
    order = chosen.order or list(behaviours.KEYS)
    return next((key for key in order if key not in practised), order[0])


def message(session: Session, manager: Manager, day: date) -> tuple[str, str]:
    """(title, text) in the manager's language."""
    key = behaviour_to_suggest(session, stored_id(manager), day)
    name = translate(f"behaviour.{key}.name", manager.locale)
    return translate("app.name", manager.locale), translate("nudge.text", manager.locale, behaviour=name)


def today_link(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/?from=nudge"


def deliver(session: Session, manager_id: int, period: str, *, now: datetime, base_url: str, push: Push | None,
            log_link: bool = False) -> str:
    """Send one nudge, or raise Skipped. Does not commit the mail it queues (the caller commits
    it together with the scheduled row)."""
    manager = required(session, Manager, manager_id)
    prefs = focus.prefs(session, manager_id)
    day = rules.parse_period(period)
    if not prefs.nudge_time:
        raise Skipped("the nudge was turned off")
    if local_day(now, manager.time_zone) != day:
        raise Skipped(f"day {period} is over")
    if _logged_on(session, manager_id, day):
        raise Skipped(f"already logged on {period}")
    if _paused_on(session, manager_id, day):
        raise Skipped(f"paused on {period}")
    title, text = message(session, manager, day)
    link = today_link(base_url)
    pushed = 0
    if push is not None:
        targets = session.exec(select(PushSubscription).where(PushSubscription.manager_id == manager_id)).all()
        for target in targets:
            outcome = push(PushTarget(target.endpoint, target.p256dh, target.auth),
                           {"title": title, "body": text, "url": "/?from=nudge", "tag": f"nudge-{period}"})
            if outcome == SENT:
                pushed += 1
                target.failures = 0
                session.add(target)
            elif outcome == GONE or target.failures + 1 >= MAX_FAILURES:
                session.delete(target)
            else:
                target.failures += 1
                session.add(target)
    if pushed:
        return f"pushed to {pushed} device(s)"
    try:
        mail.queue(session, key=f"{KIND}:{manager_id}:{period}", manager_id=manager_id, kind=KIND, to=manager.email,
                   subject=text, body=translate("nudge.mail_body", manager.locale, name=manager.name, text=text,
                                                link=link),
                   link=link, now=now, log_link=log_link)
    except Refused as refused:  # pragma: no cover - own-address mail has no daily limit
        raise Skipped(refused.key) from None
    return "mailed"


def application_server_key(data_dir: Path) -> str:
    """The public VAPID key a browser subscribes with."""
    return webpush.public_key(data_dir)


def subscribe(session: Session, manager_id: int, *, endpoint: str, p256dh: str, auth: str, allow_private: bool,
              now: datetime) -> int:
    """Store this browser's subscription after checking its endpoint, resolved (adapters/webpush.py)."""
    return save_subscription(session, manager_id, endpoint=endpoint, p256dh=p256dh, auth=auth, now=now,
                             endpoint_refused=lambda url: webpush.endpoint_refused(url, allow_private))
