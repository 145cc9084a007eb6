"""daily log: action_log (with its (manager_id, day) index), habit_pause, habit_target

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import trusthabits.db.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('action_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('behaviour', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('micro_action', sqlmodel.sql.sqltypes.AutoString(length=48), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=280), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['manager.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('manager_id', 'uid', name='uq_action_log_manager_uid')
    )
    with op.batch_alter_table('action_log', schema=None) as batch_op:
        batch_op.create_index('ix_action_log_manager_day', ['manager_id', 'day'], unique=False)

    op.create_table('habit_pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('created_at', trusthabits.db.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['manager.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('habit_pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_habit_pause_manager_id'), ['manager_id'], unique=False)

    op.create_table('habit_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('behaviour', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('per_week', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['manager.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('manager_id', 'behaviour', name='uq_habit_target_manager_behaviour')
    )


def downgrade() -> None:
    op.drop_table('habit_target')
    with op.batch_alter_table('habit_pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_habit_pause_manager_id'))

    op.drop_table('habit_pause')
    with op.batch_alter_table('action_log', schema=None) as batch_op:
        batch_op.drop_index('ix_action_log_manager_day')

    op.drop_table('action_log')
