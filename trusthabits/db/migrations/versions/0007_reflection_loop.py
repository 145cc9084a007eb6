"""reflection_loop: commitments made in a reflection, and personal experiments.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

import trusthabits.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("made_in_week", sa.String(length=8), nullable=False),
        sa.Column("behaviour", sa.String(length=32), nullable=False),
        sa.Column("micro_action", sa.String(length=48), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("created_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("manager_id", "made_in_week", name="uq_commitment_manager_week"),
    )
    op.create_index("ix_commitment_manager_id", "commitment", ["manager_id"])
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("behaviour", sa.String(length=32), nullable=False),
        sa.Column("start_week", sa.String(length=8), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("created_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("stopped_at", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_experiment_manager_id", "experiment", ["manager_id"])


def downgrade() -> None:
    op.drop_index("ix_experiment_manager_id", table_name="experiment")
    op.drop_table("experiment")
    op.drop_index("ix_commitment_manager_id", table_name="commitment")
    op.drop_table("commitment")
