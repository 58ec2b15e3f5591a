"""What `facilitator backups` and the Restore dialog say about each backup: when it was made,
why, how big it is, what it holds, and whether it can be read at all."""

from __future__ import annotations

import os
import sqlite3
import time

from facilitator.store import backup
from facilitator.store.backup import BackupInfo


def _programme(path, cohorts=2, participants=3):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE cohorts (id INTEGER PRIMARY KEY)")
    con.execute("CREATE TABLE participants (id INTEGER PRIMARY KEY)")
    con.executemany("INSERT INTO cohorts VALUES (?)", [(i,) for i in range(cohorts)])
    con.executemany("INSERT INTO participants VALUES (?)", [(i,) for i in range(participants)])
    con.commit()
    con.close()


def test_each_backup_says_when_why_and_how_many_people_it_holds_newest_first(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _programme(db_path)
    now = time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1))
    first = backup.make_backup(db_path, "before-restore", now=now)
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM participants")
    con.commit()
    con.close()
    second = backup.make_backup(db_path, now=now + 60)
    described = backup.describe_backups(db_path)
    assert described == [
        BackupInfo(second, now + 60, second.stat().st_size, "auto", 2, 0, True),
        BackupInfo(first, now, first.stat().st_size, "before-restore", 2, 3, True),
    ]
    assert [backup.describe(p) for p in (second, first)] == described


def test_a_copy_dropped_in_the_folder_is_described_from_its_file(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    folder = backup.backups_dir(db_path)
    folder.mkdir()
    other = folder / "from-a-colleague.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")  # no cohorts or participants tables: not counted
    con.commit()
    con.close()
    os.utime(other, (1_700_000_000, 1_700_000_000))
    assert backup.describe(other) == BackupInfo(other, 1_700_000_000, other.stat().st_size,
                                                "copy", None, None, True)


def test_a_backup_that_cannot_be_read_is_described_as_unreadable(tmp_path):
    folder = backup.backups_dir(tmp_path / "programme.sqlite")
    folder.mkdir()
    garbled = folder / "programme-20260302-100000-auto.sqlite"
    garbled.write_bytes(b"this is not a database, whatever its name says" * 50)
    info = backup.describe(garbled)
    assert info == BackupInfo(garbled, time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1)),
                              garbled.stat().st_size, "auto", None, None, False)
    assert backup.describe_backups(tmp_path / "programme.sqlite") == [info]
