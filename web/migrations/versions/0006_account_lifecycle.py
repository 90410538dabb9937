"""shared failure counters for logins and two-step codes; the last accepted TOTP step

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 19:55:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auth_attempt',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_auth_attempt'))
    )
    with op.batch_alter_table('auth_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_attempt_last_failure_at'), ['last_failure_at'], unique=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
    with op.batch_alter_table('auth_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_attempt_last_failure_at'))
    op.drop_table('auth_attempt')
