"""supply links and pooling: MSMEs' supplies and sources, offerings' volume (issue 16)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 22:50:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
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
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pool_group', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_introduction_pool_group'), ['pool_group'], unique=False)
    op.create_table(
        'supply_introduction',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('supplier_id', sa.Integer(), nullable=False),
        sa.Column('buyer_id', sa.Integer(), nullable=False),
        sa.Column('commodity', sa.String(length=100), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('supplier_accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('buyer_accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('supplier_id <> buyer_id', name='two_msmes'),
        sa.ForeignKeyConstraint(['buyer_id'], ['msme.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['supplier_id'], ['msme.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('supplier_id', 'buyer_id', 'commodity'),
    )
    with op.batch_alter_table('supply_introduction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supply_introduction_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supply_introduction_supplier_id'), ['supplier_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supply_introduction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supply_introduction_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_supply_introduction_buyer_id'))
    op.drop_table('supply_introduction')
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_pool_group'))
        batch_op.drop_column('pool_group')
    with op.batch_alter_table('offering', schema=None) as batch_op:
        batch_op.drop_column('volume_period')
        batch_op.drop_column('volume_unit')
        batch_op.drop_column('volume_quantity')
    with op.batch_alter_table('msme', schema=None) as batch_op:
        batch_op.drop_column('sources')
        batch_op.drop_column('supplies')
