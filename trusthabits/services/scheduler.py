"""The scheduling engine: one `tick` decides what is due and does it, exactly once.

The database is the source of truth. Each tick (1) creates the missing `ScheduledSend` rows
for the latest occurrence of every team's and manager's schedule (UNIQUE on kind, target and
ISO week, so creating them twice is harmless), (2) claims due rows with a conditional UPDATE
(only one worker wins; a claim whose worker is gone is taken over at once, see
`take_over_from_the_gone`, or else after the lease), (3) does the
work and marks the row done in the same transaction, and (4) drains the outbox. The work itself
is idempotent too (one round per team-week, one invitation per member, one outbox row per
idempotency key), so even two overlapping schedulers send each message once. Catch-up after
downtime falls out of this: a due row is simply still pending when the scheduler comes back;
it is sent if its round is still open and skipped (and logged) if not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from trusthabits.adapters import metrics, webpush
from trusthabits.adapters.leader import ProcessLocks
from trusthabits.config import DEFAULT_MAIL_FROM, Settings
from trusthabits.core import clock, schedule_rules
from trusthabits.core.calendar import WeeklySchedule, parse_time
from trusthabits.core.i18n import translate
from trusthabits.db.engine import new_session
from trusthabits.db.models import (
    Invitation,
    Manager,
    Member,
    PulseRound,
    ScheduledSend,
    Team,
)
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, maintenance, nudge, operations, pulse_rounds, security, unsubscribe

log = logging.getLogger("trusthabits.scheduler")

PENDING, CLAIMED, DONE, SKIPPED = "pending", "claimed", "done", "skipped"
# Longer than any tick's work: a claim whose worker cannot be checked lapses after it.
LEASE = timedelta(minutes=5)
CLAIM_BATCH = 100
PROMPT_KIND = "reflect_prompt"
REMIND_KIND = mail.PRIVATE_KINDS[0]


@dataclass(frozen=True)
class Context:
    now: datetime
    base_url: str
    worker: str
    log_links: bool = False
    # Reminders need a mail server: handing them out by hand would tell the manager who has
    # not answered yet.
    can_mail: bool = True
    lease: timedelta = LEASE
    # Tells whether the process of that name is gone (adapters/leader.py: presence locks).
    # Without it, claims of dead workers are taken over only when their lease ends.
    is_gone: Callable[[str], bool] | None = None
    # Runs between claiming outbox mail and sending it (the exactly-once test stops a process there).
    after_claim: Callable[[int], None] | None = None
    # Sends one Web Push message (adapters/webpush.py); None: nudges go by mail.
    push: nudge.Push | None = None


@dataclass
class TickReport:
    created: int = 0
    done: int = 0
    skipped: int = 0
    sent: int = 0
    taken_over: int = 0
    notes: list[str] = field(default_factory=list)


def team_schedule(team: Team) -> schedule_rules.PulseSchedule:
    return schedule_rules.PulseSchedule(team.pulse_weekday, parse_time(team.pulse_time), team.time_zone,
                                team.reminder_hours, team.close_after_days)


def reflection_schedule(manager: Manager) -> WeeklySchedule:
    return WeeklySchedule(manager.reflect_weekday, parse_time(manager.reflect_time), manager.time_zone)


# --- 1. what is due -------------------------------------------------------------------------


def plan(session: Session, now: datetime) -> int:
    """Create the rows for every schedule's latest occurrence; returns how many were new."""
    wanted: list[tuple[str, int, str, datetime]] = []
    for team in session.exec(select(Team)):
        schedule = team_schedule(team)
        week, opens = schedule.weekly.latest_at_or_before(now)
        if opens < (team.pulse_since or team.created_at):
            continue  # a new or changed schedule does not fire for a moment before it existed
        wanted.append((schedule_rules.PULSE_OPEN, stored_id(team), week, opens))
        if (reminder := schedule.reminder_due(opens)) is not None:
            wanted.append((schedule_rules.PULSE_REMIND, stored_id(team), week, reminder))
        wanted.append((schedule_rules.PULSE_CLOSE, stored_id(team), week, schedule.closes(opens)))
    for manager in session.exec(select(Manager)):
        week, due = reflection_schedule(manager).latest_at_or_before(now)
        if due >= (manager.reflect_since or manager.created_at):
            wanted.append((schedule_rules.REFLECT_PROMPT, stored_id(manager), week, due))
    wanted.extend(nudge.wanted(session, now))
    return _insert_missing(session, wanted)


