"""privacy: erasure records, consent history, export log, retention

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _entity_columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'erasures',
        sa.Column('reference', sa.String(length=40), nullable=False),
        sa.Column('erased_at', sa.DateTime(), nullable=False),
        sa.Column('records', sa.Integer(), nullable=False),
        sa.Column('backups', sa.String(length=20), nullable=False),
        sa.Column('set_aside', sa.String(length=20), nullable=False),
        *_entity_columns(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_erasures')),
        sa.UniqueConstraint('reference', name=op.f('uq_erasures_reference')),
        sa.UniqueConstraint('uuid', name=op.f('uq_erasures_uuid')),
    )
    op.create_table(
        'consent_changes',
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('consent', sa.String(length=40), nullable=False),
        sa.Column('given', sa.Boolean(), nullable=False),
        sa.Column('recorded_on', sa.Date(), nullable=True),
        sa.Column('wording', sa.Text(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                                name=op.f('fk_consent_changes_participant_id_participants'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_changes')),
        sa.UniqueConstraint('uuid', name=op.f('uq_consent_changes_uuid')),
    )
    op.create_index(op.f('ix_consent_changes_participant_id'), 'consent_changes',
                    ['participant_id'], unique=False)
    op.create_table(
        'export_log',
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('exported_at', sa.DateTime(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=True),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        *_entity_columns(),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'],
                                name=op.f('fk_export_log_cohort_id_cohorts'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_export_log_organisation_id_organisations'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_log')),
        sa.UniqueConstraint('uuid', name=op.f('uq_export_log_uuid')),
    )
    op.create_index(op.f('ix_export_log_cohort_id'), 'export_log', ['cohort_id'], unique=False)
    op.create_index(op.f('ix_export_log_organisation_id'), 'export_log', ['organisation_id'],
                    unique=False)
    op.create_table(
        'export_people',
        sa.Column('export_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['export_id'], ['export_log.id'],
                                name=op.f('fk_export_people_export_id_export_log'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                                name=op.f('fk_export_people_participant_id_participants'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('export_id', 'participant_id', name=op.f('pk_export_people')),
    )
    op.create_index(op.f('ix_export_people_participant_id'), 'export_people', ['participant_id'],
                    unique=False)
    op.create_table(
        'cohort_retention',
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('keep_until', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'],
                                name=op.f('fk_cohort_retention_cohort_id_cohorts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('cohort_id', name=op.f('pk_cohort_retention')),
    )
    op.create_table(
        'privacy_settings',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_privacy_settings')),
    )


def downgrade() -> None:
    op.drop_table('privacy_settings')
    op.drop_table('cohort_retention')
    op.drop_index(op.f('ix_export_people_participant_id'), table_name='export_people')
    op.drop_table('export_people')
    op.drop_index(op.f('ix_export_log_organisation_id'), table_name='export_log')
    op.drop_index(op.f('ix_export_log_cohort_id'), table_name='export_log')
    op.drop_table('export_log')
    op.drop_index(op.f('ix_consent_changes_participant_id'), table_name='consent_changes')
    op.drop_table('consent_changes')
    op.drop_table('erasures')
