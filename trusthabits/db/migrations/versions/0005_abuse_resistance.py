"""abuse_resistance: confirmed addresses, account links (confirm / reset), sign-in attempts by
client address, unsubscribed members, the app's own generated secrets.

Revision ID: 0005
Revises: 0004
"""

import secrets

import sqlalchemy as sa
from alembic import op

import trusthabits.db.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manager") as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", trusthabits.db.types.UTCDateTime(), nullable=True))
    # Accounts from before confirmation existed keep working: they count as confirmed.
    op.execute("UPDATE manager SET email_verified_at = created_at")
    with op.batch_alter_table("login_attempt") as batch_op:
        batch_op.add_column(sa.Column("client_ip", sa.String(length=64), nullable=False, server_default=""))
    op.create_index("ix_login_attempt_ip_at", "login_attempt", ["client_ip", "attempted_at"])
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("unsubscribed_at", trusthabits.db.types.UTCDateTime(), nullable=True))
    op.create_table(
        "account_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", trusthabits.db.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", trusthabits.db.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_account_token_token_hash", "account_token", ["token_hash"], unique=True)
    op.create_index("ix_account_token_manager_purpose", "account_token", ["manager_id", "purpose"])
    op.create_table(
        "app_secret",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    # The key that signs members' unsubscribe links when TRUSTHABITS_SECRET is not set.
    op.bulk_insert(sa.table("app_secret", sa.column("name"), sa.column("value")),
                   [{"name": "unsubscribe", "value": secrets.token_urlsafe(32)}])


def downgrade() -> None:
    op.drop_table("app_secret")
    op.drop_index("ix_account_token_manager_purpose", table_name="account_token")
    op.drop_index("ix_account_token_token_hash", table_name="account_token")
    op.drop_table("account_token")
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("unsubscribed_at")
    op.drop_index("ix_login_attempt_ip_at", table_name="login_attempt")
    with op.batch_alter_table("login_attempt") as batch_op:
        batch_op.drop_column("client_ip")
    with op.batch_alter_table("manager") as batch_op:
        batch_op.drop_column("email_verified_at")
