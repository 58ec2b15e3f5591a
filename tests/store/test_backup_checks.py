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
    with pytest.raises(StoreError, match="damaged.sqlite failed its integrity check"):
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


def test_newest_good_backup_skips_damaged_ones(tmp_path):
    import os

    db_path = tmp_path / "programme.sqlite"
    _healthy_database(db_path)
    good = backup.make_backup(db_path, "manual")
    bad = backup.backups_dir(db_path) / "programme-damaged.sqlite"
    _damaged_database(bad)
    later = good.stat().st_mtime + 60
    os.utime(bad, (later, later))
    assert backup.list_backups(db_path) == [bad, good]
    assert backup.newest_good_backup(db_path) == good
    bad.unlink()
    good.unlink()
    assert backup.newest_good_backup(db_path) is None


def test_restoring_a_damaged_backup_changes_nothing(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _healthy_database(db_path, ["current"])
    before = db_path.read_bytes()
    bad = tmp_path / "bad-backup.sqlite"
    _damaged_database(bad)
    with pytest.raises(StoreError, match="bad-backup.sqlite is damaged"):
        backup.restore_backup(bad, db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-backup.sqlite", "programme.sqlite"]


def test_restore_moves_the_current_file_aside_then_copies(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    _healthy_database(db_path, ["current"])
    (tmp_path / "programme.sqlite-wal").write_bytes(b"")
    good = tmp_path / "good.sqlite"
    _healthy_database(good, ["from the backup"])
    moved = backup.restore_backup(good, db_path)
    assert [p.name.split(".replaced-")[0] for p in moved] == ["programme.sqlite"] * 2
    assert moved[0].name.startswith("programme.sqlite.replaced-") and moved[1].name.endswith("-wal")
    assert all(p.exists() for p in moved)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT x FROM notes").fetchall() == [("from the backup",)]
    finally:
        con.close()


def test_pruning_keeps_the_newest_and_every_before_upgrade_copy(tmp_path):
    import os

    db_path = tmp_path / "programme.sqlite"
    folder = backup.backups_dir(db_path)
    folder.mkdir(parents=True)
    names = [f"programme-{i:02d}-auto.sqlite" for i in range(5)] + ["programme-00-before-upgrade.sqlite"]
    for age, name in enumerate(reversed(names)):
        (folder / name).write_bytes(b"")
        os.utime(folder / name, (1_000_000 - age * 60, 1_000_000 - age * 60))
    (folder / ".hidden.sqlite").write_bytes(b"")
    backup.prune(db_path, keep=2)
    assert sorted(p.name for p in backup.list_backups(db_path)) == sorted(
        ["programme-03-auto.sqlite", "programme-04-auto.sqlite", "programme-00-before-upgrade.sqlite"])
