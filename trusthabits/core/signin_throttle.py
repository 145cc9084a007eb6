"""When the next sign-in attempt may be made. Growing delays, never a lock an attacker can keep
the real owner in.

Three counts of failed attempts within WINDOW, each with its own free allowance and its own
growing delay (FIRST_DELAY, doubling per further failure, up to a cap), measured from the
latest failure it counts:

- this address from this client address (a guesser at one machine): after PAIR_FREE failures,
  up to 15 minutes. A success from there starts it afresh.
- this client address, whatever the address (one machine trying many accounts): after IP_FREE,
  up to 15 minutes. Successes do not reset it: signing in to one's own account between guesses
  must not buy more guesses.
- this address from other client addresses (many machines guessing one account): after
  ADDRESS_FREE, up to ADDRESS_MAX_DELAY only, because this is the one count someone else can
  drive up for the owner. A client address this address signed in from within KNOWN_FOR is
  exempt from it, so the owner at their usual place is never held up by strangers.

A refused attempt is not counted (hammering does not make the wait longer) and costs no
password hashing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)
KNOWN_FOR = timedelta(days=90)
FIRST_DELAY = timedelta(seconds=2)
PAIR_FREE, IP_FREE, ADDRESS_FREE = 3, 20, 10
MAX_DELAY = timedelta(minutes=15)
ADDRESS_MAX_DELAY = timedelta(minutes=1)


@dataclass(frozen=True)
class Attempt:
    email: str
    client_ip: str
    at: datetime
    succeeded: bool


def _delay(failures: int, free: int, cap: timedelta) -> timedelta | None:
    if failures < free:
        return None
    delay: timedelta = FIRST_DELAY * 2 ** min(failures - free, 30)
    return min(delay, cap)


def _failures_since_success(attempts: list[Attempt]) -> list[Attempt]:
    failures: list[Attempt] = []
    for attempt in sorted(attempts, key=lambda a: a.at):
        failures = [] if attempt.succeeded else failures + [attempt]
    return failures


def wait_before_next(attempts: Iterable[Attempt], email: str, client_ip: str, now: datetime,
                     known_client: bool) -> timedelta | None:
    """How long this client must wait before trying `email` again, or None when it may try now.

    `attempts` are the attempts within WINDOW for this email or from this client address;
    `known_client` says whether this address signed in from this client within KNOWN_FOR."""
    recent = [a for a in attempts if now - a.at <= WINDOW]
    pair = _failures_since_success([a for a in recent if a.email == email and a.client_ip == client_ip])
    from_client = [a for a in recent if a.client_ip == client_ip and not a.succeeded]
    elsewhere = [a for a in _failures_since_success([a for a in recent if a.email == email])
                 if a.client_ip != client_ip]
    rules = [(pair, PAIR_FREE, MAX_DELAY), (from_client, IP_FREE, MAX_DELAY)]
    if not known_client:
        rules.append((elsewhere, ADDRESS_FREE, ADDRESS_MAX_DELAY))
    wait = timedelta(0)
    for failures, free, cap in rules:
        delay = _delay(len(failures), free, cap)
        if delay is not None:
            wait = max(wait, max(a.at for a in failures) + delay - now)
    return wait if wait > timedelta(0) else None
