"""Backup files themselves: their names, their order, their mode, and the retention run each
time one is made."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from facilitator.store import backup

DAY = 24 * 3600


def _wal_database(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES ('kept')")
    con.commit()
    return con  # left open: the copy is of a live file


def test_a_copy_of_a_live_wal_database_is_one_private_self_contained_file(tmp_path):
    con = _wal_database(tmp_path / "live.sqlite")
    dest = backup.copy_database(tmp_path / "live.sqlite", tmp_path / "out" / "copy.sqlite")
    con.close()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.sqlite"]
    if os.name != "nt":
        assert dest.stat().st_mode & 0o777 == 0o600
    assert dest.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL: no -wal needed
    copy = sqlite3.connect(dest)
    assert copy.execute("SELECT x FROM notes").fetchall() == [("kept",)]
    copy.close()


def test_backups_made_in_the_same_second_are_numbered(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _wal_database(db_path).close()
    now = time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1))
    made = [backup.make_backup(db_path, "manual", now=now).name for _ in range(3)]
    assert made == ["programme-20260302-100000-manual.sqlite",
                    "programme-20260302-100000-manual-2.sqlite",
                    "programme-20260302-100000-manual-3.sqlite"]


def test_making_a_backup_applies_the_retention_as_of_that_backup(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _wal_database(db_path).close()
    then = time.mktime((2020, 6, 1, 10, 0, 0, 0, 0, -1))  # long before the real now
    first = backup.make_backup(db_path, now=then - 2 * DAY)
    gone = backup.make_backup(db_path, now=then - 2 * DAY + 60)  # same day: the first is newer
    last = backup.make_backup(db_path, now=then)
    assert backup.list_backups(db_path) == [last, gone]  # the day's newest stays; two days is young
    assert not first.exists()


def test_the_list_is_newest_first_and_holds_only_backup_files(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    assert backup.list_backups(db_path) == []
    folder = backup.backups_dir(db_path)
    folder.mkdir()
    names = ["programme-20260301-100000-auto.sqlite", "programme-20260302-100000-auto.sqlite",
             "programme-20260302-100000-manual.sqlite", ".programme-20260305-100000-auto.sqlite",
             "notes.txt"]
    for name in names:
        (folder / name).write_bytes(b"x")
    (folder / "programme-20260304-100000-auto.sqlite").mkdir()
    assert [p.name for p in backup.list_backups(db_path)] == [names[2], names[1], names[0]]


def test_a_name_whose_stamp_is_not_a_date_is_dated_by_the_file(tmp_path):
    odd = tmp_path / "programme-20261399-256199-auto.sqlite"
    odd.write_bytes(b"x")
    os.utime(odd, (1_700_000_000, 1_700_000_000))
    assert backup.made_at(odd) == 1_700_000_000
    assert backup.made_at(tmp_path / "programme-20260302-100000-auto.sqlite") == pytest.approx(
        time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1)))
