"""report_period: a team's reporting period (blocks of 1, 2 or 4 weeks) and when it changed.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("from_week", sa.String(length=8), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "from_week", name="uq_report_period_team_week"),
    )
    op.create_index("ix_report_period_team_id", "report_period", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_report_period_team_id", table_name="report_period")
    op.drop_table("report_period")
