"""weekly_rhythm: pulse and reflection schedules, the scheduler's due table, reflections.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import trusthabits.db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manager") as batch_op:
        batch_op.add_column(sa.Column("reflect_weekday", sa.Integer(), nullable=False, server_default="4"))
        batch_op.add_column(sa.Column("reflect_time", sa.String(length=5), nullable=False, server_default="16:00"))
        batch_op.add_column(sa.Column("reflect_since", trusthabits.db.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("team") as batch_op:
        batch_op.add_column(sa.Column("pulse_weekday", sa.Integer(), nullable=False, server_default="4"))
        batch_op.add_column(sa.Column("pulse_time", sa.String(length=5), nullable=False, server_default="13:00"))
        batch_op.add_column(sa.Column("reminder_hours", sa.Integer(), nullable=False, server_default="48"))
        batch_op.add_column(sa.Column("close_after_days", sa.Integer(), nullable=False, server_default="5"))
        batch_op.add_column(sa.Column("pulse_since", trusthabits.db.types.UTCDateTime(), nullable=True))
    op.create_table(
        "scheduled_send",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("due_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=80), nullable=False),
        sa.Column("done_at", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "target_id", "period", name="uq_scheduled_send_kind_target_period"),
    )
    op.create_index("ix_scheduled_send_status_due", "scheduled_send", ["status", "due_at"])
    op.create_table(
        "reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.String(length=8), nullable=False),
        sa.Column("question_key", sa.String(length=40), nullable=False),
        sa.Column("went_well", sa.Text(), nullable=False),
        sa.Column("try_next", sa.Text(), nullable=False),
        sa.Column("updated_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("finished_at", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("manager_id", "iso_week", name="uq_reflection_manager_week"),
    )
    op.create_index("ix_reflection_manager_id", "reflection", ["manager_id"])


def downgrade() -> None:
    op.drop_index("ix_reflection_manager_id", table_name="reflection")
    op.drop_table("reflection")
    op.drop_index("ix_scheduled_send_status_due", table_name="scheduled_send")
    op.drop_table("scheduled_send")
    with op.batch_alter_table("team") as batch_op:
        for column in ("pulse_since", "close_after_days", "reminder_hours", "pulse_time", "pulse_weekday"):
            batch_op.drop_column(column)
    with op.batch_alter_table("manager") as batch_op:
        for column in ("reflect_since", "reflect_time", "reflect_weekday"):
            batch_op.drop_column(column)
