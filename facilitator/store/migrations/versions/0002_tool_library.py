"""tool library: method cards, with full-text search (SQLite FTS5) kept in step by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:23:21.428980
"""
import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The searchable text of a card: steps are JSON, so only their text goes into the index.
_ROW = (
    "new.id, new.name, new.summary, new.purpose, "
    "CASE WHEN json_valid(new.steps) THEN (SELECT group_concat(json_extract(value, '$.text'), "
    "char(10)) FROM json_each(new.steps)) ELSE new.steps END, new.tips, new.themes"
)
FTS_UP = [
    "CREATE VIRTUAL TABLE tools_fts USING fts5("
    "name, summary, purpose, steps, tips, themes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    "CREATE TRIGGER tools_fts_insert AFTER INSERT ON tools BEGIN "
    f"INSERT INTO tools_fts(rowid, name, summary, purpose, steps, tips, themes) VALUES ({_ROW}); END",
    "CREATE TRIGGER tools_fts_delete AFTER DELETE ON tools BEGIN "
    "DELETE FROM tools_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER tools_fts_update AFTER UPDATE OF name, summary, purpose, steps, tips, themes ON tools "
    "BEGIN DELETE FROM tools_fts WHERE rowid = old.id; "
    f"INSERT INTO tools_fts(rowid, name, summary, purpose, steps, tips, themes) VALUES ({_ROW}); END",
]
FTS_DOWN = [
    "DROP TRIGGER IF EXISTS tools_fts_update",
    "DROP TRIGGER IF EXISTS tools_fts_delete",
    "DROP TRIGGER IF EXISTS tools_fts_insert",
    "DROP TABLE IF EXISTS tools_fts",
]


def upgrade() -> None:
    op.create_table('tools',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('when_to_use', sa.Text(), nullable=False),
    sa.Column('themes', sa.Text(), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('duration_max', sa.Integer(), nullable=False),
    sa.Column('group_min', sa.Integer(), nullable=False),
    sa.Column('group_max', sa.Integer(), nullable=False),
    sa.Column('materials', sa.Text(), nullable=False),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('tips', sa.Text(), nullable=False),
    sa.Column('considerations', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('licence', sa.String(length=120), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('builtin_version', sa.Integer(), nullable=False),
    sa.Column('user_modified', sa.Boolean(), nullable=False),
    sa.Column('favourite', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tools')),
    sa.UniqueConstraint('key', name=op.f('uq_tools_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_tools_uuid'))
    )
    for statement in FTS_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in FTS_DOWN:
        op.execute(statement)
    op.drop_table('tools')
