"""A backup is only ever kept when it passes its integrity check; restores refuse damage."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.store import backup, checks
from facilitator.store.errors import StoreError


def _damaged_database(path):
    """A closed database whose header is fine but whose table pages are garbled, as a bad
    disk sector would leave it: SQLite opens it and the backup API copies it page by page."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE filler (x TEXT)")
    con.execute("CREATE INDEX filler_x ON filler (x)")
    con.executemany("INSERT INTO filler VALUES (?)", [(f"{i:05d}" + "x" * 300,) for i in range(400)])
    con.commit()
    con.close()
    raw = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096 * 2):
        raw[offset + 200 : offset + 900] = b"\x07" * 700
    path.write_bytes(bytes(raw))
    assert not checks.integrity_ok(path)[0]


def _healthy_database(path, rows=("kept",)):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.executemany("INSERT INTO notes VALUES (?)", [(r,) for r in rows])
    con.commit()
    con.close()


def test_a_copy_that_fails_its_integrity_check_is_not_kept(tmp_path):
    src = tmp_path / "damaged.sqlite"
    _damaged_database(src)
    dest = tmp_path / "backups" / "copy.sqlite"
    with pytest.raises(StoreError, match=r"damaged\.sqlite .*failed its integrity check"):
        backup.copy_database(src, dest)
    assert list((tmp_path / "backups").iterdir()) == []  # no copy, no temp file, no journal


def test_a_failed_check_leaves_an_earlier_file_at_the_destination_alone(tmp_path):
    src = tmp_path / "damaged.sqlite"
    _damaged_database(src)
    dest = tmp_path / "copy.sqlite"
    _healthy_database(dest, ["earlier"])
    before = dest.read_bytes()
    with pytest.raises(StoreError):
        backup.copy_database(src, dest)
    assert dest.read_bytes() == before


def test_make_backup_of_a_damaged_database_keeps_nothing(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _damaged_database(db_path)
    with pytest.raises(StoreError, match="integrity check"):
        backup.make_backup(db_path, "manual")
    assert backup.list_backups(db_path) == []


def test_a_healthy_copy_is_complete_and_standalone(tmp_path):
    src = tmp_path / "live.sqlite"
    _healthy_database(src, ["a", "b"])
    dest = backup.copy_database(src, tmp_path / "out" / "copy.sqlite")
    assert dest == tmp_path / "out" / "copy.sqlite"
    assert [p.name for p in dest.parent.iterdir()] == ["copy.sqlite"]
    con = sqlite3.connect(dest)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("SELECT x FROM notes ORDER BY x").fetchall() == [("a",), ("b",)]
    finally:
        con.close()


# Newest good backup, restoring (damaged backup refused, current file kept aside) and retention
# are pinned against the store's real files in test_safety.py and test_backup_and_recovery.py.
