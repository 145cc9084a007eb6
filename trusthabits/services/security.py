"""Password hashing (Argon2id) and opaque tokens of which only a hash is ever stored."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when an email is unknown, so a wrong email costs the same time as a wrong
# password and timing does not reveal which addresses have accounts.
_DUMMY_HASH = _hasher.hash("not-a-real-password-but-the-same-work")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token() -> str:
    """256 bits of randomness, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # A lone surrogate (hostile input from a URL or an event) hashes too, and matches nothing.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
