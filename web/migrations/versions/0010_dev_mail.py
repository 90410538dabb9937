"""dev_mail: the development mailbox (messages kept as sent when no MAIL_URL is set)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 23:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dev_mail',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recipient', sa.String(length=320), nullable=False),
        sa.Column('subject', sa.String(length=500), nullable=False),
        sa.Column('message_id', sa.String(length=200), nullable=False),
        sa.Column('raw', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dev_mail')),
    )
    with op.batch_alter_table('dev_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dev_mail_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dev_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dev_mail_created_at'))
    op.drop_table('dev_mail')