def _insert_missing(session: Session, wanted: list[tuple[str, int, str, datetime]]) -> int:
    if not wanted:
        return 0
    periods = {period for _, _, period, _ in wanted}
    existing = set(session.exec(
        select(col(ScheduledSend.kind), col(ScheduledSend.target_id), col(ScheduledSend.period))
        .where(col(ScheduledSend.period).in_(periods))
    ).all())
    missing = [row for row in wanted if row[:3] not in existing]
    if not missing:
        return 0
    try:
        session.add_all(ScheduledSend(kind=k, target_id=t, period=p, due_at=d) for k, t, p, d in missing)
        session.commit()
        return len(missing)
    except IntegrityError:  # another worker inserted some of them first: add the rest one by one
        session.rollback()
    created = 0
    for kind, target, period, due in missing:
        try:
            session.add(ScheduledSend(kind=kind, target_id=target, period=period, due_at=due))
            session.commit()
            created += 1
        except IntegrityError:
            session.rollback()
    return created


# --- 2. claiming ----------------------------------------------------------------------------


def _claimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return or_(col(ScheduledSend.status) == PENDING,
               and_(col(ScheduledSend.status) == CLAIMED, col(ScheduledSend.claimed_at) < now - lease))


def take_over_from_the_gone(session: Session, ctx: Context) -> int:
    """Rows claimed by a worker that is gone (a SIGKILLed leader) go back to pending at once:
    whoever can take a worker's presence lock has proof it no longer works on them."""
    if ctx.is_gone is None:
        return 0
    holders = session.exec(
        select(ScheduledSend.claimed_by).where(col(ScheduledSend.status) == CLAIMED).distinct()
    ).all()
    returned = 0
    for holder in holders:
        if holder and holder != ctx.worker and ctx.is_gone(holder):
            result = session.execute(
                update(ScheduledSend)
                .where(col(ScheduledSend.status) == CLAIMED, col(ScheduledSend.claimed_by) == holder)
                .values(status=PENDING, claimed_at=None, claimed_by="")
            )
            returned += result.rowcount if isinstance(result, CursorResult) else 0
    session.commit()
    if returned:
        log.warning("took over %d scheduled send(s) from worker(s) that are gone", returned)
    return returned


def claim_due(session: Session, ctx: Context) -> list[int]:
    candidates = session.exec(
        select(ScheduledSend.id).where(col(ScheduledSend.due_at) <= ctx.now, _claimable(ctx.now, ctx.lease))
        .order_by(col(ScheduledSend.due_at)).limit(CLAIM_BATCH)
    ).all()
    claimed: list[int] = []
    for row_id in candidates:
        if row_id is None:
            continue
        # The condition is re-checked inside the UPDATE: if another worker won, rowcount is 0.
        result = session.execute(
            update(ScheduledSend).where(col(ScheduledSend.id) == row_id, _claimable(ctx.now, ctx.lease))
            .values(status=CLAIMED, claimed_at=ctx.now, claimed_by=ctx.worker[:80])
        )
        session.commit()
        if isinstance(result, CursorResult) and result.rowcount == 1:
            claimed.append(row_id)
    return claimed


# --- 3. doing the work ----------------------------------------------------------------------


class Skip(Exception):
    """The send is no longer meaningful (its round is over); recorded and logged, not sent."""


def _open_round(session: Session, row: ScheduledSend, ctx: Context) -> str:
    team = required(session, Team, row.target_id)
    closes = team_schedule(team).closes(row.due_at)
    if ctx.now >= closes:
        raise Skip(f"round {row.period} ended at {closes.isoformat()}")
    existing = pulse_rounds.round_of(session, stored_id(team), row.period)
    if existing is not None:
        if pulse_rounds.is_closed(existing, ctx.now):
            raise Skip(f"round {row.period} was already closed")
        return "already open (its invitation list was fixed when it opened)"
    if session.exec(select(Member.id).where(*pulse_rounds.mail_recipients(stored_id(team)))).first() is None:
        raise Skip("no members to invite")
    # Without a mail server the manager hands the links out: the round (and its answer page) says so.
    pulse_round = pulse_rounds.open_round(session, team, row.period, ctx.now, closes, by_hand=not ctx.can_mail)
    try:
        invited = pulse_rounds.invite_members(session, team, pulse_round, ctx.now, ctx.base_url)
    except mail.DailyLimitReached as full:
        raise Skip(f"daily mail limit: {full.wanted} invitations, {full.left} of {full.limit} left") from None
    return f"invited {invited}"


