"""One SMTP connection described by an `SMTP_URL`, and what a failed send means.

    smtp://user:pass@host:587     STARTTLS (required: the connection is refused without it)
    smtps://user:pass@host:465    TLS from the first byte
    smtp+plain://host:25          no encryption: only for a relay on the same machine or tests

User and password are optional and URL-encoded; when present the sender logs in.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass
from email.header import Header
from email.mime.text import MIMEText
from urllib.parse import unquote, urlsplit

TIMEOUT_S = 20
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_DEFAULT_PORTS = {"smtp": 587, "smtps": 465, "smtp+plain": 25}


@dataclass(frozen=True)
class SmtpTarget:
    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError("must look like smtp://user:pass@host:587, smtps://host:465 or smtp+plain://host:25")
    return SmtpTarget(
        scheme=scheme,
        host=parts.hostname,
        port=parts.port or _DEFAULT_PORTS[scheme],
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def connect(target: SmtpTarget) -> smtplib.SMTP:
    """An open, encrypted (unless smtp+plain) and logged-in connection."""
    context = ssl.create_default_context()
    if target.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(target.host, target.port, timeout=TIMEOUT_S, context=context)
    else:
        client = smtplib.SMTP(target.host, target.port, timeout=TIMEOUT_S)
        if target.scheme == "smtp":
            client.starttls(context=context)  # raises when the server does not offer it
    try:
        if target.username:
            client.login(target.username, target.password or "")
    except Exception:
        client.close()
        raise
    return client


def build_message(mail_from: str, to: str, subject: str, body: str) -> MIMEText:
    # The compat32 classes, not EmailMessage: its header registry re-parses every address and
    # costs more than the SMTP exchange itself when a whole week's invitations go out at once.
    # A header is one line whatever a name in it holds: a line break there would end the header
    # and start another ("Bcc: …"), so control characters become spaces before anything else.
    message = MIMEText(body, "plain", "utf-8")
    message["From"] = header_text(mail_from)
    message["To"] = header_text(to)
    subject = header_text(subject)
    message["Subject"] = subject if subject.isascii() else Header(subject, "utf-8").encode()
    return message


def header_text(value: str) -> str:
    """`value` on one line: every control character (CR and LF included) becomes a space."""
    return " ".join(_CONTROL.sub(" ", value).split())


def is_permanent(error: Exception) -> bool:
    """A 5xx answer will not change by trying again; anything else (4xx, network) might."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def describe(error: Exception) -> str:
    code = getattr(error, "smtp_code", None)
    text = getattr(error, "smtp_error", b"")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    detail = f"{code} {text}".strip() if code else str(error) or error.__class__.__name__
    return detail[:480]
