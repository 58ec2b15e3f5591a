"""Store safety (issue 9): damage caught at every open, one writer whatever the path, temp
files of live writers left alone, deleted people gone from the -wal, owner-only files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from facilitator.services.cohort import cohorts, participants
from facilitator.store import backup, checks
from facilitator.store.database import open_database
from facilitator.store.errors import AlreadyOpen, DamagedDatabase, StoreError
from facilitator.store.paths import backups_dir, sidecar

POSIX = os.name != "nt"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _junk_pages(path, pages=10) -> None:
    """Ten pages of junk in a cleanly closed file, as a failing disk or a bad copy leaves."""
    raw = bytearray(path.read_bytes())
    size = int.from_bytes(raw[16:18], "big") or 65536
    assert len(raw) // size > pages + 2, "the file is too small to damage"
    for n in range(2, 2 + pages):
        raw[n * size:(n + 1) * size] = os.urandom(size)
    path.write_bytes(bytes(raw))


def _filled(db_path, people=300):
    db = open_database(db_path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    for i in range(people):
        participants.create_participant(db, cid, {"given_name": f"Person {i}", "notes": "x" * 200})
    return db


def test_damaged_closed_file_is_refused_untouched_and_named(db_path):
    db = _filled(db_path)
    good = db.backup("manual")
    db.close(backup_on_close=False)
    assert not sidecar(db_path, "-wal").exists()  # cleanly closed
    _junk_pages(db_path)
    before = digest(db_path)
    with pytest.raises(DamagedDatabase) as info:
        open_database(db_path)
    err = info.value
    assert str(db_path) in str(err) and "moved aside" in str(err)
    assert err.good_backup == good and str(good) in str(err)
    assert not db_path.exists()
    [aside] = err.moved_to
    assert digest(aside) == before  # never written to
    assert not sidecar(aside, "-wal").exists() and not sidecar(aside, "-shm").exists()


def test_damage_message_with_no_backup_blames_the_right_file(db_path):
    _filled(db_path).close(backup_on_close=False)
    _junk_pages(db_path)
    with pytest.raises(DamagedDatabase) as info:
        open_database(db_path)
    text = str(info.value)
    assert f"{db_path} is damaged" in text and "no good backup" in text
    assert "failed its integrity check" not in text


def test_symlink_to_an_open_database_is_refused_and_shares_its_backups(db, tmp_path):
    link = tmp_path / "link.sqlite"
    link.symlink_to(db.path)
    with pytest.raises(AlreadyOpen):
        open_database(link)
    assert backups_dir(link) == backups_dir(db.path)
    assert not (tmp_path / "link.sqlite.lock").exists()
    assert not (tmp_path / "link.sqlite.backups").exists()


def test_sweep_leaves_live_writers_temp_files_and_removes_dead_ones_with_journals(db_path):
    from facilitator.fileio import sweep_temp_files, temp_path_for

    folder = db_path.parent
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        live_tmp = folder / f".facilitator-{sleeper.pid}-backup.sqlite.tmp"
        dead_tmp = folder / f".facilitator-{dead.pid}-backup.sqlite.tmp"
        dead_journal = folder / f".facilitator-{dead.pid}-backup.sqlite.tmp-journal"
        ours = temp_path_for(folder / "export.xlsx")
        for p in (live_tmp, dead_tmp, dead_journal, ours):
            p.write_bytes(b"in progress")
        removed = sweep_temp_files(folder)
        assert set(removed) == {dead_tmp, dead_journal}
        assert live_tmp.exists() and ours.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_deleted_person_is_in_no_file_of_the_live_database(db_path):
    db = _filled(db_path, people=3)
    cid = cohorts.list_cohorts(db)[0]["id"]
    pid = participants.create_participant(db, cid, {"given_name": "Zebedee", "family_name": "Quartermain"}).id
    wal = sidecar(db_path, "-wal")
    assert b"Quartermain" in wal.read_bytes() + db_path.read_bytes()
    participants.delete_participant(db, pid)
    try:
        assert wal.stat().st_size == 0  # checkpointed and truncated while the app runs
        for suffix in ("", "-wal", "-shm"):
            f = sidecar(db_path, suffix)
            assert not f.exists() or b"Quartermain" not in f.read_bytes(), f.name
    finally:
        db.close(backup_on_close=False)


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_database_sidecars_lock_and_backups_are_owner_only(db_path):
    old = os.umask(0o022)
    try:
        db = open_database(db_path, routine_backup=False)
        cohorts.create_cohort(db, {"name": "Private"})
        for suffix in ("", "-wal", "-shm", ".lock"):
            assert sidecar(db_path, suffix).stat().st_mode & 0o777 == 0o600, suffix
        made = db.backup("manual")
        out = backup.copy_database(db_path, db_path.parent / "exported.sqlite")
        db.close()
    finally:
        os.umask(old)
    assert backups_dir(db_path).stat().st_mode & 0o777 == 0o700
    for f in [made, out, *backup.list_backups(db_path)]:
        assert f.stat().st_mode & 0o777 == 0o600, f.name


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_an_older_world_readable_database_is_narrowed_on_open(db_path):
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    db_path.chmod(0o644)
    open_database(db_path, routine_backup=False).close(backup_on_close=False)
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_reading_a_killed_writers_file_changes_nothing(db_path):
    """A writer killed mid-transaction leaves a -wal that needs recovery; the checks read a
    private copy and leave every file as it was."""
    db = _filled(db_path, people=5)
    con = sqlite3.connect(db_path)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO cohorts (uuid, name, description, design_principles, created_at, updated_at) "
                "VALUES ('u', 'half', '', '', '2026-01-01', '2026-01-01')")
    files = {s: digest(sidecar(db_path, s)) for s in ("", "-wal")}
    assert checks.integrity_ok(db_path, quick=True) == (True, "ok")
    assert checks.read_revision(db_path)[1]
    assert {s: digest(sidecar(db_path, s)) for s in ("", "-wal")} == files
    con.rollback()
    con.close()
    db.close(backup_on_close=False)


def test_restore_keeps_the_current_file_aside_and_reopens(db_path):
    db = _filled(db_path, people=2)
    good = db.backup("manual")
    cohorts.create_cohort(db, {"name": "After the backup"})
    moved = db.restore(good)
    try:
        assert [c["name"] for c in cohorts.list_cohorts(db)] == ["North"]
        assert moved and moved[0].exists()
        assert backup.count_people(moved[0])[0] == 2
    finally:
        db.close(backup_on_close=False)


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db_path):
    db = _filled(db_path)
    bad = db.backup("manual")
    _junk_pages(bad)
    with pytest.raises(StoreError, match="damaged"):
        db.restore(bad)
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["North"]
    db.close(backup_on_close=False)
    assert not list(db_path.parent.glob("*.replaced-*"))  # nothing was moved aside