def _current_round(session: Session, row: ScheduledSend, ctx: Context) -> tuple[Team, PulseRound]:
    team = required(session, Team, row.target_id)
    pulse_round = session.exec(
        select(PulseRound).where(PulseRound.team_id == team.id, PulseRound.iso_week == row.period)
    ).first()
    if pulse_round is None:
        raise Skip(f"no round {row.period}")
    return team, pulse_round


def _remind(session: Session, row: ScheduledSend, ctx: Context) -> str:
    """Remind from invitation state alone (unused, not yet reminded): nothing here tells the
    manager who answered. The stored token is a hash, so the reminder carries a fresh link and
    the first one stops working."""
    if not ctx.can_mail:
        raise Skip("no mail server: reminders go by mail only")
    team, pulse_round = _current_round(session, row, ctx)
    if pulse_rounds.is_closed(pulse_round, ctx.now):
        raise Skip(f"round {row.period} is closed")
    pending = session.exec(
        select(Invitation, Member).join(Member, col(Member.id) == col(Invitation.member_id))
        .where(Invitation.round_id == pulse_round.id, col(Invitation.used).is_(False),
               col(Invitation.reminded).is_(False), *pulse_rounds.mail_recipients(stored_id(team)))
    ).all()
    try:
        mail.ensure_room(session, team.manager_id, len(pending), ctx.now)
    except mail.DailyLimitReached as full:
        raise Skip(f"daily mail limit: {full.wanted} reminders, {full.left} of {full.limit} left") from None
    closes = pulse_rounds.local_time_text(pulse_round.closes_at, team.time_zone)
    manager_name = required(session, Manager, team.manager_id).name
    for invitation, member in pending:
        token = security.new_token()
        invitation.token_hash, invitation.reminded = security.hash_token(token), True
        session.add(invitation)
        link = pulse_rounds.pulse_link(ctx.base_url, token)
        mail.queue(session, key=f"{REMIND_KIND}:{pulse_round.id}:{member.id}", manager_id=team.manager_id,
                   kind=REMIND_KIND, to=member.email, link=link, now=ctx.now,
                   subject=translate("mail.reminder_subject", team.language, manager=manager_name),
                   body=translate("mail.reminder_body", team.language, manager=manager_name, team=team.name,
                                  link=link, closes=closes) + unsubscribe.footer(session, member, team.language))
    return f"reminded {len(pending)}"


def _close(session: Session, row: ScheduledSend, ctx: Context) -> str:
    _, pulse_round = _current_round(session, row, ctx)
    if pulse_round.closed_at is None:
        # The closing transaction: held answers become the round's responses, shuffled.
        pulse_rounds.finalize(session, stored_id(pulse_round), min(ctx.now, pulse_round.closes_at))
    return "closed"


def reflect_link(base_url: str, week: str) -> str:
    return f"{base_url.rstrip('/')}/reflect/{week}"


def _prompt(session: Session, row: ScheduledSend, ctx: Context) -> str:
    if ctx.now >= row.due_at + timedelta(weeks=1):
        raise Skip(f"prompt {row.period} is a week late")
    manager = required(session, Manager, row.target_id)
    link = reflect_link(ctx.base_url, row.period)
    mail.queue(session, key=f"{PROMPT_KIND}:{manager.id}:{row.period}", manager_id=stored_id(manager), kind=PROMPT_KIND,
               to=manager.email, link=link, now=ctx.now, log_link=ctx.log_links,
               subject=translate("mail.reflect_subject", manager.locale),
               body=translate("mail.reflect_body", manager.locale, name=manager.name, link=link))
    return "queued"


def _nudge(session: Session, row: ScheduledSend, ctx: Context) -> str:
    try:
        return nudge.deliver(session, row.target_id, row.period, now=ctx.now, base_url=ctx.base_url, push=ctx.push,
                             log_link=ctx.log_links)
    except nudge.Skipped as skipped:
        raise Skip(str(skipped)) from None


HANDLERS: dict[str, Callable[[Session, ScheduledSend, Context], str]] = {
    schedule_rules.PULSE_OPEN: _open_round, schedule_rules.PULSE_REMIND: _remind,
    schedule_rules.PULSE_CLOSE: _close, schedule_rules.REFLECT_PROMPT: _prompt,
    nudge.KIND: _nudge,
}


