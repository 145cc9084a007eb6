"""team_pulse: teams, members, pulse rounds, invitations, anonymous responses and comments,
and the mail outbox.

pulse_response and pulse_comment deliberately have no link to invitation, member or token,
and random (non-rowid-ordered) ids; see trusthabits/db/models.py.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 21:59:57.674167
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import trusthabits.db.types

revision = '0003'
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('to_address', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('sent_at', trusthabits.db.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['manager_id'], ['manager.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_manager_id'), ['manager_id'], unique=False)
        batch_op.create_index('ix_outbox_status_next', ['status', 'next_attempt_at'], unique=False)

    op.create_table('team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('k_threshold', sa.Integer(), nullable=False),
    sa.Column('created_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['manager.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_manager_id'), ['manager_id'], unique=False)

    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('team_id', 'email', name='uq_member_team_email')
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_team_id'), ['team_id'], unique=False)

    op.create_table('pulse_comment',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('iso_week', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pulse_comment', schema=None) as batch_op:
        batch_op.create_index('ix_pulse_comment_team_week', ['team_id', 'iso_week'], unique=False)

    op.create_table('pulse_response',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('iso_week', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('instrument_version', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pulse_response', schema=None) as batch_op:
        batch_op.create_index('ix_pulse_response_team_week', ['team_id', 'iso_week'], unique=False)

    op.create_table('pulse_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('iso_week', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('instrument_version', sa.Integer(), nullable=False),
    sa.Column('opened_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('closes_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', trusthabits.db.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('team_id', 'iso_week', name='uq_pulse_round_team_week')
    )
    with op.batch_alter_table('pulse_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_round_team_id'), ['team_id'], unique=False)

    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('sent_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('used_at', trusthabits.db.types.UTCDateTime(), nullable=True),
    sa.Column('reminded_at', trusthabits.db.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['pulse_round.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'member_id', name='uq_invitation_round_member')
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitation_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitation_token_hash'), ['token_hash'], unique=True)



def downgrade() -> None:
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_token_hash'))
        batch_op.drop_index(batch_op.f('ix_invitation_round_id'))
        batch_op.drop_index(batch_op.f('ix_invitation_member_id'))

    op.drop_table('invitation')
    with op.batch_alter_table('pulse_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulse_round_team_id'))

    op.drop_table('pulse_round')
    with op.batch_alter_table('pulse_response', schema=None) as batch_op:
        batch_op.drop_index('ix_pulse_response_team_week')

    op.drop_table('pulse_response')
    with op.batch_alter_table('pulse_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_pulse_comment_team_week')

    op.drop_table('pulse_comment')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_team_id'))

    op.drop_table('member')
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_manager_id'))

    op.drop_table('team')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_status_next')
        batch_op.drop_index(batch_op.f('ix_outbox_message_manager_id'))

    op.drop_table('outbox_message')
