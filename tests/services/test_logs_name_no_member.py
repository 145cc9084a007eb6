"""Issue 10, item 7: logs name no member next to anything about answering. A whole round runs
with every log record captured at DEBUG — open (with links "handed out by hand"), answer,
remind, deliver to a mail server that refuses the connection (failures are logged), close,
share back — and no record carries a member's address, a token or a link."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

from sqlmodel import Session

from tests.services.pulse_helpers import answers
from tests.services.rhythm_helpers import BASE_URL, local, manager, outbox, team
from trusthabits.services import pulse_answers, scheduler, share_back

AMS = "Europe/Amsterdam"


def _dead_smtp_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"smtp+plain://127.0.0.1:{sock.getsockname()[1]}"  # nobody listens there


def test_a_round_logs_no_address_token_or_link(engine, session, caplog):
    caplog.set_level(logging.DEBUG)
    ann = manager(session)
    squad = team(session, ann.id, members=5)
    opens = local(AMS, 2026, 11, 27, 13, 0)
    smtp_url = _dead_smtp_url()

    def tick(now):
        # The worst case for logging: links "to be logged" (laptop mode) and a mail server to fail.
        ctx = scheduler.Context(now=now, base_url=BASE_URL, worker="logs", log_links=True)
        return scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx, smtp_url)

    tick(opens)
    invites = {m.to_address: m.link for m in outbox(session, "pulse_invite")}
    assert len(invites) == 5
    for email in ("m0@x.nl", "m1@x.nl", "m2@x.nl"):
        token = invites[email].rsplit("/", 1)[1]
        pulse_answers.submit_pulse(session, token, answers("2026-W48"), "a comment", opens + timedelta(hours=1))
    tick(opens + timedelta(hours=48))  # reminders to the two who did not answer, delivery fails again
    reminders = outbox(session, "pulse_reminder")
    assert sorted(m.to_address for m in reminders) == ["m3@x.nl", "m4@x.nl"]
    tick(opens + timedelta(days=5))  # closes
    (choice,) = share_back.closed_rounds(session, ann.id, squad.id, opens + timedelta(days=6))
    share_back.share_round(session, ann.id, choice.round_id, "", opens + timedelta(days=6))
    tick(opens + timedelta(days=6))

    secrets_ = {*invites, *invites.values(), *(m.link for m in reminders)}
    secrets_ |= {link.rsplit("/", 1)[1] for link in (*invites.values(), *(m.link for m in reminders))}
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "failed" in logged and "pulse_invite" in logged  # the failures were logged, with the kind
    assert [secret for secret in secrets_ if secret in logged] == []
    assert "/pulse/" not in logged and "/unsubscribe/" not in logged and "@x.nl" not in logged
