"""SQLModel tables. One class per table; rules about the data live in services and core."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from trusthabits.db.types import UTCDateTime, utcnow


def _utc_column(nullable: bool = False, index: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Manager(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(max_length=120)
    password_hash: str = Field(max_length=255)
    locale: str = Field(default="en", max_length=8)
    time_zone: str = Field(default="Europe/Amsterdam", max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the opaque token is stored."""

    __tablename__ = "auth_session"

    id: Optional[int] = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    last_seen_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    expires_at: datetime = Field(sa_column=_utc_column())
    revoked_at: Optional[datetime] = Field(default=None, sa_column=_utc_column(nullable=True))


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt for a normalised email, kept for rate limiting."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_email_at", "email", "attempted_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(max_length=320)
    attempted_at: datetime = Field(sa_column=_utc_column())
    succeeded: bool = Field(default=False)


class ActionLog(SQLModel, table=True):
    """One practised behaviour on one of the manager's local days."""

    __tablename__ = "action_log"
    # Every screen asks "this manager, these days": today's week, the heatmap, the history pages.
    __table_args__ = (
        Index("ix_action_log_manager_day", "manager_id", "day"),
        UniqueConstraint("manager_id", "uid", name="uq_action_log_manager_uid"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    # Stable identity across export and import, so a re-import never duplicates an entry.
    uid: str = Field(max_length=32)
    manager_id: int = Field(foreign_key="manager.id")
    behaviour: str = Field(max_length=32)
    micro_action: Optional[str] = Field(default=None, max_length=48)
    note: str = Field(default="", max_length=280)
    day: date
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class HabitPause(SQLModel, table=True):
    """A holiday or sick leave: habit strength and streaks freeze for the weeks it touches."""

    __tablename__ = "habit_pause"

    id: Optional[int] = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", index=True)
    start: date
    end: date
    created_at: datetime = Field(default_factory=utcnow, sa_column=_utc_column())


class HabitTarget(SQLModel, table=True):
    """The manager's weekly target for one behaviour; absent means the default."""

    __tablename__ = "habit_target"
    __table_args__ = (UniqueConstraint("manager_id", "behaviour", name="uq_habit_target_manager_behaviour"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id")
    behaviour: str = Field(max_length=32)
    per_week: int
