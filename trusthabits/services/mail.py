"""The mail outbox: every message is queued as a row first; a sender delivers it later.

Event handlers only call `queue` (a database write). `deliver_due` does the SMTP work and runs
in the scheduler's tick or in `trusthabits sender` processes (`deliver_round`), never inside a
request. Without `SMTP_URL` messages simply stay queued: the Outbox page lists them with their
links, so the whole loop works on a laptop. Logs never name a team member or carry a member's
link (`_log_queued`). After a message is sent its link, which carries a single-use token, is
removed from the stored copy.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from trusthabits.adapters import metrics, smtp
from trusthabits.adapters.leader import ProcessLocks
from trusthabits.config import DEFAULT_MAIL_FROM, Settings, get_settings
from trusthabits.core import clock
from trusthabits.core.errors import Refused
from trusthabits.db.engine import new_session
from trusthabits.db.models import Manager, OutboxMessage
from trusthabits.db.rows import stored_id

log = logging.getLogger("trusthabits.mail")

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
# Who gets a reminder is who has not answered: such mail is never listed to the manager.
PRIVATE_KINDS = ("pulse_reminder",)
# Mail to the manager's own address about the account itself (confirm it, reset the password):
# sent even before the address is confirmed, never counted against the daily limit, never
# listed in the Outbox.
ACCOUNT_KINDS = ("confirm_email", "password_reset")
# Also to the manager's own address: not counted against the daily limit.
OWN_ADDRESS_KINDS = (*ACCOUNT_KINDS, "reflect_prompt", "daily_nudge")
DAY = timedelta(days=1)
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)
# A claimed message whose sender cannot be checked is tried again after this long
# (TRUSTHABITS_CLAIM_LEASE_S; at-least-once then).
CLAIM_TIMEOUT = timedelta(minutes=5)
BATCH_SIZE = 200  # one SMTP connection per batch
LINK_REMOVED = "(link removed after sending)"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    to: str
    subject: str
    status: str
    attempts: int
    last_error: str
    link: str
    created_at: datetime


def queue(
    session: Session, *, key: str, manager_id: int, kind: str, to: str, subject: str, body: str,
    link: str, now: datetime, log_link: bool = False,
) -> bool:
    """Add a message unless one with this idempotency key exists. Does not commit: the caller
    commits it together with whatever caused it. Returns whether a message was added."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)).first():
        return False
    session.add(OutboxMessage(
        idempotency_key=key, manager_id=manager_id, kind=kind, to_address=to, subject=subject,
        body=body, link=link, status=QUEUED, next_attempt_at=now, created_at=now,
    ))
    _log_queued(kind, to, link if log_link else "")
    return True


def _log_queued(kind: str, to: str, link: str) -> None:
    """Mail to the manager's own address may be logged with it (and, without SMTP, with its
    link: that is how a laptop user finds a password-reset link). Mail to a team member never
    names the member, a link or a token in a log: "queued pulse_reminder to <address>" would say
    who had not answered yet. Without SMTP the Outbox page hands the links out instead."""
    if kind in OWN_ADDRESS_KINDS:
        log.info("queued %s mail to %s%s", kind, to, f": {link}" if link else "")
    else:
        log.debug("queued %s mail", kind)


class DailyLimitReached(Refused):
    """Queuing `wanted` more messages would pass the manager's mails-per-day limit."""

    def __init__(self, wanted: int, left: int, limit: int):
        super().__init__("error.mail_limit", wanted, left, limit)
        self.wanted, self.left, self.limit = wanted, left, limit


def sent_today(session: Session, manager_id: int, now: datetime) -> int:
    """Messages queued on this manager's behalf in the last 24 hours (own-address mail aside)."""
    return session.exec(
        select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.manager_id == manager_id, OutboxMessage.created_at > now - DAY,
            col(OutboxMessage.kind).not_in(OWN_ADDRESS_KINDS))
    ).one()


