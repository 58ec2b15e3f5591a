"""finding the flex worksheets and assessments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:23:04.389429
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table('rule_groups',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_rule_groups_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_groups')),
    sa.UniqueConstraint('uuid', name=op.f('uq_rule_groups_uuid'))
    )
    with op.batch_alter_table('rule_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_groups_cohort_id'), ['cohort_id'], unique=False)

    op.create_table('assessments',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=60), nullable=False),
    sa.Column('point', sa.String(length=20), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_assessments_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_assessments_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('participant_id', 'template', 'point', name=op.f('uq_assessments_participant_id_template_point')),
    sa.UniqueConstraint('uuid', name=op.f('uq_assessments_uuid'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_participant_id'), ['participant_id'], unique=False)

    op.create_table('rule_entries',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('rule', sa.String(length=500), nullable=False),
    sa.Column('area', sa.String(length=120), nullable=False),
    sa.Column('belief', sa.String(length=20), nullable=False),
    sa.Column('source_kind', sa.String(length=120), nullable=False),
    sa.Column('believed_source', sa.Text(), nullable=False),
    sa.Column('checked_with', sa.String(length=200), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('flex_holder', sa.String(length=200), nullable=False),
    sa.Column('condition', sa.String(length=120), nullable=False),
    sa.Column('experiment', sa.Text(), nullable=False),
    sa.Column('risk', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_rule_entries_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['rule_groups.id'], name=op.f('fk_rule_entries_group_id_rule_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_rule_entries_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_entries')),
    sa.UniqueConstraint('uuid', name=op.f('uq_rule_entries_uuid'))
    )
    with op.batch_alter_table('rule_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_entries_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_entries_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rule_entries_participant_id'), ['participant_id'], unique=False)

    op.create_table('assessment_scores',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_scores_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_scores')),
    sa.UniqueConstraint('assessment_id', 'item', name=op.f('uq_assessment_scores_assessment_id_item')),
    sa.UniqueConstraint('uuid', name=op.f('uq_assessment_scores_uuid'))
    )
    with op.batch_alter_table('assessment_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_scores_assessment_id'), ['assessment_id'], unique=False)

def downgrade() -> None:
    with op.batch_alter_table('assessment_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_scores_assessment_id'))

    op.drop_table('assessment_scores')
    with op.batch_alter_table('rule_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_entries_participant_id'))
        batch_op.drop_index(batch_op.f('ix_rule_entries_group_id'))
        batch_op.drop_index(batch_op.f('ix_rule_entries_cohort_id'))

    op.drop_table('rule_entries')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_participant_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_cohort_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('rule_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_groups_cohort_id'))

    op.drop_table('rule_groups')
