"""Backups through the backup API; a damaged database after a crash is moved aside, not lost."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from facilitator.services.cohort import cohorts
from facilitator.store import backup, checks
from facilitator.store.database import open_database
from facilitator.store.errors import DamagedDatabase
from facilitator.store.paths import sidecar


def test_backup_of_live_database_is_checked_and_complete(db, cohort_id):
    dest = db.backup("manual")
    assert checks.integrity_ok(dest) == (True, "ok")
    con = sqlite3.connect(dest)
    assert con.execute("SELECT name FROM cohorts").fetchall() == [("Test cohort",)]
    con.close()
    assert backup.list_backups(db.path)[0] == dest


DAY = 24 * 3600


def test_retention_keeps_history_by_day_week_and_month():
    now = 1_800_000_000.0
    # one backup every 6 hours for 400 days, newest first
    entries = [(Path(f"b{i:05d}-manual.sqlite"), now - i * 6 * 3600) for i in range(1600)]
    kept = backup.choose_kept(entries, now, lambda _p: False)
    ages = sorted((now - when) / DAY for path, when in entries if path in kept)
    assert sum(a < 1 for a in ages) == 4  # all four of the last day
    assert 13 <= sum(1 <= a < 14 for a in ages) <= 14  # one a day for two weeks
    assert any(40 < a < 56 for a in ages) and any(200 < a < 365 for a in ages)  # weeks, months
    assert not any(a > 366 for a in ages)  # older than a year goes
    assert len(kept) < 50


def test_retention_keeps_the_newest_backup_with_participants_through_30_empty_ones(db_path):
    from facilitator.services.cohort import participants

    db = open_database(db_path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "Real people"}).id
    person = participants.create_participant(db, cid, {"given_name": "Amira"}).id
    long_ago = time.time() - 400 * DAY  # older than any bucket keeps
    with_people = backup.make_backup(db_path, "manual", now=long_ago)
    participants.delete_participant(db, person)
    for n in range(30):  # routine backups of the now empty file, one a day
        backup.make_backup(db_path, "on-close", now=long_ago + (n + 1) * DAY)
    kept = backup.list_backups(db_path)
    db.close(backup_on_close=False)
    assert with_people in kept
    assert backup.count_people(with_people) == (1, 1)
    assert len(kept) < 31  # the empty ones are thinned by day / week / month


def test_before_upgrade_backups_are_kept_whatever_their_age_but_retries_do_not_pile_up():
    now = 1_800_000_000.0
    old = Path("db-20200101-000000-before-upgrade-0001.sqlite")
    entries = [(Path("new.sqlite"), now), (old, now - 3000 * DAY)]
    assert old in backup.choose_kept(entries, now, lambda _p: False)
    retries = [(Path(f"db-20200101-0000{n:02d}-before-upgrade-0004.sqlite"), now - 3000 * DAY - n)
               for n in range(6)]
    kept = backup.choose_kept([(Path("new.sqlite"), now), *retries], now, lambda _p: False)
    assert [p for p, _ in retries if p in kept] == [p for p, _ in retries[:3]]


def test_close_makes_a_backup(db_path):
    db = open_database(db_path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "Kept"})
    db.close()
    assert len(backup.list_backups(db_path)) == 1


def _corrupt_with_wal(path):
    """Leave the database as a crash would (non-empty -wal) and damage its pages."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE IF NOT EXISTS filler (x TEXT)")
    con.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("INSERT INTO filler VALUES ('pending')")
    con.commit()
    raw = bytearray(path.read_bytes())
    for offset in range(4096 * 3, min(len(raw), 4096 * 40), 4096):
        raw[offset + 100 : offset + 400] = b"\xff" * 300
    # Keep the -wal (a crash leaves it) while swapping in the damaged main file.
    wal = sidecar(path, "-wal").read_bytes()
    con.close()
    path.write_bytes(bytes(raw))
    sidecar(path, "-wal").write_bytes(wal)


def test_damaged_database_after_crash_is_moved_aside_and_backup_offered(db_path):
    db = open_database(db_path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "Before the crash"})
    good = db.backup("manual")
    db.close(backup_on_close=False)
    _corrupt_with_wal(db_path)
    with pytest.raises(DamagedDatabase) as info:
        open_database(db_path)
    err = info.value
    assert not db_path.exists()
    assert err.moved_to and all(p.exists() for p in err.moved_to)
    assert any(p.name.endswith("-wal") for p in err.moved_to)
    assert backup.newest_good_backup(db_path) == good
    backup.restore_backup(good, db_path)
    db = open_database(db_path, routine_backup=False)
    try:
        assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Before the crash"]
    finally:
        db.close(backup_on_close=False)


def test_our_stale_temp_files_are_swept_and_nobody_elses(db_path):
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    stale = db_path.parent / ".facilitator-export.xlsx.123.tmp"
    stale.write_bytes(b"half")
    theirs = db_path.parent / ".goutputstream-ABC.tmp"
    theirs.write_bytes(b"another program's")
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    assert not stale.exists()
    assert theirs.read_bytes() == b"another program's"


def test_atomic_write_keeps_permissions_and_leaves_no_temp(tmp_path):
    from facilitator.fileio import write_atomically

    target = tmp_path / "pack.json"
    write_atomically(target, b"one")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["pack.json"]


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