def ensure_room(session: Session, manager_id: int, wanted: int, now: datetime) -> None:
    """Raise DailyLimitReached unless `wanted` more messages fit in the manager's day. Callers
    that queue many messages check first, so a send goes out whole or not at all."""
    limit = get_settings().max_mails_per_day
    left = max(limit - sent_today(session, manager_id, now), 0)
    if wanted > left:
        raise DailyLimitReached(wanted, left, limit)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … doubling after each failed attempt, at most an hour."""
    delay: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY)


def _sendable() -> ColumnElement[bool]:
    """Mail on behalf of a manager whose address is not confirmed waits in the queue (only the
    account's own mail, such as the confirmation link, goes)."""
    confirmed = select(col(Manager.id)).where(col(Manager.email_verified_at).is_not(None))
    return or_(col(OutboxMessage.kind).in_(ACCOUNT_KINDS), col(OutboxMessage.manager_id).in_(confirmed))


def _claim_due(session: Session, now: datetime, worker: str, lease: timedelta) -> list[OutboxMessage]:
    # FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite serialises writers and ignores it): senders
    # running at once each take a different batch instead of queueing behind each other's row
    # locks. The outer condition is checked again as each row is written.
    due = (select(OutboxMessage.id)
           .where(col(OutboxMessage.status).in_((QUEUED, SENDING)), col(OutboxMessage.next_attempt_at) <= now,
                  _sendable())
           .order_by(col(OutboxMessage.next_attempt_at)).limit(BATCH_SIZE)
           .with_for_update(skip_locked=True))
    claimed = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(due.scalar_subquery()), col(OutboxMessage.status).in_((QUEUED, SENDING)),
               col(OutboxMessage.next_attempt_at) <= now)
        .values(status=SENDING, next_attempt_at=now + lease, claimed_by=worker[:80])
        .returning(col(OutboxMessage.id))
    ).scalars().all()
    session.commit()
    if not claimed:
        return []
    return list(session.exec(
        select(OutboxMessage).where(col(OutboxMessage.id).in_(claimed)).order_by(col(OutboxMessage.id)),
        execution_options={"populate_existing": True},
    ))


def take_over_from_the_gone(session: Session, is_gone: Callable[[str], bool], now: datetime) -> int:
    """Messages claimed by a sender that no longer lives go back in the queue at once (instead
    of waiting for their lease). `is_gone` tests a sender's presence lock. Returns how many."""
    holders = session.exec(
        select(OutboxMessage.claimed_by).where(col(OutboxMessage.status) == SENDING).distinct()
    ).all()
    returned = 0
    for holder in holders:
        if holder and is_gone(holder):
            result = session.execute(
                update(OutboxMessage)
                .where(col(OutboxMessage.status) == SENDING, col(OutboxMessage.claimed_by) == holder)
                .values(status=QUEUED, next_attempt_at=now, claimed_by="")
            )
            returned += result.rowcount if isinstance(result, CursorResult) else 0
    session.commit()
    if returned:
        log.warning("took over %d outbox message(s) from sender(s) that are gone", returned)
    return returned


def _mark_sent(message: OutboxMessage, now: datetime) -> None:
    message.status, message.sent_at, message.last_error, message.claimed_by = SENT, now, "", ""
    message.attempts += 1
    if message.link:
        message.body = message.body.replace(message.link, LINK_REMOVED)
        message.link = ""


def _mark_failed(message: OutboxMessage, error: Exception, now: datetime, temporary: bool = False) -> None:
    message.attempts += 1
    metrics.DELIVERY_FAILURES.inc()
    message.last_error, message.claimed_by = smtp.describe(error), ""
    if (smtp.is_permanent(error) and not temporary) or message.attempts >= MAX_ATTEMPTS:
        message.status = FAILED
    else:
        message.status = QUEUED
        message.next_attempt_at = now + retry_delay(message.attempts)
    if message.kind in OWN_ADDRESS_KINDS:
        log.warning("mail to %s failed (attempt %d): %s", message.to_address, message.attempts, message.last_error)
    else:  # a member's mail: the outbox row id, never the address (the server's error may repeat it)
        said = message.last_error.replace(message.to_address, "<member>") if message.to_address else message.last_error
        log.warning("%s mail %s failed (attempt %d): %s", message.kind, message.id, message.attempts, said)


