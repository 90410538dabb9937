"""two-step login recovery codes; the reason a partner was refused; name sort keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 22:45:00.000000
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _name_key(name):
    # the same as web.models.name_key at the time of this migration
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())[:200]


def upgrade() -> None:
    op.create_table(
        'recovery_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user_account.id'],
            name=op.f('fk_recovery_code_user_id_user_account'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
        sa.UniqueConstraint('code_hash', name=op.f('uq_recovery_code_code_hash')),
    )
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recovery_code_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refusal_reason', sa.Text(), nullable=True))
    for table in ('msme', 'partner'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('name_key', sa.String(length=200), server_default='', nullable=False)
            )
            batch_op.create_index(batch_op.f(f'ix_{table}_name_key'), ['name_key'], unique=False)
        rows = sa.table(table, sa.column('id', sa.Integer), sa.column('name', sa.String),
                        sa.column('name_key', sa.String))
        bind = op.get_bind()
        for row_id, name in bind.execute(sa.select(rows.c.id, rows.c.name)).all():
            bind.execute(rows.update().where(rows.c.id == row_id).values(name_key=_name_key(name)))


def downgrade() -> None:
    for table in ('msme', 'partner'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_name_key'))
            batch_op.drop_column('name_key')
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_column('refusal_reason')
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recovery_code_user_id'))
    op.drop_table('recovery_code')
