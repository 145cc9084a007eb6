"""Deployment settings: every environment variable TrustHabits reads, validated, with its default.

This class is the one place a setting is defined. To add one: add a field below with its
`validation_alias` (the environment variable), its default and a validator if a bad value is
possible, then add a row to the README's settings table. Code reads `get_settings().<field>`;
nothing else in the app reads `os.environ` for configuration.

A bad value stops the start with one line naming the variable (`settings_or_exit`, used by
rxconfig.py and the `trusthabits` command). Settings are read when asked for, not at import, so
tests and the CLI can point a process at another database by setting the environment first; a
cache keyed on the variables' current values keeps asking cheap.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from trusthabits.adapters.smtp import parse_smtp_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_ON, _OFF = ("on", "1", "true", "yes"), ("off", "0", "false", "no")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_MAIL_FROM = "TrustHabits <no-reply@localhost>"


def _switch(raw: object) -> object:
    if isinstance(raw, str):
        value = raw.strip().lower()
        if value in _ON:
            return True
        if value in _OFF:
            return False
        raise ValueError(f"must be on or off (got {raw!r})")
    return raw


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in _LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)} (got {raw!r})")
    return level


def _smtp_url(raw: str | None) -> str | None:
    if not raw:
        return None
    parse_smtp_url(raw)  # raises ValueError saying what it must look like
    return raw


def _http_url(raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise ValueError(f"must start with http:// or https:// (got {raw!r})")
    return raw.rstrip("/")


def _networks(raw: str) -> str:
    import ipaddress

    for part in (p.strip() for p in raw.split(",")):
        if part:
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"must be IP addresses or networks, comma-separated (got {part!r})") from None
    return raw


def _redis_url(raw: str | None) -> str | None:
    if raw and not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must start with redis://, rediss:// or unix://")
    return raw or None


Switch = Annotated[bool, BeforeValidator(_switch)]


class Settings(BaseSettings):
    """Every setting, named by its environment variable (README: "Settings")."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=True)

    port: int = Field(3000, ge=1, le=65535, validation_alias="PORT")
    data_dir: Path = Field(PROJECT_ROOT / "data", validation_alias="TRUSTHABITS_DATA_DIR")
    # Empty means: SQLite in `data_dir` (filled in below).
    database_url: str = Field("", validation_alias="DATABASE_URL")
    # Empty means: http://localhost:<port>.
    base_url: Annotated[str, AfterValidator(lambda url: _http_url(url) if url else url)] = Field(
        "", validation_alias="TRUSTHABITS_BASE_URL")
    scheduler_enabled: Switch = Field(True, validation_alias="TRUSTHABITS_SCHEDULER")
    # The scheduler's heartbeat; how often a follower asks to lead (so it takes over within this
    # long); how long a claim waits for a holder whose presence cannot be checked; how often a
    # `trusthabits sender` looks for due mail.
    tick_seconds: float = Field(30.0, gt=0, le=3600, validation_alias="TRUSTHABITS_TICK_S")
    leader_retry_seconds: float = Field(2.0, gt=0, le=3600, validation_alias="TRUSTHABITS_LEADER_RETRY_S")
    claim_lease_seconds: float = Field(300.0, ge=1, le=86400, validation_alias="TRUSTHABITS_CLAIM_LEASE_S")
    sender_poll_seconds: float = Field(2.0, gt=0, le=3600, validation_alias="TRUSTHABITS_SENDER_POLL_S")
    # Reflex state: this process's memory (one worker), disk, or Redis (several workers). Empty
    # means Redis when a Redis URL is set, memory otherwise. Reflex itself reads only
    # REFLEX_REDIS_URL; REDIS_URL is what deployments expect, and either works here.
    redis_url: Annotated[str | None, AfterValidator(_redis_url)] = Field(
        None, validation_alias=AliasChoices("REDIS_URL", "REFLEX_REDIS_URL"))
    state_manager: Literal["", "memory", "disk", "redis"] = Field("", validation_alias="TRUSTHABITS_STATE_MANAGER")
    # Reflex (Redis) warns when an event held its tab's state lock longer than this. The lock
    # expires after 10 s (Reflex's redis_lock_expiration), so it must stay below that.
    state_lock_warning_ms: int = Field(5000, ge=100, lt=10_000, validation_alias="TRUSTHABITS_STATE_LOCK_WARNING_MS")
    # Reflex's opportunistic lock: a worker keeps a tab's state in memory (and its lock) for this
    # long after an event instead of saving it to Redis each time. 0: off. A SIGKILLed worker
    # loses what changed in this window (README "Scale-out" has the measured trade).
    state_hold_ms: int = Field(0, ge=0, lt=10_000, validation_alias="TRUSTHABITS_STATE_HOLD_MS")
    # PostgreSQL connections per process: pool + overflow (deploy/README.md has the arithmetic).
    db_pool_size: int = Field(5, ge=1, le=1000, validation_alias="TRUSTHABITS_DB_POOL_SIZE")
    db_max_overflow: int = Field(5, ge=0, le=1000, validation_alias="TRUSTHABITS_DB_MAX_OVERFLOW")
    # Where the advisory locks connect (a session of their own): past PgBouncer, whose
    # transaction mode cannot hold a session lock. Empty means DATABASE_URL.
    lock_database_url: str = Field("", validation_alias="TRUSTHABITS_LOCK_DATABASE_URL")
    log_level: Annotated[str, AfterValidator(_log_level)] = Field("INFO", validation_alias="TRUSTHABITS_LOG_LEVEL")
    smtp_url: Annotated[str | None, AfterValidator(_smtp_url)] = Field(None, validation_alias="SMTP_URL")
    mail_from: str = Field(DEFAULT_MAIL_FROM, min_length=3, validation_alias="TRUSTHABITS_MAIL_FROM")
    mail_sender_enabled: Switch = Field(True, validation_alias="TRUSTHABITS_MAIL_SENDER")
    # Sending limits: what one account can make this server send (README: "Abuse resistance").
    max_members_per_team: int = Field(100, ge=1, le=10_000, validation_alias="TRUSTHABITS_MAX_MEMBERS_PER_TEAM")
    max_teams_per_manager: int = Field(20, ge=1, le=1_000, validation_alias="TRUSTHABITS_MAX_TEAMS_PER_MANAGER")
    max_mails_per_day: int = Field(500, ge=1, le=1_000_000, validation_alias="TRUSTHABITS_MAX_MAILS_PER_DAY")
    # Reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs, comma-separated); empty:
    # the connection's peer is the client.
    trusted_proxies: Annotated[str, AfterValidator(_networks)] = Field(
        "", validation_alias="TRUSTHABITS_TRUSTED_PROXIES")
    # Password hashing (Argon2) runs in its own small pool so a flood of sign-ins cannot take
    # the threads every page uses; beyond `hash_queue` waiting attempts, sign-in says "busy".
    hash_workers: int = Field(1, ge=1, le=32, validation_alias="TRUSTHABITS_HASH_WORKERS")
    hash_queue: int = Field(64, ge=1, le=10_000, validation_alias="TRUSTHABITS_HASH_QUEUE")
    # Web Push endpoints are chosen by the browser, so they are attacker-controlled: only https
    # on public addresses unless this allows plain http and private addresses (an intranet push
    # service; the tests' stand-in on loopback).
    push_private_endpoints: Switch = Field(False, validation_alias="TRUSTHABITS_PUSH_PRIVATE_ENDPOINTS")
    # Signs members' unsubscribe links. Empty: a key generated once and kept in the database.
    secret: SecretStr = Field(SecretStr(""), validation_alias="TRUSTHABITS_SECRET")
    # Backups (README: "Operating TrustHabits"): where `trusthabits backup` and the daily backup
    # write (empty: <data_dir>/backups), and how many daily backups are kept (0: none are made).
    backup_dir_setting: Annotated[Path | None, BeforeValidator(lambda raw: raw or None)] = Field(
        None, validation_alias="TRUSTHABITS_BACKUP_DIR")
    backup_keep: int = Field(7, ge=0, le=3650, validation_alias="TRUSTHABITS_BACKUP_KEEP")
    # Retention (services/maintenance.py; README: "What is kept, and for how long").
    retain_outbox_days: int = Field(30, ge=0, le=3650, validation_alias="TRUSTHABITS_RETAIN_OUTBOX_DAYS")
    retain_invitations_days: int = Field(0, ge=0, le=3650, validation_alias="TRUSTHABITS_RETAIN_INVITATIONS_DAYS")
    retain_login_attempts_hours: int = Field(
        24, ge=1, le=24 * 3650, validation_alias="TRUSTHABITS_RETAIN_LOGIN_ATTEMPTS_HOURS")
    # Who may read /metrics: with a token, `Authorization: Bearer <token>` only; without, only a
    # client on this machine talking to a worker directly (not through the proxy).
    metrics_token: SecretStr = Field(SecretStr(""), validation_alias="TRUSTHABITS_METRICS_TOKEN")
    log_format: Literal["text", "json"] = Field("text", validation_alias="TRUSTHABITS_LOG_FORMAT")
    retain_sessions_days: int = Field(0, ge=0, le=3650, validation_alias="TRUSTHABITS_RETAIN_SESSIONS_DAYS")

    @model_validator(mode="after")
    def _fill_derived_defaults(self) -> Settings:
        # Frozen: set the derived defaults once, here, so every reader sees the same values.
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'trusthabits.db'}")
        if not self.base_url:
            object.__setattr__(self, "base_url", f"http://localhost:{self.port}")
        if not self.lock_database_url:
            object.__setattr__(self, "lock_database_url", self.database_url)
        if not self.state_manager:
            object.__setattr__(self, "state_manager", "redis" if self.redis_url else "memory")
        if self.state_manager == "redis" and not self.redis_url:
            raise ValueError("TRUSTHABITS_STATE_MANAGER=redis needs REDIS_URL")
        return self


    @property
    def backup_dir(self) -> Path:
        return self.backup_dir_setting or self.data_dir / "backups"


