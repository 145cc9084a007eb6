"""Single-use links mailed to a manager: confirm the address (24 h) and reset the password (1 h).

Only the SHA-256 of a link's token is stored. Confirming proves the address belongs to whoever
registered it; until then the outbox holds every mail on the account's behalf (mail.py), so a
stranger's address typed in at registration gets one confirmation mail and nothing else.

A reset request answers the same whether or not the address has an account: the page says so
before this service runs (ui/pages/reset_request.py), and an unknown address simply queues
nothing. Setting a new password with a reset link signs out every browser of the account.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from trusthabits.core import accounts as rules
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.core.i18n import translate
from trusthabits.db.models import AccountToken, Manager
from trusthabits.db.rows import required, stored_id
from trusthabits.services import mail, security

CONFIRM, RESET = "confirm", "reset"
CONFIRM_KIND, RESET_KIND = mail.ACCOUNT_KINDS
LIFETIME = {CONFIRM: timedelta(hours=24), RESET: timedelta(hours=1)}
# A confirmation link again at most every few minutes; reset mails at most a few an hour, so
# nobody can use the form to flood someone's mailbox.
RESEND_AFTER = timedelta(minutes=5)
RESETS_PER_HOUR = 3
MAX_TOKEN_LENGTH = 200


def _new_link(session: Session, manager: Manager, purpose: str, now: datetime) -> tuple[AccountToken, str]:
    token = security.new_token()
    row = AccountToken(manager_id=stored_id(manager), purpose=purpose, token_hash=security.hash_token(token),
                       created_at=now, expires_at=now + LIFETIME[purpose])
    session.add(row)
    session.flush()
    return row, token


def confirm_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/confirm/{token}"


def reset_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/reset/{token}"


def send_confirmation(session: Session, manager: Manager, base_url: str, now: datetime) -> None:
    """Queue a confirmation link for the manager's address. Not committed."""
    row, token = _new_link(session, manager, CONFIRM, now)
    link = confirm_link(base_url, token)
    mail.queue(session, key=f"{CONFIRM_KIND}:{row.id}", manager_id=stored_id(manager), kind=CONFIRM_KIND,
               to=manager.email, link=link, now=now,
               subject=translate("mail.confirm_subject", manager.locale),
               body=translate("mail.confirm_body", manager.locale, name=manager.name, link=link))


def resend_confirmation(session: Session, manager_id: int, base_url: str, now: datetime) -> bool:
    """A fresh confirmation link, unless the address is confirmed already (False). Raises
    Refused("error.confirm_resend_wait") when one was sent moments ago."""
    manager = required(session, Manager, manager_id)
    if manager.email_verified_at is not None:
        return False
    latest = session.exec(select(func.max(AccountToken.created_at)).where(
        AccountToken.manager_id == manager_id, AccountToken.purpose == CONFIRM)).one()
    if latest is not None and now - latest < RESEND_AFTER:
        raise Refused("error.confirm_resend_wait")
    send_confirmation(session, manager, base_url, now)
    session.commit()
    return True


def _usable(session: Session, token: str, purpose: str, now: datetime) -> AccountToken:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise Refused("link.unknown")
    row = session.exec(select(AccountToken).where(AccountToken.token_hash == security.hash_token(token),
                                                  AccountToken.purpose == purpose)).first()
    if row is None:
        raise Refused("link.unknown")
    if row.used_at is not None:
        raise Refused("link.used")
    if row.expires_at <= now:
        raise Refused("link.expired")
    return row


def confirm_address(session: Session, token: str, now: datetime) -> str:
    """Confirm the address a link was sent to; returns it. Raises Refused("link.…")."""
    row = _usable(session, token, CONFIRM, now)
    manager = required(session, Manager, row.manager_id)
    row.used_at = now
    if manager.email_verified_at is None:
        manager.email_verified_at = now
    session.add_all([row, manager])
    session.commit()
    return manager.email


def request_reset(session: Session, email: str, base_url: str, now: datetime, log_link: bool = False) -> None:
    """Queue a reset link when the address has an account (and few were sent this hour).
    Says nothing either way: the caller has answered already."""
    try:
        email = rules.normalise_email(email)
    except ValueError:
        return
    manager = session.exec(select(Manager).where(Manager.email == email)).first()
    if manager is None:
        return
    recent = session.exec(select(func.count()).select_from(AccountToken).where(
        AccountToken.manager_id == stored_id(manager), AccountToken.purpose == RESET,
        AccountToken.created_at > now - timedelta(hours=1))).one()
    if recent >= RESETS_PER_HOUR:
        return
    row, token = _new_link(session, manager, RESET, now)
    link = reset_link(base_url, token)
    mail.queue(session, key=f"{RESET_KIND}:{row.id}", manager_id=stored_id(manager), kind=RESET_KIND,
               to=manager.email, link=link, now=now, log_link=log_link,
               subject=translate("mail.reset_subject", manager.locale),
               body=translate("mail.reset_body", manager.locale, name=manager.name, link=link))
    session.commit()


def check_reset_link(session: Session, token: str, now: datetime) -> None:
    """Raises Refused("link.…") unless the reset link can still be used."""
    _usable(session, token, RESET, now)


def reset_password(session: Session, token: str, new_password: str, now: datetime) -> str:
    """Set a new password with a reset link: the link and every other open reset link of the
    account stop working, every browser is signed out, and the address counts as confirmed
    (the link reached it). Returns the address. Raises FieldErrors or Refused("link.…")."""
    if key := rules.password_error(new_password):
        raise FieldErrors({"new_password": key})
    row = _usable(session, token, RESET, now)
    manager = required(session, Manager, row.manager_id)
    manager.password_hash = security.hash_password(new_password)
    if manager.email_verified_at is None:
        manager.email_verified_at = now
    for open_link in session.exec(select(AccountToken).where(
            AccountToken.manager_id == stored_id(manager), AccountToken.purpose == RESET,
            col(AccountToken.used_at).is_(None))):
        open_link.used_at = now
        session.add(open_link)
    session.add(manager)
    from trusthabits.services.accounts import (
        revoke_sessions,  # accounts imports this module
    )

    revoke_sessions(session, stored_id(manager), now)
    session.commit()
    return manager.email
