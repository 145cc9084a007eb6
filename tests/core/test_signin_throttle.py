"""Growing delays between sign-in attempts, by address and by client address, and never a lock
that someone elsewhere can hold the owner in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trusthabits.core.signin_throttle import (
    ADDRESS_FREE,
    ADDRESS_MAX_DELAY,
    FIRST_DELAY,
    IP_FREE,
    MAX_DELAY,
    PAIR_FREE,
    Attempt,
    wait_before_next,
)

T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
OWNER, OTHER = "ann@example.com", "bob@example.com"


def failures(email: str, ip: str, count: int, start: datetime = T0, every: timedelta = timedelta(seconds=1)):
    return [Attempt(email, ip, start + every * n, False) for n in range(count)]


def wait(attempts, email=OWNER, ip="198.51.100.1", now=None, known=False):
    now = now or max((a.at for a in attempts), default=T0)
    return wait_before_next(attempts, email, ip, now, known)


def test_a_few_typos_cost_nothing():
    assert wait(failures(OWNER, "198.51.100.1", PAIR_FREE - 1)) is None


def test_the_delay_grows_with_each_further_failure_from_one_client():
    assert wait(failures(OWNER, "198.51.100.1", PAIR_FREE)) == FIRST_DELAY
    assert wait(failures(OWNER, "198.51.100.1", PAIR_FREE + 3)) == FIRST_DELAY * 8
    assert wait(failures(OWNER, "198.51.100.1", PAIR_FREE + 40)) == MAX_DELAY


def test_the_wait_counts_from_the_latest_failure_and_then_passes():
    attempts = failures(OWNER, "198.51.100.1", PAIR_FREE + 2)
    latest = attempts[-1].at
    assert wait(attempts, now=latest + timedelta(seconds=3)) == FIRST_DELAY * 4 - timedelta(seconds=3)
    assert wait(attempts, now=latest + FIRST_DELAY * 4) is None


def test_a_success_from_that_client_starts_afresh():
    attempts = failures(OWNER, "198.51.100.1", PAIR_FREE + 5)
    attempts.append(Attempt(OWNER, "198.51.100.1", T0 + timedelta(minutes=1), True))
    assert wait(attempts, now=T0 + timedelta(minutes=1)) is None


def test_one_client_trying_many_addresses_is_slowed_down():
    attempts = [Attempt(f"user{n}@example.com", "203.0.113.5", T0 + timedelta(seconds=n), False)
                for n in range(IP_FREE + 4)]
    assert wait(attempts, email="new@example.com", ip="203.0.113.5") == FIRST_DELAY * 16


def test_signing_in_to_an_own_account_does_not_buy_more_guesses():
    attempts = [Attempt(f"user{n}@example.com", "203.0.113.5", T0 + timedelta(seconds=n), False)
                for n in range(IP_FREE + 2)]
    attempts.append(Attempt("mine@example.com", "203.0.113.5", T0 + timedelta(seconds=22), True))
    assert wait(attempts, email="next@example.com", ip="203.0.113.5", now=T0 + timedelta(seconds=22)) is not None


def test_many_machines_guessing_one_address_hold_the_owner_up_at_most_a_minute():
    botnet = [Attempt(OWNER, f"203.0.113.{n}", T0 + timedelta(seconds=n), False) for n in range(200)]
    owner_wait = wait(botnet, ip="198.51.100.1")
    assert owner_wait is not None and owner_wait <= ADDRESS_MAX_DELAY


def test_a_client_the_owner_signed_in_from_before_is_not_held_up_by_strangers():
    botnet = [Attempt(OWNER, f"203.0.113.{n}", T0 + timedelta(seconds=n), False) for n in range(200)]
    assert wait(botnet, ip="198.51.100.1", known=True) is None


def test_strangers_count_only_after_their_allowance():
    strangers = [Attempt(OWNER, f"203.0.113.{n}", T0 + timedelta(seconds=n), False) for n in range(ADDRESS_FREE - 1)]
    assert wait(strangers, ip="198.51.100.1") is None


def test_failures_older_than_the_window_are_forgotten():
    old = failures(OWNER, "198.51.100.1", PAIR_FREE + 10, start=T0 - timedelta(hours=2))
    assert wait(old, now=T0) is None


def test_other_addresses_do_not_slow_the_owner_down():
    assert wait(failures(OTHER, "203.0.113.9", 50)) is None