ENVIRONMENT_VARIABLES: tuple[str, ...] = tuple(
    str(name) for field in Settings.model_fields.values()
    for name in (field.validation_alias.choices if isinstance(field.validation_alias, AliasChoices)
                 else [field.validation_alias]))


@lru_cache(maxsize=8)
def _settings_for(_values: tuple[str | None, ...]) -> Settings:
    return Settings()


def get_settings() -> Settings:
    """The settings for the environment as it is now (cached while it does not change)."""
    return _settings_for(tuple(os.environ.get(name) for name in ENVIRONMENT_VARIABLES))


def describe_invalid(error: ValidationError) -> str:
    """One line per bad variable: its name, what was wrong and the value it had."""
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "settings"
        message = str(problem["msg"]).removeprefix("Value error, ")
        value = os.environ.get(name)
        if value is not None and name.endswith("_URL"):
            value = redact_url(value)  # never print a password
        lines.append(f"Invalid setting {name}={value!r}: {message}" if value is not None
                     else f"Invalid setting {name}: {message}")
    return "\n".join(lines)


def settings_or_exit() -> Settings:
    """The settings, or a clear message on stderr and exit status 2 when one is invalid."""
    try:
        return get_settings()
    except ValidationError as invalid:
        print(f"TrustHabits cannot start. {describe_invalid(invalid)}", file=sys.stderr)
        raise SystemExit(2) from None