def process(session: Session, row_id: int, ctx: Context, report: TickReport) -> None:
    row = session.get(ScheduledSend, row_id, populate_existing=True)
    if row is None:
        return  # gone since it was claimed (a test or an operator removed it): nothing to do
    try:
        note, status = HANDLERS[row.kind](session, row, ctx), DONE
    except Skip as skip:
        session.rollback()
        row = required(session, ScheduledSend, row_id)
        note, status = f"skipped: {skip}", SKIPPED
        log.warning("skipped %s for %s %s: %s", row.kind, row.target_id, row.period, skip)
    # The work and the row's new status commit together: both happen or neither.
    row.status, row.done_at, row.note = status, ctx.now, note[:300]
    session.add(row)
    session.commit()
    if status == DONE:
        report.done += 1
        log.info("%s for %s %s: %s", row.kind, row.target_id, row.period, note)
    else:
        report.skipped += 1
    report.notes.append(f"{row.kind}:{row.target_id}:{row.period}:{status}")


# --- the tick -------------------------------------------------------------------------------


def tick(open_session: Callable[[], Session], ctx: Context, smtp_url: str | None = None,
         mail_from: str = DEFAULT_MAIL_FROM, send_mail: bool = True) -> TickReport:
    report = TickReport()
    with open_session() as session:
        report.taken_over = take_over_from_the_gone(session, ctx)
        report.created = plan(session, ctx.now)
        while claimed := claim_due(session, ctx):  # batch by batch until nothing due is left
            for row_id in claimed:
                try:
                    process(session, row_id, ctx, report)
                except Exception:  # noqa: BLE001 - the claim lapses after LEASE and another tick retries
                    session.rollback()
                    log.exception("scheduled send %s failed; it is retried after the lease", row_id)
        # Rounds sent by hand close at their own time, not at the schedule's.
        if closed := pulse_rounds.close_due(session, ctx.now):
            log.info("closed %d round(s) at their closing time", closed)
    if send_mail and smtp_url:
        with open_session() as session:
            if ctx.is_gone is not None:
                report.taken_over += mail.take_over_from_the_gone(session, ctx.is_gone, ctx.now)
            while (sent := mail.deliver_due(session, smtp_url, ctx.now, mail_from, after_claim=ctx.after_claim,
                                            worker=ctx.worker, lease=ctx.lease)) > 0:
                report.sent += sent
    return report


_PUSHERS: dict[tuple[str, str, bool], nudge.Push] = {}


def pusher(settings: Settings) -> nudge.Push:
    """The Web Push sender for these settings (its VAPID key is read or created once)."""
    key = (str(settings.data_dir), settings.mail_from, settings.push_private_endpoints)
    if key not in _PUSHERS:
        send = webpush.Pusher(settings.data_dir, f"mailto:{parseaddr(settings.mail_from)[1] or settings.mail_from}",
                              settings.push_private_endpoints)
        _PUSHERS[key] = lambda target, payload: send(
            webpush.Subscription(target.endpoint, target.p256dh, target.auth), payload)
    return _PUSHERS[key]


def run_tick(settings: Settings, locks: ProcessLocks, *,
             after_claim: Callable[[int], None] | None = None) -> TickReport:
    """One tick at the clock's now, set up from the settings, as the process holding `locks`:
    what the leader's heartbeat and `trusthabits scheduler --once` run."""
    locks.hold_presence()  # claims are made only while this process's presence lock is held
    ctx = Context(now=clock.now(), base_url=settings.base_url, worker=locks.name,
                  log_links=not settings.smtp_url, can_mail=bool(settings.smtp_url),
                  lease=timedelta(seconds=settings.claim_lease_seconds), is_gone=locks.is_gone,
                  after_claim=after_claim, push=pusher(settings))
    with metrics.timed_tick():
        report = tick(new_session, ctx, settings.smtp_url, settings.mail_from, settings.mail_sender_enabled)
        with new_session() as session:
            operations.record_tick(session, locks.name, ctx.now)
            maintenance.run_daily(session, settings, ctx.now)
    if report.done or report.skipped or report.sent or report.taken_over:
        log.info("tick: %d done, %d skipped, %d mail(s) sent, %d claim(s) taken over",
                 report.done, report.skipped, report.sent, report.taken_over)
    return report
