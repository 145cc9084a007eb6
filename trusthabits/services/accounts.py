"""Manager accounts: registration, sign-in with rate limiting, server-side sessions with a
sliding expiry and a 90-day cap, sign-out, profile and password changes. Confirmation and reset
links: services/account_links.py.

Every function that acts for a signed-in manager takes the `manager_id` that `resolve_session`
returned, so a query can never reach another manager's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from trusthabits.core import accounts as rules
from trusthabits.core import clock
from trusthabits.core import signin_throttle as throttle
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.db.models import AuthSession, LoginAttempt, Manager
from trusthabits.db.rows import required, stored_id
from trusthabits.services import account_links, security

SESSION_LIFETIME = timedelta(days=30)
# However much it is used, a session ends this long after sign-in.
SESSION_MAX_LIFETIME = timedelta(days=90)
MAX_TOKEN_LENGTH = 200
# Sliding the expiry on every request would write on every click; once an hour is plenty.
SESSION_TOUCH_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True)
class Profile:
    id: int
    email: str
    name: str
    locale: str
    time_zone: str
    email_verified: bool = True


class SignInRefused(Refused):
    """Sign-in failed. `key` is the message; `retry_after` is set while the client must wait."""

    def __init__(self, key: str, retry_after: timedelta | None = None):
        super().__init__(key, retry_after)
        self.retry_after = retry_after


def _profile(manager: Manager) -> Profile:
    return Profile(stored_id(manager), manager.email, manager.name, manager.locale, manager.time_zone,
                   manager.email_verified_at is not None)


def _profile_errors(name: str, locale: str, time_zone: str) -> dict[str, str]:
    checks = {
        "name": rules.name_error(name),
        "locale": rules.language_error(locale),
        "time_zone": rules.time_zone_error(time_zone),
    }
    return {fieldname: key for fieldname, key in checks.items() if key}


def register(
    session: Session, *, name: str, email: str, password: str, locale: str, time_zone: str,
    confirm_base_url: str | None = None,
) -> Profile:
    """Create a manager account. Raises FieldErrors naming every invalid field at once.

    With `confirm_base_url` (a mail server is set up) the address is unconfirmed and a
    confirmation link is queued; no other mail leaves on the account's behalf until it is
    opened. Without it (laptop mode, `trusthabits create-manager`) the address counts as
    confirmed at once."""
    errors = _profile_errors(name, locale, time_zone)
    try:
        email = rules.normalise_email(email)
    except ValueError as exc:
        errors["email"] = str(exc)
    if key := rules.password_error(password):
        errors["password"] = key
    if not errors and session.exec(select(Manager.id).where(Manager.email == email)).first():
        errors["email"] = "error.email_taken"
    if errors:
        raise FieldErrors(errors)
    now = clock.now()
    manager = Manager(
        email=email,
        name=name.strip(),
        password_hash=security.hash_password(password),
        locale=locale,
        time_zone=time_zone,
        created_at=now,
        email_verified_at=None if confirm_base_url else now,
    )
    session.add(manager)
    try:
        session.flush()
        if confirm_base_url:
            account_links.send_confirmation(session, manager, confirm_base_url, now)
        session.commit()
    except IntegrityError as exc:  # a concurrent registration won the race for this email
        session.rollback()
        raise FieldErrors({"email": "error.email_taken"}) from exc
    session.refresh(manager)
    return _profile(manager)


def _recent_attempts(session: Session, email: str, client_ip: str, now: datetime) -> list[throttle.Attempt]:
    rows = session.exec(
        select(LoginAttempt).where(
            or_(col(LoginAttempt.email) == email, col(LoginAttempt.client_ip) == client_ip),
            LoginAttempt.attempted_at > now - throttle.WINDOW,
        )
    ).all()
    return [throttle.Attempt(r.email, r.client_ip, r.attempted_at, r.succeeded) for r in rows]


def _known_client(session: Session, email: str, client_ip: str, now: datetime) -> bool:
    return session.exec(
        select(LoginAttempt.id).where(
            LoginAttempt.email == email, LoginAttempt.client_ip == client_ip, LoginAttempt.succeeded,
            LoginAttempt.attempted_at > now - throttle.KNOWN_FOR,
        ).limit(1)
    ).first() is not None


def sign_in(session: Session, *, email: str, password: str, client_ip: str = "") -> tuple[Profile, str]:
    """Check the credentials and open a session. Returns the profile and the raw token, which
    is given to the browser and never stored. Raises SignInRefused: "error.signin_wait" with
    `retry_after` while this client must wait (core/signin_throttle.py), otherwise the same
    "error.signin_failed" after the same work for an unknown address and a wrong password."""
    now = clock.now()
    if not (email or "").strip() or not password:
        raise SignInRefused("error.signin_missing")
    if rules.password_error(password) == "error.password_too_long":
        raise SignInRefused("error.signin_failed")  # never hash a megabyte
    client_ip = (client_ip or "unknown")[:64]
    try:
        email = rules.normalise_email(email)
    except ValueError:
        email = (email or "").strip().lower()[:320]
    wait = throttle.wait_before_next(_recent_attempts(session, email, client_ip, now), email, client_ip, now,
                                     _known_client(session, email, client_ip, now))
    if wait is not None:
        raise SignInRefused("error.signin_wait", retry_after=wait)
    manager = session.exec(select(Manager).where(Manager.email == email)).first()
    ok = security.verify_password(manager.password_hash if manager else None, password)
    session.add(LoginAttempt(email=email, client_ip=client_ip, attempted_at=now, succeeded=ok))
    if not ok or manager is None:
        session.commit()
        raise SignInRefused("error.signin_failed")
    if security.needs_rehash(manager.password_hash):
        manager.password_hash = security.hash_password(password)
        session.add(manager)
    # Old failures of this address have served their purpose; successes stay (known clients).
    session.execute(delete(LoginAttempt).where(
        col(LoginAttempt.email) == email, col(LoginAttempt.succeeded).is_(False),
        col(LoginAttempt.attempted_at) < now - throttle.WINDOW))
    token = _open_session(session, stored_id(manager), now)
    session.commit()
    return _profile(manager), token


def _open_session(session: Session, manager_id: int, now: datetime) -> str:
    token = security.new_token()
    session.add(
        AuthSession(
            manager_id=manager_id,
            token_hash=security.hash_token(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    return token


def resolve_session(session: Session, token: str | None) -> Profile | None:
    """The manager a browser token belongs to, or None when it is unknown, expired, revoked or
    older than SESSION_MAX_LIFETIME. Extends the 30-day expiry (sliding) at most once per
    SESSION_TOUCH_INTERVAL, never past SESSION_MAX_LIFETIME after sign-in."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = clock.now()
    row = session.exec(
        select(AuthSession, Manager)
        .join(Manager, col(Manager.id) == col(AuthSession.manager_id))
        .where(AuthSession.token_hash == security.hash_token(token))
    ).first()
    if row is None:
        return None
    auth, manager = row
    if auth.revoked_at is not None or auth.expires_at <= now or now - auth.created_at >= SESSION_MAX_LIFETIME:
        return None
    if now - auth.last_seen_at >= SESSION_TOUCH_INTERVAL:
        auth.last_seen_at = now
        auth.expires_at = min(now + SESSION_LIFETIME, auth.created_at + SESSION_MAX_LIFETIME)
        session.add(auth)
        session.commit()
    return _profile(manager)


