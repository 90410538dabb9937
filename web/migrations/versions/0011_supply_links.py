"""supply links and pooling: MSMEs' supplies and sources, offerings' volume (issue 16)

Revision ID: 0011
Revises: 0007
Create Date: 2026-11-29 22:50:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('msme', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('supplies', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column('sources', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table('offering', schema=None) as batch_op:
        batch_op.add_column(sa.Column('volume_quantity', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('volume_unit', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('volume_period', sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('offering', schema=None) as batch_op:
        batch_op.drop_column('volume_period')
        batch_op.drop_column('volume_unit')
        batch_op.drop_column('volume_quantity')
    with op.batch_alter_table('msme', schema=None) as batch_op:
        batch_op.drop_column('sources')
        batch_op.drop_column('supplies')
