"""introduction steps, history spans, MSME progress: each funnel step's first time on the introduction, the MSME on each step, each profile history row's end, each MSME's first step and agreements (issue 14)

The programme dashboard counted a province's introductions by joining every
step to its introduction, and searched each MSME's history for the row in
effect on a day; these columns let it read one table per figure.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 02:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# step column -> the statuses whose first step sets it
# As web.services.growth's kind groups; kept here so that this revision does not
# change when the service does.
FIRST_AGREEMENTS = {
    'first_agreed_at': None,
    'first_credit_at': ('loan',),
    'first_financing_at': ('loan', 'grant'),
    'first_buyer_at': ('purchase_contract',),
}

STEPS = {
    'proposed_at': ('proposed',),
    'answered_at': ('accepted', 'declined'),
    'met_at': ('met',),
    'agreed_at': ('agreement',),
}


def upgrade() -> None:
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        for name in STEPS:
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('introduction_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('msme_id', sa.Integer(), nullable=True))

    with op.batch_alter_table('msme_profile_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('valid_until', sa.Date(), nullable=True))

    # data step: the steps and history already recorded fill the new columns
    op.execute(
        "UPDATE msme_profile_history SET valid_until = (SELECT min(n.effective_date)"
        " FROM msme_profile_history n WHERE n.msme_id = msme_profile_history.msme_id"
        " AND n.effective_date > msme_profile_history.effective_date)"
    )
    for name, statuses in STEPS.items():
        listed = ', '.join(f"'{s}'" for s in statuses)
        op.execute(
            f"UPDATE introduction SET {name} = (SELECT min(e.created_at) FROM introduction_event e"
            f" WHERE e.introduction_id = introduction.id AND e.status IN ({listed}))"
        )
    op.execute(
        "UPDATE introduction_event SET msme_id = (SELECT i.msme_id FROM introduction i"
        " WHERE i.id = introduction_event.introduction_id)"
    )

    with op.batch_alter_table('introduction_event', schema=None) as batch_op:
        batch_op.alter_column('msme_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_introduction_event_msme_id_msme'), 'msme', ['msme_id'], ['id'],
            ondelete='CASCADE',
        )
        batch_op.drop_index('ix_introduction_event_created_at')
        batch_op.create_index('ix_introduction_event_created_msme', ['created_at', 'msme_id'],
                              unique=False)
    op.create_table('msme_progress',
    sa.Column('msme_id', sa.Integer(), nullable=False),
    sa.Column('first_step_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_credit_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_financing_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_buyer_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['msme_id'], ['msme.id'], name=op.f('fk_msme_progress_msme_id_msme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('msme_id', name=op.f('pk_msme_progress'))
    )
    op.execute(
        "INSERT INTO msme_progress (msme_id, first_step_at) SELECT msme_id, min(created_at)"
        " FROM introduction_event GROUP BY msme_id"
    )
    for name, kinds in FIRST_AGREEMENTS.items():
        listed = '' if kinds is None else (
            ' AND i.outcome_kind IN (' + ', '.join(f"'{k}'" for k in kinds) + ')'
        )
        op.execute(
            f"UPDATE msme_progress SET {name} = (SELECT min(i.agreed_at) FROM introduction i"
            f" WHERE i.msme_id = msme_progress.msme_id{listed})"
        )

    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index('ix_introduction_msme_id')
        batch_op.create_index('ix_introduction_msme_created', ['msme_id', 'created_at'],
                              unique=False)
        batch_op.create_index('ix_introduction_agreed_at', ['agreed_at'], unique=False)


def downgrade() -> None:
    op.drop_table('msme_progress')
    with op.batch_alter_table('msme_profile_history', schema=None) as batch_op:
        batch_op.drop_column('valid_until')
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index('ix_introduction_agreed_at')
        batch_op.drop_index('ix_introduction_msme_created')
        batch_op.create_index('ix_introduction_msme_id', ['msme_id'], unique=False)
        for name in reversed(list(STEPS)):
            batch_op.drop_column(name)
    with op.batch_alter_table('introduction_event', schema=None) as batch_op:
        batch_op.drop_index('ix_introduction_event_created_msme')
        batch_op.create_index('ix_introduction_event_created_at', ['created_at'], unique=False)
        batch_op.drop_constraint(
            batch_op.f('fk_introduction_event_msme_id_msme'), type_='foreignkey'
        )
        batch_op.drop_column('msme_id')