def deliver_due(session: Session, smtp_url: str | None, now: datetime, mail_from: str = DEFAULT_MAIL_FROM,
                after_claim: Callable[[int], None] | None = None, worker: str = "",
                lease: timedelta = CLAIM_TIMEOUT) -> int:
    """Claim one batch of due messages for `worker` and send it through SMTP; returns how many
    were sent. Failures are recorded on the message and retried with backoff. A batch whose
    sender dies is taken over when its lease ends, or at once by `take_over_from_the_gone`.
    Without an SMTP URL nothing happens. `after_claim(count)` runs between claiming a batch and
    sending it (the exactly-once tests stop a process there)."""
    if not smtp_url:
        return 0
    messages = _claim_due(session, now, worker, lease)
    if not messages:
        return 0
    if after_claim is not None:
        after_claim(len(messages))
    target = smtp.parse_smtp_url(smtp_url)
    sent = 0
    client: smtplib.SMTP | None = None
    broken: Exception | None = None  # set when the server cannot be reached this round
    try:
        for message in messages:
            if client is None and broken is None:
                try:
                    client = smtp.connect(target)
                except Exception as error:  # noqa: BLE001 - network, TLS or login
                    broken = error
            if broken is not None:
                # Not the message's fault: always worth another try, whatever the code.
                _mark_failed(message, broken, now, temporary=True)
            elif client is not None:
                try:
                    mime = smtp.build_message(mail_from, message.to_address, message.subject, message.body)
                    client.send_message(mime)
                except Exception as error:  # noqa: BLE001 - recorded on the message, retried
                    _mark_failed(message, error, now)
                    if not isinstance(error, smtplib.SMTPResponseException):
                        client.close()  # the connection's state is unknown: open a new one
                        client = None
                else:
                    _mark_sent(message, now)
                    sent += 1
            session.add(message)
            session.commit()  # per message, so a crash cannot resend what already went out
    finally:
        if client is not None:
            try:
                client.quit()
            except Exception:  # noqa: BLE001 - the server may already have hung up
                client.close()
    return sent


def deliver_round(settings: Settings, locks: ProcessLocks, *,
                  after_claim: Callable[[int], None] | None = None) -> int:
    """One round of a `trusthabits sender` holding `locks`: take over the batches of senders
    that are gone, then send batch after batch (each claimed with SKIP LOCKED, so several
    senders share the queue) until nothing is due. Returns how many were sent."""
    locks.hold_presence()  # claims are made only while this process's presence lock is held
    lease = timedelta(seconds=settings.claim_lease_seconds)
    sent = 0
    with new_session() as session:
        take_over_from_the_gone(session, locks.is_gone, clock.now())
        while (batch := deliver_due(session, settings.smtp_url, clock.now(), settings.mail_from,
                                    after_claim=after_claim, worker=locks.name, lease=lease)) > 0:
            sent += batch
    return sent


def list_outbox(session: Session, manager_id: int, include_links: bool = False, limit: int = 200) -> list[OutboxItem]:
    """This manager's messages, newest first. Links (single-use tokens meant for one member)
    are included only when asked: the Outbox page does so only when no mail server is set up,
    because then the manager is the one passing links on."""
    rows = session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.manager_id == manager_id,
               col(OutboxMessage.kind).not_in((*PRIVATE_KINDS, *ACCOUNT_KINDS)))
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
    ).all()
    return [OutboxItem(stored_id(m), m.to_address, m.subject, m.status, m.attempts, m.last_error,
                       m.link if include_links else "", m.created_at) for m in rows]


def delivery_problems(session: Session, manager_id: int) -> list[OutboxItem]:
    """Messages that failed for good or are waiting for a retry after an error."""
    return [item for item in list_outbox(session, manager_id) if item.status == FAILED or item.last_error]
