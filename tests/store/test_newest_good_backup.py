"""The backup offered when the database is damaged is the newest one that is sound, is a
Facilitator database, and is not from a newer version: never a stranger's file."""

from __future__ import annotations

import sqlite3

from facilitator.store import backup, checks


def _sqlite_file(path, revision=None):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    if revision:
        con.execute("CREATE TABLE alembic_version (version_num TEXT)")
        con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.commit()
    con.close()


def test_newer_damaged_foreign_and_future_backups_are_passed_over(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    folder = backup.backups_dir(db_path)
    folder.mkdir()
    good = folder / "programme-20260302-100000-auto.sqlite"
    _sqlite_file(good, "0001")
    _sqlite_file(folder / "programme-20260303-100000-auto.sqlite")  # SQLite, but not ours
    _sqlite_file(folder / "programme-20260304-100000-auto.sqlite", "9999")  # a newer version's
    (folder / "programme-20260305-100000-auto.sqlite").write_bytes(b"garbage" * 100)
    assert backup.newest_good_backup(db_path) == good


def test_no_good_backup_is_none(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    assert backup.newest_good_backup(db_path) is None
    folder = backup.backups_dir(db_path)
    folder.mkdir()
    _sqlite_file(folder / "programme-20260303-100000-auto.sqlite")
    assert backup.newest_good_backup(db_path) is None


def test_a_damaged_backup_of_ours_is_passed_over(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    folder = backup.backups_dir(db_path)
    folder.mkdir()
    good = folder / "programme-20260302-100000-auto.sqlite"
    _sqlite_file(good, "0001")
    damaged = folder / "programme-20260303-100000-auto.sqlite"
    _sqlite_file(damaged, "0001")  # its revision stays readable on page 3 ...
    con = sqlite3.connect(damaged)
    con.execute("CREATE INDEX notes_x ON notes (x)")
    con.executemany("INSERT INTO notes VALUES (?)", [(f"{i:05d}" + "x" * 300,) for i in range(400)])
    con.commit()
    con.close()
    raw = bytearray(damaged.read_bytes())
    for offset in range(4096 * 4, len(raw) - 4096, 4096 * 2):  # ... the notes pages are garbled
        raw[offset + 200 : offset + 900] = b"\x07" * 700
    damaged.write_bytes(bytes(raw))
    assert not checks.integrity_ok(damaged)[0]
    assert checks.read_revision(damaged) == ("0001", True)
    assert backup.newest_good_backup(db_path) == good
