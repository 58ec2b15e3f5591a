"""learning between events: pulse surveys, questions and answers, learning-call notes,
experiments, diaries, insights and looking-back notes (new tables only)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:15:09.607131
"""
import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('looking_back_notes',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('carried_from', sa.String(length=120), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_looking_back_notes_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_looking_back_notes')),
    sa.UniqueConstraint('uuid', name=op.f('uq_looking_back_notes_uuid'))
    )
    with op.batch_alter_table('looking_back_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_looking_back_notes_cohort_id'), ['cohort_id'], unique=False)

    op.create_table('pulse_surveys',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_pulse_surveys_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulse_surveys')),
    sa.UniqueConstraint('uuid', name=op.f('uq_pulse_surveys_uuid'))
    )
    with op.batch_alter_table('pulse_surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_surveys_cohort_id'), ['cohort_id'], unique=True)

    op.create_table('call_notes',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('prompts', sa.Text(), nullable=False),
    sa.Column('came_up', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_call_notes_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_notes')),
    sa.UniqueConstraint('uuid', name=op.f('uq_call_notes_uuid'))
    )
    with op.batch_alter_table('call_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_notes_event_id'), ['event_id'], unique=True)

    op.create_table('pulse_questions',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('low_label', sa.String(length=60), nullable=False),
    sa.Column('high_label', sa.String(length=60), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['pulse_surveys.id'], name=op.f('fk_pulse_questions_survey_id_pulse_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulse_questions')),
    sa.UniqueConstraint('survey_id', 'key', name=op.f('uq_pulse_questions_survey_id_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_pulse_questions_uuid'))
    )
    with op.batch_alter_table('pulse_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_questions_survey_id'), ['survey_id'], unique=False)

    op.create_table('diary_entries',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('written_on', sa.Date(), nullable=True),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('how_i_felt', sa.Text(), nullable=False),
    sa.Column('what_i_noticed', sa.Text(), nullable=False),
    sa.Column('what_i_will_do', sa.Text(), nullable=False),
    sa.Column('may_use', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_diary_entries_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_diary_entries_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diary_entries')),
    sa.UniqueConstraint('uuid', name=op.f('uq_diary_entries_uuid'))
    )
    with op.batch_alter_table('diary_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diary_entries_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diary_entries_participant_id'), ['participant_id'], unique=False)

    op.create_table('pulse_answers',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_pulse_answers_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['pulse_questions.id'], name=op.f('fk_pulse_answers_question_id_pulse_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulse_answers')),
    sa.UniqueConstraint('question_id', 'participant_id', 'week', name=op.f('uq_pulse_answers_question_id_participant_id_week')),
    sa.UniqueConstraint('uuid', name=op.f('uq_pulse_answers_uuid'))
    )
    with op.batch_alter_table('pulse_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_answers_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index('ix_pulse_answers_trend', ['question_id', 'week', 'score'], unique=False)

    op.create_table('experiments',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('learnt', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_experiments_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_experiments_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rule_id'], ['rule_entries.id'], name=op.f('fk_experiments_rule_id_rule_entries'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_experiments')),
    sa.UniqueConstraint('uuid', name=op.f('uq_experiments_uuid'))
    )
    with op.batch_alter_table('experiments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_experiments_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_experiments_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_experiments_rule_id'), ['rule_id'], unique=False)

    op.create_table('insights',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('themes', sa.String(length=500), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('source_kind', sa.String(length=40), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('experiment_id', sa.Integer(), nullable=True),
    sa.Column('diary_id', sa.Integer(), nullable=True),
    sa.Column('shareable', sa.Boolean(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_insights_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['diary_id'], ['diary_entries.id'], name=op.f('fk_insights_diary_id_diary_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_insights_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['experiment_id'], ['experiments.id'], name=op.f('fk_insights_experiment_id_experiments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['insights.id'], name=op.f('fk_insights_merged_into_id_insights'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_insights_participant_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rule_id'], ['rule_entries.id'], name=op.f('fk_insights_rule_id_rule_entries'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insights')),
    sa.UniqueConstraint('uuid', name=op.f('uq_insights_uuid'))
    )
    with op.batch_alter_table('insights', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_insights_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_diary_id'), ['diary_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_experiment_id'), ['experiment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_insights_rule_id'), ['rule_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('insights', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_insights_rule_id'))
        batch_op.drop_index(batch_op.f('ix_insights_participant_id'))
        batch_op.drop_index(batch_op.f('ix_insights_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_insights_experiment_id'))
        batch_op.drop_index(batch_op.f('ix_insights_event_id'))
        batch_op.drop_index(batch_op.f('ix_insights_diary_id'))
        batch_op.drop_index(batch_op.f('ix_insights_cohort_id'))

    op.drop_table('insights')
    with op.batch_alter_table('experiments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_experiments_rule_id'))
        batch_op.drop_index(batch_op.f('ix_experiments_participant_id'))
        batch_op.drop_index(batch_op.f('ix_experiments_cohort_id'))

    op.drop_table('experiments')
    with op.batch_alter_table('pulse_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_pulse_answers_trend')
        batch_op.drop_index(batch_op.f('ix_pulse_answers_participant_id'))

    op.drop_table('pulse_answers')
    with op.batch_alter_table('diary_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diary_entries_participant_id'))
        batch_op.drop_index(batch_op.f('ix_diary_entries_cohort_id'))

    op.drop_table('diary_entries')
    with op.batch_alter_table('pulse_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulse_questions_survey_id'))

    op.drop_table('pulse_questions')
    with op.batch_alter_table('call_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_notes_event_id'))

    op.drop_table('call_notes')
    with op.batch_alter_table('pulse_surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulse_surveys_cohort_id'))

    op.drop_table('pulse_surveys')
    with op.batch_alter_table('looking_back_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_looking_back_notes_cohort_id'))

    op.drop_table('looking_back_notes')
