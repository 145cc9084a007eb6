"""SQLModel tables. One class per table; rules about the data live in services and core."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from trusthabits.core import clock
from trusthabits.core.calendar import DEFAULT_TIME_ZONE
from trusthabits.core.i18n import DEFAULT_LANGUAGE
from trusthabits.db.types import UTCDateTime


def _utc_column(nullable: bool = False, index: bool = False) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Manager(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(max_length=120)
    password_hash: str = Field(max_length=255)
    locale: str = Field(default=DEFAULT_LANGUAGE, max_length=8)
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    # Weekly reflection prompt, in the manager's own time zone (core/schedule_rules.py has the rules).
    reflect_weekday: int = Field(default=4)
    reflect_time: str = Field(default="16:00", max_length=5)
    # Occurrences before this instant are never sent: a new or changed schedule starts fresh.
    reflect_since: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    # Until the address is confirmed no mail leaves on this manager's behalf (laptop mode and
    # `trusthabits create-manager` confirm at once).
    email_verified_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the opaque token is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    last_seen_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    expires_at: datetime = Field(sa_column=_utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt for a normalised email from a client address, kept for throttling."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "attempted_at"),
        Index("ix_login_attempt_ip_at", "client_ip", "attempted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320)
    client_ip: str = Field(default="", max_length=64)
    attempted_at: datetime = Field(sa_column=_utc_column())
    succeeded: bool = Field(default=False)


class AccountToken(SQLModel, table=True):
    """A single-use link mailed to a manager: confirm the address, or reset the password.
    Only the SHA-256 of the token is stored."""

    __tablename__ = "account_token"
    __table_args__ = (Index("ix_account_token_manager_purpose", "manager_id", "purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id")
    purpose: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(sa_column=_utc_column())
    expires_at: datetime = Field(sa_column=_utc_column())
    used_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class AppSecret(SQLModel, table=True):
    """Keys the app generates for itself once (when TRUSTHABITS_SECRET is not set), shared by
    every worker through the database: e.g. the key that signs unsubscribe links."""

    __tablename__ = "app_secret"

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=128)


class ActionLog(SQLModel, table=True):
    """One practised behaviour on one of the manager's local days."""

    __tablename__ = "action_log"
    # Every screen asks "this manager, these days": today's week, the heatmap, the history pages.
    __table_args__ = (
        Index("ix_action_log_manager_day", "manager_id", "day"),
        UniqueConstraint("manager_id", "uid", name="uq_action_log_manager_uid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Stable identity across export and import, so a re-import never duplicates an entry.
    uid: str = Field(max_length=32)
    manager_id: int = Field(foreign_key="manager.id")
    behaviour: str = Field(max_length=32)
    micro_action: str | None = Field(default=None, max_length=48)
    note: str = Field(default="", max_length=280)
    day: date
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())


class HabitPause(SQLModel, table=True):
    """A holiday or sick leave: habit strength and streaks freeze for the weeks it touches."""

    __tablename__ = "habit_pause"

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    start: date
    end: date
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())


