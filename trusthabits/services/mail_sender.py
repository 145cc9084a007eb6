"""The background mail sender: every few seconds, deliver what is due in the outbox.

Started once per app worker as a Reflex lifespan task (the conditional claim in
`mail.deliver_due` keeps two workers from sending the same message). The SMTP work runs in a
thread so it never blocks the event loop that serves the browsers. `TRUSTHABITS_MAIL_SENDER=off`
turns it off; without `SMTP_URL` there is nothing to do and it does not start. The scheduler
issue will fold this loop into the scheduler's tick.
"""

from __future__ import annotations

import asyncio
import logging

from trusthabits.config import get_settings, redact_url
from trusthabits.db.engine import new_session
from trusthabits.db.types import utcnow
from trusthabits.services import mail

log = logging.getLogger("trusthabits.mail")

SEND_INTERVAL_S = 5.0


def deliver_once() -> int:
    settings = get_settings()
    with new_session() as session:
        return mail.deliver_due(session, settings.smtp_url, utcnow(), settings.mail_from)


async def run_mail_sender() -> None:
    settings = get_settings()
    if not settings.mail_sender_enabled:
        log.info("mail sender off (TRUSTHABITS_MAIL_SENDER)")
        return
    if not settings.smtp_url:
        log.info("no SMTP_URL: mail waits in the outbox (see /outbox and this log)")
        return
    log.info("mail sender on, via %s", redact_url(settings.smtp_url))
    while True:
        try:
            sent = await asyncio.to_thread(deliver_once)
            if sent:
                log.info("sent %d mail(s)", sent)
        except Exception:  # noqa: BLE001 - one bad round must not stop the loop for good
            log.exception("mail sender round failed")
        await asyncio.sleep(SEND_INTERVAL_S)
