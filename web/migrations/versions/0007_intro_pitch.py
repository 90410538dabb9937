"""the pitch a consultant writes for the partner when proposing an introduction

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:55:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pitch', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_column('pitch')