class HabitTarget(SQLModel, table=True):
    """The manager's weekly target for one behaviour; absent means the default."""

    __tablename__ = "habit_target"
    __table_args__ = (UniqueConstraint("manager_id", "behaviour", name="uq_habit_target_manager_behaviour"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id")
    behaviour: str = Field(max_length=32)
    per_week: int


# --- Teams and the weekly pulse -------------------------------------------------------------
#
# Anonymity is a property of this schema: `Invitation` knows the member and the token hash;
# `PulseResponse` and `PulseComment` know only team, ISO week and what was said. No column,
# key or shared id joins them, and their ids are random (not autoincrement), so not even the
# row order lines a response up with the order invitations were used in.


# On SQLite only an INTEGER primary key replaces the hidden, ever-increasing rowid; BIGINT
# would keep it (and with it the insertion order). PostgreSQL needs 64 bits for random ids.
RANDOM_ID_TYPE = BigInteger().with_variant(Integer(), "sqlite")


def random_id() -> int:
    """A random positive 63-bit primary key that carries no insertion order."""
    return secrets.randbits(63) or 1


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    name: str = Field(max_length=80)
    language: str = Field(default=DEFAULT_LANGUAGE, max_length=8)
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    k_threshold: int = Field(default=3)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    # The weekly pulse, in the team's time zone (core/schedule_rules.py has the rules).
    pulse_weekday: int = Field(default=4)
    pulse_time: str = Field(default="13:00", max_length=5)
    reminder_hours: int = Field(default=48)
    close_after_days: int = Field(default=5)
    pulse_since: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    # The address of the team's public "how anonymous?" page: random, not the team id.
    public_id: str = Field(default_factory=lambda: secrets.token_urlsafe(16), max_length=32, unique=True, index=True)


class TeamEvent(SQLModel, table=True):
    """What the manager did with a team's results (shared back, closed a round early), shown to
    the team on its public page. A date only, never a time; never who answered or what."""

    __tablename__ = "team_event"
    __table_args__ = (Index("ix_team_event_team_day", "team_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id")
    kind: str = Field(max_length=32)
    iso_week: str = Field(default="", max_length=8)
    day: date


class ReportPeriod(SQLModel, table=True):
    """From `from_week` on (an ISO week that starts a block, core/anonymity.py), the team's
    pulse is reported in blocks of `weeks` (1, 2 or 4). No row: one week. Rows are kept, so the
    blocks of every past week stay what they were when they were shown."""

    __tablename__ = "report_period"
    __table_args__ = (UniqueConstraint("team_id", "from_week", name="uq_report_period_team_week"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    from_week: str = Field(max_length=8)
    weeks: int


class Member(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "email", name="uq_member_team_email"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    email: str = Field(max_length=320)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    # Set by the member's own unsubscribe link: no more mail from this team. The manager sees
    # how many, never who (it is not part of the member list they see).
    unsubscribed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class PulseRound(SQLModel, table=True):
    """One team's pulse for one ISO week. Closed once `closed_at` is set or `closes_at` passed."""

    __tablename__ = "pulse_round"
    __table_args__ = (UniqueConstraint("team_id", "iso_week", name="uq_pulse_round_team_week"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    iso_week: str = Field(max_length=8)
    instrument_version: int
    opened_at: datetime = Field(sa_column=_utc_column())
    closes_at: datetime = Field(sa_column=_utc_column())
    closed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    # Opened without a mail server: the manager handed the links out and could read them all.
    links_by_hand: bool = Field(default=False)


class Invitation(SQLModel, table=True):
    """A member's single-use link for a round. Only the SHA-256 of the token is stored, and
    no time at all: `used` is a plain flag, so nothing here says when anyone answered."""

    __table_args__ = (UniqueConstraint("round_id", "member_id", name="uq_invitation_round_member"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    used: bool = Field(default=False)
    reminded: bool = Field(default=False)


class PulseResponse(SQLModel, table=True):
    """One anonymous set of scale answers: the week, never a timestamp; JSON {item key: 1–5}."""

    __tablename__ = "pulse_response"
    __table_args__ = (Index("ix_pulse_response_team_week", "team_id", "iso_week"),)

    id: int = Field(default_factory=random_id, sa_column=Column(RANDOM_ID_TYPE, primary_key=True, autoincrement=False))
    team_id: int = Field(foreign_key="team.id")
    iso_week: str = Field(max_length=8)
    instrument_version: int
    answers: str = Field(sa_column=Column(Text, nullable=False))


class PulseComment(SQLModel, table=True):
    """An open comment, stored apart from the scores so it cannot be matched to them."""

    __tablename__ = "pulse_comment"
    __table_args__ = (Index("ix_pulse_comment_team_week", "team_id", "iso_week"),)

    id: int = Field(default_factory=random_id, sa_column=Column(RANDOM_ID_TYPE, primary_key=True, autoincrement=False))
    team_id: int = Field(foreign_key="team.id")
    iso_week: str = Field(max_length=8)
    text: str = Field(sa_column=Column(Text, nullable=False))


class HeldAnswer(SQLModel, table=True):
    """An answer to a round that is still open, held apart until the round closes: no
    invitation, no time, a random id. The closing transaction writes every held answer of the
    round as a `PulseResponse` in shuffled order and deletes these rows (services/pulse_rounds.py)."""

    __tablename__ = "held_answer"

    id: int = Field(default_factory=random_id, sa_column=Column(RANDOM_ID_TYPE, primary_key=True, autoincrement=False))
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    answers: str = Field(sa_column=Column(Text, nullable=False))


class HeldComment(SQLModel, table=True):
    """A comment to a round that is still open, held apart like `HeldAnswer` (and apart from it)."""

    __tablename__ = "held_comment"

    id: int = Field(default_factory=random_id, sa_column=Column(RANDOM_ID_TYPE, primary_key=True, autoincrement=False))
    round_id: int = Field(foreign_key="pulse_round.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))


class OutboxMessage(SQLModel, table=True):
    """Every outgoing mail. The unique key (kind, round, recipient) makes a send happen once
    however often it is requested; the sender moves it from queued to sent or failed."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=200, unique=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    kind: str = Field(max_length=40)
    to_address: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    link: str = Field(default="", max_length=500)
    status: str = Field(default="queued", max_length=16)
    # The sender holding it while it is "sending" (adapters/leader.py: presence).
    claimed_by: str = Field(default="", max_length=80)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_column=_utc_column())
    last_error: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


# --- The weekly rhythm ----------------------------------------------------------------------


class ScheduledSend(SQLModel, table=True):
    """One thing the scheduler must do once: a kind (open, remind, close, prompt) for a target
    (team or manager) in a period (ISO week). The UNIQUE key makes creating it idempotent; the
    status column is claimed with a conditional UPDATE so only one worker acts on it."""

    __tablename__ = "scheduled_send"
    __table_args__ = (
        UniqueConstraint("kind", "target_id", "period", name="uq_scheduled_send_kind_target_period"),
        Index("ix_scheduled_send_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    target_id: int
    period: str = Field(max_length=8)
    due_at: datetime = Field(sa_column=_utc_column())
    status: str = Field(default="pending", max_length=16)
    claimed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    claimed_by: str = Field(default="", max_length=80)
    done_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    note: str = Field(default="", max_length=300)


class Reflection(SQLModel, table=True):
    """A manager's private weekly reflection; a draft until `finished_at` is set."""

    __table_args__ = (UniqueConstraint("manager_id", "iso_week", name="uq_reflection_manager_week"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    iso_week: str = Field(max_length=8)
    question_key: str = Field(default="", max_length=40)
    went_well: str = Field(default="", sa_column=Column(Text, nullable=False))
    try_next: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    finished_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


# --- From reflection to commitment ------------------------------------------------------------


class Commitment(SQLModel, table=True):
    """What the manager will try in the week after a reflection: one behaviour and, optionally,
    one micro-action (a catalogue key). The optional sentence is that reflection's `try_next`.
    `outcome` ("", "yes", "partly", "no") answers "did you?" in the next week's reflection."""

    __table_args__ = (UniqueConstraint("manager_id", "made_in_week", name="uq_commitment_manager_week"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    made_in_week: str = Field(max_length=8)  # the reflection's ISO week; it is for the week after
    behaviour: str = Field(max_length=32)
    micro_action: str | None = Field(default=None, max_length=48)
    outcome: str = Field(default="", max_length=8)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())


class Experiment(SQLModel, table=True):
    """"For the next N weeks: more <behaviour>". Its weeks are fixed when it is declared (it
    starts the ISO week after), so the comparison is never over a window picked afterwards."""

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    behaviour: str = Field(max_length=32)
    start_week: str = Field(max_length=8)
    weeks: int
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    stopped_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


# --- The habit reaches the manager: personal focus, daily nudge, push ------------------------


class HabitPrefs(SQLModel, table=True):
    """A manager's personal focus and daily nudge; absent means the defaults (no focus, nothing
    hidden, no nudge). Behaviour lists are comma-separated catalogue keys, focus in its order."""

    __tablename__ = "habit_prefs"

    manager_id: int = Field(foreign_key="manager.id", primary_key=True)
    focus: str = Field(default="", max_length=120)
    hidden: str = Field(default="", max_length=240)
    # The daily nudge in the manager's own zone: "" is off; days are ISO weekday digits 0 (Mon)…6.
    nudge_time: str = Field(default="", max_length=5)
    nudge_days: str = Field(default="01234", max_length=7)
    # Occurrences before this instant are never sent: a new or changed nudge starts fresh.
    nudge_since: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class OwnMicroAction(SQLModel, table=True):
    """A micro-action the manager wrote for one behaviour, in whatever language they typed it.
    Log entries refer to it as `own:<id>`."""

    __tablename__ = "own_micro_action"
    __table_args__ = (Index("ix_own_micro_action_manager_behaviour", "manager_id", "behaviour"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id")
    behaviour: str = Field(max_length=32)
    text: str = Field(max_length=80)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())


class PushSubscription(SQLModel, table=True):
    """A browser's Web Push subscription (its push service endpoint and keys) for a manager."""

    __tablename__ = "push_subscription"

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    endpoint: str = Field(max_length=1024, unique=True)
    p256dh: str = Field(max_length=128)
    auth: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=clock.now, sa_column=_utc_column())
    failures: int = Field(default=0)