def data_dir() -> Path:
    return get_settings().data_dir


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe for logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is logged as-is minus credentials
        return url.split("@")[-1]


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and the
    exception's traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        import json
        from datetime import UTC, datetime

        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class _TickChatterToDebug(logging.Filter):
    """APScheduler says "Running job ..." and "... executed successfully" at INFO on every tick:
    those lines become DEBUG (shown only when that logger's level allows DEBUG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


_TICK_FILTER = _TickChatterToDebug()


class _SlowLockWarnings(logging.Filter):
    """Reflex warns once for every event that held its tab's state lock too long. Under overload
    that is nearly every event, and printing each warning (Reflex's rich console) took a fifth
    of a saturated worker's time, which made the overload worse. One such line per
    `interval_s`, saying how many were left out; other records pass."""

    def __init__(self, interval_s: float = 10.0) -> None:
        super().__init__()
        self.interval_s, self.next_at, self.skipped = interval_s, 0.0, 0

    def filter(self, record: logging.LogRecord) -> bool:
        if "held too long" not in str(record.msg):
            return True
        now = time.monotonic()
        if now < self.next_at:
            self.skipped += 1
            return False
        if self.skipped:
            record.msg = f"{record.msg} ({self.skipped} more such warnings in the last {self.interval_s:g} s)"
            record.args = None
        self.next_at, self.skipped = now + self.interval_s, 0
        return True


SLOW_LOCK_FILTER = _SlowLockWarnings()
# Reflex's logger for its Redis state manager (reflex/istate/manager/redis.py).
REFLEX_STATE_LOGGER = "reflex.istate.manager.redis"


def configure_logging(settings: Settings) -> None:
    """The app's own log lines at the configured level; JSON lines when TRUSTHABITS_LOG_FORMAT=json."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.log_format == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonLogFormatter())
    logging.getLogger("trusthabits").setLevel(settings.log_level)
    for name in ("apscheduler.executors.default",):
        chatter = logging.getLogger(name)
        chatter.setLevel(logging.DEBUG if settings.log_level == "DEBUG" else logging.INFO)
        if _TICK_FILTER not in chatter.filters:
            chatter.addFilter(_TICK_FILTER)
    reflex_state = logging.getLogger(REFLEX_STATE_LOGGER)
    if SLOW_LOCK_FILTER not in reflex_state.filters:
        reflex_state.addFilter(SLOW_LOCK_FILTER)
