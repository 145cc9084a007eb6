"""habit_reach: personal focus and hidden behaviours, own micro-actions, the daily nudge and
Web Push subscriptions.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

import trusthabits.db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "habit_prefs",
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("focus", sa.String(length=120), nullable=False),
        sa.Column("hidden", sa.String(length=240), nullable=False),
        sa.Column("nudge_time", sa.String(length=5), nullable=False),
        sa.Column("nudge_days", sa.String(length=7), nullable=False),
        sa.Column("nudge_since", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("manager_id"),
    )
    op.create_table(
        "own_micro_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("behaviour", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=80), nullable=False),
        sa.Column("created_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_own_micro_action_manager_behaviour", "own_micro_action", ["manager_id", "behaviour"])
    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(length=1024), nullable=False),
        sa.Column("p256dh", sa.String(length=128), nullable=False),
        sa.Column("auth", sa.String(length=64), nullable=False),
        sa.Column("created_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("endpoint"),
    )
    op.create_index("ix_push_subscription_manager_id", "push_subscription", ["manager_id"])


def downgrade() -> None:
    op.drop_index("ix_push_subscription_manager_id", table_name="push_subscription")
    op.drop_table("push_subscription")
    op.drop_index("ix_own_micro_action_manager_behaviour", table_name="own_micro_action")
    op.drop_table("own_micro_action")
    op.drop_table("habit_prefs")
