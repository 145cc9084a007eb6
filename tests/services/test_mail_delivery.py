"""Mail delivery through a real SMTP server on loopback (aiosmtpd), started by each test."""

from __future__ import annotations

import socket
import ssl
import subprocess
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import select

from tests.services.pulse_helpers import (
    BASE_URL,
    NOW,
    answers,
    manager,
    send_round,
    team_with_members,
)
from trusthabits.adapters.smtp import parse_smtp_url
from trusthabits.db.models import OutboxMessage
from trusthabits.services import mail, pulse_answers


class Inbox:
    """An SMTP handler that refuses the first `refuse` messages with 451, then keeps them."""

    def __init__(self, refuse: int = 0):
        self.refuse = refuse
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 try again later"
        self.received.append(message_from_bytes(envelope.original_content, policy=default_policy))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    started = []

    def start(inbox: Inbox, **options) -> str:
        port = _free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return f"smtp+plain://127.0.0.1:{port}"

    yield start
    for controller in started:
        controller.stop()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_round_mails_every_active_member_a_working_link(session, smtp_server):
    inbox = Inbox()
    url = smtp_server(inbox)
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    assert mail.deliver_due(session, url, NOW) == 4
    assert sorted(m["To"] for m in inbox.received) == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"]
    assert all(m["Subject"] == "How was this week with Ann?" for m in inbox.received)
    # The link in a delivered mail opens the pulse and takes an answer.
    link = next(line for line in _body(inbox.received[0]).splitlines() if line.startswith(f"{BASE_URL}/pulse/"))
    token = link.rsplit("/", 1)[1]
    assert pulse_answers.open_pulse(session, token, NOW).manager_name == "Ann"
    pulse_answers.submit_pulse(session, token, answers(), "", NOW)
    # Sent messages no longer hold the single-use link; nothing is sent twice.
    stored = session.exec(select(OutboxMessage)).all()
    assert {m.status for m in stored} == {mail.SENT}
    assert all(token not in m.body and m.link == "" for m in stored)
    assert mail.deliver_due(session, url, NOW + timedelta(hours=2)) == 0
    assert len(inbox.received) == 4


def test_a_refusing_server_gets_every_message_exactly_once_after_retries(session, smtp_server):
    inbox = Inbox(refuse=6)  # all four refused once, then two refused again
    url = smtp_server(inbox)
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)

    assert mail.deliver_due(session, url, NOW) == 0
    waiting = session.exec(select(OutboxMessage)).all()
    assert all(m.status == mail.QUEUED and m.attempts == 1 and m.last_error.startswith("451") for m in waiting)
    # The failure is visible to the manager, and nothing is retried before its backoff ends.
    assert len(mail.delivery_problems(session, ann.id)) == 4
    assert mail.deliver_due(session, url, NOW + timedelta(seconds=5)) == 0
    assert inbox.refuse == 2

    now = NOW
    for _ in range(6):
        now += timedelta(hours=1)
        mail.deliver_due(session, url, now)
    assert sorted(m["To"] for m in inbox.received) == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"]
    assert {m.status for m in session.exec(select(OutboxMessage))} == {mail.SENT}
    assert mail.delivery_problems(session, ann.id) == []


def test_an_unreachable_server_is_recorded_and_retried_later(session, smtp_server):
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl",))
    send_round(session, ann.id, team.id)
    closed_port = _free_port()
    assert mail.deliver_due(session, f"smtp+plain://127.0.0.1:{closed_port}", NOW) == 0
    message = session.exec(select(OutboxMessage)).one()
    assert (message.status, message.attempts) == (mail.QUEUED, 1)
    assert message.next_attempt_at == NOW + mail.FIRST_RETRY
    inbox = Inbox()
    url = smtp_server(inbox)
    assert mail.deliver_due(session, url, NOW + mail.FIRST_RETRY) == 1
    assert [m["To"] for m in inbox.received] == ["a@x.nl"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_sender_logs_in_with_the_credentials_from_the_url(session, smtp_server):
    logins = []

    def authenticator(server, session_, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cr3t:/pw"
        logins.append((auth_data.login, ok))
        return AuthResult(success=ok)

    inbox = Inbox()
    url = smtp_server(inbox, authenticator=authenticator, auth_require_tls=False, auth_required=True)
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl",))
    send_round(session, ann.id, team.id)
    with_login = url.replace("//", "//mailer%40x.nl:s3cr3t%3A%2Fpw@")
    assert mail.deliver_due(session, with_login, NOW) == 1
    assert logins == [(b"mailer@x.nl", True)] and len(inbox.received) == 1


def test_a_permanent_refusal_fails_at_once_and_shows_the_reason(session, smtp_server):
    class Refuser(Inbox):
        async def handle_RCPT(self, server, session_, envelope, address, options):
            return "550 5.1.1 no such user"

    url = smtp_server(Refuser())
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("gone@x.nl",))
    send_round(session, ann.id, team.id)
    mail.deliver_due(session, url, NOW)
    [problem] = mail.delivery_problems(session, ann.id)
    assert problem.status == mail.FAILED and "550" in problem.last_error


def test_without_smtp_messages_wait_in_the_outbox_with_their_links(session):
    ann = manager(session)
    team = team_with_members(session, ann.id)
    send_round(session, ann.id, team.id)
    assert mail.deliver_due(session, None, NOW) == 0
    items = mail.list_outbox(session, ann.id, include_links=True)
    assert len(items) == 4 and all(i.status == mail.QUEUED and i.link.startswith(f"{BASE_URL}/pulse/") for i in items)
    # With a mail server the manager never needs (or sees) a member's link.
    assert all(i.link == "" for i in mail.list_outbox(session, ann.id))


@pytest.fixture
def localhost_cert(tmp_path, monkeypatch):
    """A self-signed certificate for localhost that this test process (only) trusts."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # what ssl.create_default_context() trusts
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.mark.parametrize("scheme", ["smtp", "smtps"])
def test_starttls_and_implicit_tls_with_a_verified_certificate(session, smtp_server, localhost_cert, scheme):
    inbox = Inbox()
    options = ({"tls_context": localhost_cert, "require_starttls": True} if scheme == "smtp"
               else {"ssl_context": localhost_cert})
    url = smtp_server(inbox, **options).replace("smtp+plain://127.0.0.1", f"{scheme}://localhost")
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl",))
    send_round(session, ann.id, team.id)
    assert mail.deliver_due(session, url, NOW) == 1
    assert [m["To"] for m in inbox.received] == ["a@x.nl"]


def test_starttls_is_required_not_optional(session, smtp_server):
    inbox = Inbox()  # a server that does not offer STARTTLS
    url = smtp_server(inbox).replace("smtp+plain://", "smtp://")
    ann = manager(session)
    team = team_with_members(session, ann.id, emails=("a@x.nl",))
    send_round(session, ann.id, team.id)
    assert mail.deliver_due(session, url, NOW) == 0
    assert inbox.received == []
    assert "STARTTLS" in mail.delivery_problems(session, ann.id)[0].last_error


def test_smtp_urls():
    assert parse_smtp_url("smtp://u%40x:p@mail.x.nl").port == 587
    assert parse_smtp_url("smtps://mail.x.nl").port == 465
    assert parse_smtp_url("smtp://u%40x:p@mail.x.nl").username == "u@x"
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.x.nl")