def sign_out(session: Session, token: str | None) -> None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return
    auth = session.exec(
        select(AuthSession).where(AuthSession.token_hash == security.hash_token(token))
    ).first()
    if auth and auth.revoked_at is None:
        auth.revoked_at = clock.now()
        session.add(auth)
        session.commit()


def revoke_sessions(session: Session, manager_id: int, now: datetime, keep_token: str | None = None) -> None:
    """Sign out every browser of this manager (but the one holding `keep_token`). Not committed."""
    query = select(AuthSession).where(AuthSession.manager_id == manager_id, col(AuthSession.revoked_at).is_(None))
    if keep_token:
        query = query.where(AuthSession.token_hash != security.hash_token(keep_token))
    for auth in session.exec(query):
        auth.revoked_at = now
        session.add(auth)


def get_profile(session: Session, manager_id: int) -> Profile:
    return _profile(required(session, Manager, manager_id))


def update_profile(
    session: Session, manager_id: int, *, name: str, locale: str, time_zone: str
) -> Profile:
    if errors := _profile_errors(name, locale, time_zone):
        raise FieldErrors(errors)
    manager = required(session, Manager, manager_id)
    manager.name, manager.locale, manager.time_zone = name.strip(), locale, time_zone
    session.add(manager)
    session.commit()
    return _profile(manager)


def change_password(
    session: Session, manager_id: int, *, current_password: str, new_password: str, keep_token: str
) -> None:
    """Replace the password and sign out every other browser of this manager."""
    manager = required(session, Manager, manager_id)
    errors: dict[str, str] = {}
    if not security.verify_password(manager.password_hash, current_password):
        errors["current_password"] = "error.current_password_wrong"
    if key := rules.password_error(new_password):
        errors["new_password"] = key
    if errors:
        raise FieldErrors(errors)
    manager.password_hash = security.hash_password(new_password)
    session.add(manager)
    revoke_sessions(session, manager_id, clock.now(), keep_token=keep_token)
    session.commit()
