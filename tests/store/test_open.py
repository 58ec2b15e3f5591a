"""Opening the database: pragmas, and every file that must be refused untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from facilitator.store import migrate
from facilitator.store.database import open_database
from facilitator.store.errors import AlreadyOpen, NewerSchema, NotADatabase, ReadOnlyDatabase


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_head_with_safe_pragmas(db_path):
    db = open_database(db_path, routine_backup=False)
    try:
        assert db.report.created
        with db.engine.connect() as con:
            pragma = lambda name: con.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("foreign_keys") == 1
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("secure_delete") == 1
            assert pragma("busy_timeout") == 5000
            assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrate.head_revision()
    finally:
        db.close(backup_on_close=False)


def test_text_file_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list: eggs, flour\n")
    before = digest(path)
    with pytest.raises(NotADatabase, match="not a Facilitator database"):
        open_database(path)
    assert digest(path) == before
    assert not (tmp_path / "notes.sqlite-wal").exists()


def test_workbook_renamed_is_recognised(tmp_path):
    path = tmp_path / "returned.sqlite"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(NotADatabase, match="zip file"):
        open_database(path)


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotADatabase, match="not one of Facilitator's"):
        open_database(path)
    assert digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False,
                    reason="root ignores file permissions")
def test_read_only_file_is_refused(db_path):
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    db_path.chmod(0o444)
    before = digest(db_path)
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        open_database(db_path)
    assert digest(db_path) == before


def test_read_only_file_is_refused_even_for_root(db_path, monkeypatch):
    """Root can write anywhere, so the check is exercised through os.access as a user sees it."""
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    before = digest(db_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(db_path) and mode & os.W_OK else real_access(p, mode))
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        open_database(db_path)
    assert digest(db_path) == before


def test_second_instance_is_refused(db):
    with pytest.raises(AlreadyOpen, match="already open"):
        open_database(db.path)


def test_lock_is_released_on_close(db_path):
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    open_database(db_path, routine_backup=False).close(backup_on_close=False)


def test_newer_schema_is_refused_and_left_unchanged(db_path):
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    before = digest(db_path)
    with pytest.raises(NewerSchema, match="newer version"):
        open_database(db_path)
    assert digest(db_path) == before
    # and the lock was let go, so the newer app could still open it
    from facilitator.store.lock import InstanceLock

    lock = InstanceLock(db_path)
    lock.acquire()
    lock.release()


def test_database_path_precedence(monkeypatch, tmp_path):
    from facilitator.store.paths import resolve_db_path

    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(str(tmp_path / "cli.sqlite")) == tmp_path / "cli.sqlite"
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("FACILITATOR_DB")
    assert resolve_db_path(None) == tmp_path / "userdata" / "facilitator.sqlite"


def test_a_broken_reference_is_a_message_and_nothing_is_saved(db):
    from facilitator.models import Participant
    from facilitator.store.errors import StoreError

    with pytest.raises(StoreError, match="Nothing was saved"), db.session() as s:
        s.add(Participant(cohort_id=999, given_name="Nobody"))
    with db.read() as s:
        assert s.query(Participant).count() == 0
