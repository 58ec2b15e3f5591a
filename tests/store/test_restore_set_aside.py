"""Restoring a backup sets the current file aside under a name erasure knows (NAME.replaced-…),
and a restore that fails part way puts the database and its journals back as they were."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from facilitator.store import backup, scrub
from facilitator.store.paths import sidecar


def _facilitator_file(path, note):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES (?)", (note,))
    con.commit()
    con.close()


@pytest.fixture
def current(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _facilitator_file(db_path, "current")
    sidecar(db_path, "-wal").write_bytes(b"wal of the current file")
    sidecar(db_path, "-shm").write_bytes(b"shm of the current file")
    return db_path


@pytest.fixture
def good_backup(tmp_path):
    path = tmp_path / "programme-20260302-100000-manual.sqlite"
    _facilitator_file(path, "from the backup")
    return path


def _note(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT x FROM notes").fetchone()[0]
    finally:
        con.close()


def test_the_replaced_file_and_its_journals_are_set_aside_where_erasure_finds_them(current,
                                                                                    good_backup):
    moved = backup.put_in_place(good_backup, current)
    assert [p.name.split("-2")[0] for p in moved] == ["programme.sqlite.replaced"] * 3
    assert [p.name[-4:] for p in moved[1:]] == ["-wal", "-shm"]
    assert scrub.set_aside_files(current) == [moved[0]]
    assert _note(current) == "from the backup"
    assert _note(moved[0]) == "current"


def test_a_restore_that_fails_puts_the_database_and_its_journals_back(current, good_backup,
                                                                      monkeypatch):
    before = {s: sidecar(current, s).read_bytes() for s in ("", "-wal", "-shm")}

    def disk_full(_fd):  # the copy of the backup cannot be made durable
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m, pytest.raises(OSError, match="No space left"):
        m.setattr(os, "fsync", disk_full)
        backup.put_in_place(good_backup, current)
    assert {s: sidecar(current, s).read_bytes() for s in ("", "-wal", "-shm")} == before
    assert scrub.set_aside_files(current) == []
    assert sorted(p.name for p in current.parent.iterdir()) == sorted(
        [good_backup.name, *(current.name + s for s in ("", "-wal", "-shm"))])  # no temp left
