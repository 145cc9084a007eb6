"""Manager accounts: registration, sign-in with rate limiting, server-side sessions with a
sliding expiry, sign-out, profile and password changes.

Every function that acts for a signed-in manager takes the `manager_id` that `resolve_session`
returned, so a query can never reach another manager's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from trusthabits.core import accounts as rules
from trusthabits.core import clock
from trusthabits.core.errors import FieldErrors, Refused
from trusthabits.db.models import AuthSession, LoginAttempt, Manager
from trusthabits.db.rows import required, stored_id
from trusthabits.services import security

SESSION_LIFETIME = timedelta(days=30)
# Sliding the expiry on every request would write on every click; once an hour is plenty.
SESSION_TOUCH_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True)
class Profile:
    id: int
    email: str
    name: str
    locale: str
    time_zone: str


class SignInRefused(Refused):
    """Sign-in failed. `key` is the message; `retry_after` is set while locked out."""

    def __init__(self, key: str, retry_after: timedelta | None = None):
        super().__init__(key, retry_after)
        self.retry_after = retry_after


def _profile(manager: Manager) -> Profile:
    return Profile(stored_id(manager), manager.email, manager.name, manager.locale, manager.time_zone)


def _profile_errors(name: str, locale: str, time_zone: str) -> dict[str, str]:
    checks = {
        "name": rules.name_error(name),
        "locale": rules.language_error(locale),
        "time_zone": rules.time_zone_error(time_zone),
    }
    return {fieldname: key for fieldname, key in checks.items() if key}


def register(
    session: Session, *, name: str, email: str, password: str, locale: str, time_zone: str
) -> Profile:
    """Create a manager account. Raises FieldErrors naming every invalid field at once."""
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
    manager = Manager(
        email=email,
        name=name.strip(),
        password_hash=security.hash_password(password),
        locale=locale,
        time_zone=time_zone,
    )
    session.add(manager)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent registration won the race for this email
        session.rollback()
        raise FieldErrors({"email": "error.email_taken"}) from exc
    session.refresh(manager)
    return _profile(manager)


def _lockout_remaining(session: Session, email: str, now: datetime) -> timedelta | None:
    since = now - rules.FAILED_SIGNIN_WINDOW - rules.LOCKOUT_DURATION
    attempts = session.exec(
        select(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.attempted_at > since)
        .order_by(col(LoginAttempt.attempted_at))
    ).all()
    failures: list[datetime] = []
    for attempt in attempts:  # a successful sign-in wipes the slate
        failures = [] if attempt.succeeded else failures + [attempt.attempted_at]
    until = rules.lockout_until(failures)
    return until - now if until and until > now else None


def sign_in(session: Session, *, email: str, password: str) -> tuple[Profile, str]:
    """Check the credentials and open a session. Returns the profile and the raw token, which
    is given to the browser and never stored. Raises SignInRefused."""
    now = clock.now()
    if not (email or "").strip() or not password:
        raise SignInRefused("error.signin_missing")
    try:
        email = rules.normalise_email(email)
    except ValueError:
        security.verify_password(None, password)  # same work as a real attempt
        raise SignInRefused("error.signin_failed") from None
    if remaining := _lockout_remaining(session, email, now):
        raise SignInRefused("error.signin_locked", retry_after=remaining)
    manager = session.exec(select(Manager).where(Manager.email == email)).first()
    ok = security.verify_password(manager.password_hash if manager else None, password)
    session.add(LoginAttempt(email=email, attempted_at=now, succeeded=ok))
    if not ok or manager is None:
        session.commit()
        raise SignInRefused("error.signin_failed")
    if security.needs_rehash(manager.password_hash):
        manager.password_hash = security.hash_password(password)
        session.add(manager)
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
    """The manager a browser token belongs to, or None when it is unknown, expired or revoked.
    Extends the 30-day expiry (sliding) at most once per SESSION_TOUCH_INTERVAL."""
    if not token:
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
    if auth.revoked_at is not None or auth.expires_at <= now:
        return None
    if now - auth.last_seen_at >= SESSION_TOUCH_INTERVAL:
        auth.last_seen_at = now
        auth.expires_at = now + SESSION_LIFETIME
        session.add(auth)
        session.commit()
    return _profile(manager)


def sign_out(session: Session, token: str | None) -> None:
    if not token:
        return
    auth = session.exec(
        select(AuthSession).where(AuthSession.token_hash == security.hash_token(token))
    ).first()
    if auth and auth.revoked_at is None:
        auth.revoked_at = clock.now()
        session.add(auth)
        session.commit()


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
    keep_hash = security.hash_token(keep_token)
    now = clock.now()
    for auth in session.exec(
        select(AuthSession).where(
            AuthSession.manager_id == manager_id,
            col(AuthSession.revoked_at).is_(None),
            AuthSession.token_hash != keep_hash,
        )
    ):
        auth.revoked_at = now
        session.add(auth)
    session.commit()


