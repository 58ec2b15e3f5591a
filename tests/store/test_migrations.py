"""Every released schema upgrades to the newest, keeping its data; models match migrations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from facilitator.models import Base
from facilitator.store import backup, migrate
from facilitator.store.database import open_database

FIXTURES = Path(__file__).parents[1] / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema_*.sqlite"))


def test_each_fixture_is_the_schema_its_name_says_and_the_first_is_there():
    """A fixture upgraded in place by mistake would still exist, but test nothing."""
    from facilitator.store.checks import read_revision

    assert FIXTURES / "schema_0001.sqlite" in RELEASED
    for fixture in RELEASED:
        revision, has_tables = read_revision(fixture)
        assert (revision, has_tables) == (fixture.stem.split("_")[1], True), fixture.name
        assert revision in migrate.known_revisions()


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_released_schema_upgrades_with_data_and_backup(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)  # a closed fixture file, not a live database
    db = open_database(path, routine_backup=False)
    try:
        from_rev = fixture.stem.split("_")[1]
        with db.engine.connect() as con:
            assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrate.head_revision()
            names = {r[0] for r in con.exec_driver_sql("SELECT given_name FROM participants")}
            assert {"Amira", "Ewa", "Liam"} <= names
            if from_rev >= "0005":  # plans, cards and registers came with 0002-0005
                for table in ("agenda_items", "tools", "rule_entries", "assessment_scores"):
                    assert con.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() > 0
            assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert con.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if from_rev != migrate.head_revision():
            assert db.report.upgraded_from == from_rev
            kept = [p for p in backup.list_backups(path) if "before-upgrade" in p.name]
            assert len(kept) == 1
    finally:
        db.close(backup_on_close=False)


def test_models_and_migrations_agree(db):
    with db.engine.connect() as con:
        mc = MigrationContext.configure(con, opts={"include_object": migrate.include_object})
        diffs = compare_metadata(mc, Base.metadata)
    assert diffs == [], f"models differ from migrations; write one: {diffs}"


def test_revision_numbers_are_ordered():
    revs = migrate.known_revisions()
    assert revs == sorted(revs) and revs[0] == "0001"
    assert migrate.is_newer("9999") and not migrate.is_newer("0001")


def test_0005_names_existing_rule_groups_empty(tmp_path):
    """A database at 0004 holding a hand-made group upgrades to group names without loss."""
    import sqlite3

    path = tmp_path / "at0004.sqlite"
    migrate.upgrade_file(path, "0004")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO cohorts (id, uuid, name, description, design_principles, created_at, "
                "updated_at) VALUES (1, 'c', 'C', '', '', '2026-01-01', '2026-01-01')")
    con.execute("INSERT INTO rule_groups (id, uuid, cohort_id, notes, created_at, updated_at) "
                "VALUES (7, 'g', 1, 'Ask the lettings manager', '2026-01-01', '2026-01-01')")
    con.commit()
    con.close()
    db = open_database(path, routine_backup=False)
    try:
        with db.engine.connect() as c:
            row = c.exec_driver_sql("SELECT name, notes FROM rule_groups WHERE id = 7").one()
        assert tuple(row) == ("", "Ask the lettings manager")
    finally:
        db.close(backup_on_close=False)
