"""outbox_claims: who claimed an outbox message, so a dead sender's claims are taken over at once.

Backward compatible for one release: a NOT NULL column with a server default, which the
previous release's code simply does not write.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=80), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch_op:
        batch_op.drop_column("claimed_by")
