"""anonymous_storage: invitations keep plain used/reminded flags and no time at all; answers to
an open round are held apart (held_answer, held_comment) until it closes; rounds remember
whether their links were handed out by hand; each team gets a public page id and a list of
what the manager did with its results (team_event).

Revision ID: 0009
Revises: 0008
"""

import secrets

import sqlalchemy as sa
from alembic import op

import trusthabits.db.types

# A random 63-bit id on PostgreSQL; on SQLite an INTEGER key, which *is* the rowid (no hidden order).
RANDOM_ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.add_column(sa.Column("used", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("reminded", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE invitation SET used = (used_at IS NOT NULL), reminded = (reminded_at IS NOT NULL)")
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.drop_column("used_at")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("sent_at")
    with op.batch_alter_table("pulse_round") as batch_op:
        batch_op.add_column(sa.Column("links_by_hand", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("team") as batch_op:
        batch_op.add_column(sa.Column("public_id", sa.String(length=32), nullable=True))
    team = sa.table("team", sa.column("id", sa.Integer()), sa.column("public_id", sa.String()))
    connection = op.get_bind()
    for (team_id,) in connection.execute(sa.select(team.c.id)).all():
        connection.execute(team.update().where(team.c.id == team_id).values(public_id=secrets.token_urlsafe(16)))
    with op.batch_alter_table("team") as batch_op:
        batch_op.alter_column("public_id", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index(batch_op.f("ix_team_public_id"), ["public_id"], unique=True)
    op.create_table(
        "team_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("iso_week", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_event_team_day", "team_event", ["team_id", "day"])
    op.create_table(
        "held_answer",
        sa.Column("id", RANDOM_ID_TYPE, autoincrement=False, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["pulse_round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_held_answer_round_id", "held_answer", ["round_id"])
    op.create_table(
        "held_comment",
        sa.Column("id", RANDOM_ID_TYPE, autoincrement=False, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["pulse_round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_held_comment_round_id", "held_comment", ["round_id"])


def downgrade() -> None:
    op.drop_index("ix_held_comment_round_id", table_name="held_comment")
    op.drop_table("held_comment")
    op.drop_index("ix_held_answer_round_id", table_name="held_answer")
    op.drop_table("held_answer")
    op.drop_index("ix_team_event_team_day", table_name="team_event")
    op.drop_table("team_event")
    with op.batch_alter_table("team") as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_public_id"))
        batch_op.drop_column("public_id")
    with op.batch_alter_table("pulse_round") as batch_op:
        batch_op.drop_column("links_by_hand")
    # The times were never kept: a downgraded database says "sent at the round's opening".
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.add_column(sa.Column("sent_at", trusthabits.db.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("used_at", trusthabits.db.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reminded_at", trusthabits.db.types.UTCDateTime(), nullable=True))
    op.execute("UPDATE invitation SET sent_at = (SELECT opened_at FROM pulse_round WHERE pulse_round.id = round_id)")
    op.execute("UPDATE invitation SET used_at = sent_at WHERE used")
    op.execute("UPDATE invitation SET reminded_at = sent_at WHERE reminded")
    with op.batch_alter_table("invitation") as batch_op:
        batch_op.alter_column("sent_at", existing_type=trusthabits.db.types.UTCDateTime(), nullable=False)
        batch_op.drop_column("used")
        batch_op.drop_column("reminded")
