"""What the store says about a file before it opens it, and the one-writer lock, in words."""

from __future__ import annotations

import os
import sqlite3

import pytest

from facilitator.store import checks
from facilitator.store.errors import AlreadyOpen, NotADatabase, ReadOnlyDatabase
from facilitator.store.lock import InstanceLock
from facilitator.store.paths import backups_dir, resolve_db_path, sidecar


@pytest.mark.parametrize(("head", "words"), [
    (b"PK\x03\x04rest", "(it looks like a zip file, perhaps a workbook)"),
    (b"\xd0\xcf\x11\xe0rest", "(it looks like an old Office document)"),
    (b"%PDF-1.7", "(it is a PDF)"),
    (b"hello, world", "(it is not an SQLite file)"),
])
def test_a_foreign_file_is_named_for_what_it_is_and_left_alone(tmp_path, head, words):
    path = tmp_path / "programme.sqlite"
    path.write_bytes(head)
    with pytest.raises(NotADatabase) as err:
        checks.check_file(path)
    assert str(err.value) == (f"{path} is not a Facilitator database {words}.\n"
                              "The file was not changed. Choose another file, or start with a new one.")
    assert path.read_bytes() == head


def test_new_empty_and_existing_files(tmp_path):
    new = tmp_path / "deep" / "er" / "new.sqlite"
    assert checks.check_file(new) is False and new.parent.is_dir() and not new.exists()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert checks.check_file(empty) is False
    real = tmp_path / "real.sqlite"
    sqlite3.connect(real).execute("CREATE TABLE t (x)").connection.close()
    assert checks.check_file(real) is True
    with pytest.raises(NotADatabase, match="is a folder, not a database file"):
        checks.check_file(tmp_path)


def test_a_read_only_folder_is_refused_for_new_and_existing_files(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    existing = folder / "real.sqlite"
    sqlite3.connect(existing).execute("CREATE TABLE t (x)").connection.close()
    real_access = os.access
    # as a user without write permission there sees it (the tests may run as root)
    monkeypatch.setattr(checks.os, "access", lambda p, mode: False if str(p) == str(folder)
                        else real_access(p, mode))
    with pytest.raises(ReadOnlyDatabase, match="The folder .* is read-only"):
        checks.check_file(existing)
    with pytest.raises(ReadOnlyDatabase, match="the folder is read-only"):
        checks.check_file(folder / "new.sqlite")


def test_read_revision_and_integrity(tmp_path):
    plain = tmp_path / "plain.sqlite"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    assert checks.read_revision(plain) == (None, True)
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.commit()
    assert checks.read_revision(plain) == (None, True)
    con.execute("INSERT INTO alembic_version VALUES ('0004')")
    con.commit()
    con.close()
    assert checks.read_revision(plain) == ("0004", True)
    blank = tmp_path / "blank.sqlite"
    sqlite3.connect(blank).close()
    blank.write_bytes(b"")
    assert checks.read_revision(blank) == (None, False)
    assert checks.integrity_ok(plain) == (True, "ok")
    text = tmp_path / "text.sqlite"
    text.write_bytes(b"not a database at all" * 100)
    ok, problem = checks.integrity_ok(text)
    assert ok is False and "not a database" in problem
    with pytest.raises(NotADatabase, match="cannot be read as a database"):
        checks.read_revision(text)


def test_the_lock_names_its_holder_and_is_released(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    first = InstanceLock(db_path)
    assert not first.held
    first.acquire()
    assert first.held and first.path == sidecar(db_path, ".lock")
    assert first.path.read_text() == str(os.getpid())
    second = InstanceLock(db_path)
    with pytest.raises(AlreadyOpen) as err:
        second.acquire()
    assert f"(process {os.getpid()})" in str(err.value)
    assert "'programme.sqlite' is already open in another Facilitator window" in str(err.value)
    assert not second.held
    first.release()
    assert not first.held
    first.release()  # twice is harmless
    second.acquire()
    assert second.held
    second.release()


def test_paths(tmp_path, monkeypatch):
    assert sidecar(tmp_path / "a.sqlite", "-wal") == tmp_path / "a.sqlite-wal"
    assert backups_dir(tmp_path / "a.sqlite") == tmp_path / "a.sqlite.backups"
    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    assert resolve_db_path("") == tmp_path / "env.sqlite"
    assert resolve_db_path(tmp_path / "cli.sqlite") == tmp_path / "cli.sqlite"
    monkeypatch.delenv("FACILITATOR_DB")
    assert resolve_db_path() == tmp_path / "userdata" / "facilitator.sqlite"
