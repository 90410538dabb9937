"""commodity_keys: each typed commodity's taxonomy key beside it, on msme and offering (issue 13)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 00:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# As web.services.commodity_keys.SPELLING_MAX; kept here so that this revision
# does not change when the service does.
SPELLING_MAX = 64


def _keys(commodities) -> list:
    from matcher.commodities import default_taxonomy

    taxonomy = default_taxonomy()
    out = []
    for text in commodities or ():
        found = taxonomy.spelled(text) if text and len(text) <= SPELLING_MAX else None
        out.append(found.key if found is not None else None)
    return out


def upgrade() -> None:
    bind = op.get_bind()
    for table in ('msme', 'offering'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('commodity_keys', sa.JSON(), nullable=False,
                          server_default=sa.text("'[]'"))
            )
        # data step: the existing rows get the keys of what they typed
        rows = sa.table(table, sa.column('id', sa.Integer), sa.column('commodities', sa.JSON),
                        sa.column('commodity_keys', sa.JSON))
        for row_id, commodities in bind.execute(sa.select(rows.c.id, rows.c.commodities)).all():
            keys = _keys(commodities)
            if keys:
                bind.execute(
                    rows.update().where(rows.c.id == row_id).values(commodity_keys=keys)
                )


def downgrade() -> None:
    for table in ('offering', 'msme'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('commodity_keys')
