"""Encryption at rest (SQLCipher): a wrong passphrase changes nothing; the file and its backups
are unreadable without the key; everything else in the store works the same on an encrypted
file (checks, backups, retention, restore, recovery from damage, upgrades, erasure, the lock)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from facilitator.services.cohort import cohorts, participants
from facilitator.services.privacy import erasure
from facilitator.store import backup, checks, cipher, encryption, migrate
from facilitator.store.database import open_database
from facilitator.store.errors import (
    AlreadyOpen,
    DamagedDatabase,
    PassphraseRequired,
    StoreError,
    WrongPassphrase,
)
from facilitator.store.paths import backups_dir, sidecar

PASS = "correct horse battery"
NEW = "a different passphrase"
FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    cipher.forget_all()


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: its hash and mtime (nanoseconds)."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _filled(path: Path, names=("Zofia Wiśniewska", "Amira Khan"), notes="x" * 200):
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    for name in names:
        given, family = name.split(" ", 1)
        participants.create_participant(db, cid, {"given_name": given, "family_name": family,
                                                  "notes": notes})
    return db, cid


def _encrypted(path: Path, **kw):
    db, cid = _filled(path, **kw)
    db.backup("manual")
    encryption.encrypt(db, PASS)
    return db, cid


def _holding(folder: Path, text: str) -> list[str]:
    needle = text.encode("utf-8")
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def _raw_open(path: Path, passphrase: str | None):
    """SQLCipher as any other program would use it: the passphrase, nothing of ours."""
    con = dbapi2.connect(str(path))
    if passphrase is not None:
        con.execute(f"PRAGMA key = '{passphrase}'")
    try:
        return con.execute("SELECT count(*) FROM participants").fetchone()[0]
    finally:
        con.close()


def test_encrypted_file_has_no_sqlite_header_and_names_are_in_no_file(db_path):
    db, _ = _encrypted(db_path)
    assert db.encrypted
    assert db_path.read_bytes()[:16] != checks.SQLITE_HEADER
    db.backup("after")
    db.close(backup_on_close=True)
    assert _holding(db_path.parent, "Wiśniewska") == []
    assert _holding(db_path.parent, "Amira") == []
    for b in backup.list_backups(db_path):
        assert b.read_bytes()[:16] == db_path.read_bytes()[:16]  # the same salt and key


def test_wrong_or_missing_passphrase_changes_nothing_and_creates_nothing(tmp_path):
    path = tmp_path / "e.sqlite"
    db, _ = _encrypted(path)
    db.close(backup_on_close=False)
    sidecar(path, ".lock").unlink()
    before = _state(tmp_path)
    assert not sidecar(path, "-wal").exists() and not sidecar(path, "-shm").exists()
    with pytest.raises(WrongPassphrase, match=f"Wrong passphrase for {path}"):
        open_database(path, passphrase="not the passphrase")
    with pytest.raises(PassphraseRequired) as err:
        open_database(path)
    assert not isinstance(err.value, (WrongPassphrase, DamagedDatabase))
    assert "is encrypted" in str(err.value)
    assert _state(tmp_path) == before  # same bytes, same mtimes, no -wal/-shm/.lock
    assert not list(tmp_path.glob("*.damaged-*"))
    db = open_database(path, passphrase=PASS, routine_backup=False)
    with db.read() as s:
        from facilitator.models import Participant

        assert s.query(Participant).count() == 2
    db.close(backup_on_close=False)


def test_wrong_passphrase_with_a_wal_left_by_a_crash_touches_nothing(tmp_path):
    path = tmp_path / "w.sqlite"
    db, cid = _encrypted(path)
    participants.create_participant(db, cid, {"given_name": "Later", "family_name": "One"})
    assert sidecar(path, "-wal").stat().st_size > 0  # as a killed app leaves it
    copy = tmp_path / "crash"
    copy.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(sidecar(path, suffix), copy / f"w.sqlite{suffix}")
    db.close(backup_on_close=False)
    before = _state(copy)
    with pytest.raises(WrongPassphrase):
        open_database(copy / "w.sqlite", passphrase="wrong wrong wrong")
    assert _state(copy) == before
    db = open_database(copy / "w.sqlite", passphrase=PASS, routine_backup=False)
    assert db.report.recovered_unclean  # the full integrity_check ran, with the key
    assert [p["given_name"] for p in participants.list_participants(db, 1)
            if p["given_name"] == "Later"] == ["Later"]
    db.close(backup_on_close=False)


def test_a_backup_does_not_open_without_the_key_and_does_with_it(db_path):
    db, _ = _encrypted(db_path)
    made = db.backup("manual")
    db.close(backup_on_close=False)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(made).execute("SELECT count(*) FROM sqlite_master").fetchone()
    with pytest.raises(dbapi2.DatabaseError, match="not a database"):
        _raw_open(made, None)
    with pytest.raises(dbapi2.DatabaseError, match="not a database"):
        _raw_open(made, "wrong passphrase")
    assert _raw_open(made, PASS) == 2
    assert _raw_open(db_path, PASS) == 2


def test_plain_backups_from_before_are_encrypted_or_deleted(tmp_path):
    a, b = tmp_path / "a" / "a.sqlite", tmp_path / "b" / "b.sqlite"
    for path, how in ((a, encryption.ENCRYPT), (b, encryption.DELETE)):
        path.parent.mkdir()
        db, _ = _filled(path)
        plain = [db.backup("manual"), db.backup("manual")]
        assert all(p.read_bytes()[:16] == checks.SQLITE_HEADER for p in plain)
        result = encryption.encrypt(db, PASS, plain_copies=how)
        assert result.problems == [] and result.encrypted
        if how == encryption.ENCRYPT:
            assert (result.copies_converted, result.copies_deleted) == (2, 0)
            assert all(_raw_open(p, PASS) == 2 for p in plain)
        else:
            assert (result.copies_converted, result.copies_deleted) == (0, 2)
            assert not any(p.exists() for p in plain)
        db.close(backup_on_close=False)
        assert _holding(path.parent, "Wiśniewska") == []
        assert not [p for p in path.parent.rglob("*") if p.name.startswith(".facilitator-")]


def test_a_short_passphrase_is_refused_and_nothing_changes(db_path):
    db, _ = _filled(db_path)
    before = db_path.read_bytes()[:16]
    with pytest.raises(encryption.PassphraseTooShort, match="at least 10 characters"):
        encryption.encrypt(db, "short")
    with pytest.raises(encryption.PassphraseTooShort, match="space"):
        encryption.encrypt(db, " padded passphrase ")
    encryption.check_new_passphrase("x" * cipher.MIN_PASSPHRASE)  # exactly the minimum is fine
    with pytest.raises(encryption.PassphraseTooShort):
        encryption.check_new_passphrase("x" * (cipher.MIN_PASSPHRASE - 1))
    assert not db.encrypted and db_path.read_bytes()[:16] == before == checks.SQLITE_HEADER
    with pytest.raises(StoreError, match="not encrypted"):
        encryption.decrypt(db)
    with pytest.raises(StoreError, match="not encrypted"):
        encryption.change_passphrase(db, NEW)
    db.close(backup_on_close=False)


def test_change_passphrase_reaches_backups_and_the_old_one_opens_nothing(db_path):
    db, _ = _encrypted(db_path)
    made = db.backup("manual")
    with pytest.raises(StoreError, match="already encrypted"):
        encryption.encrypt(db, NEW)
    result = encryption.change_passphrase(db, NEW)
    assert result.problems == [] and result.copies_converted == 2
    participants.create_participant(db, 1, {"given_name": "After", "family_name": "Rekey"})
    db.close(backup_on_close=False)
    for path in (db_path, made):
        with pytest.raises(dbapi2.DatabaseError):
            _raw_open(path, PASS)
    assert _raw_open(db_path, NEW) == 3 and _raw_open(made, NEW) == 2
    with pytest.raises(WrongPassphrase):
        open_database(db_path, passphrase=PASS)
    open_database(db_path, passphrase=NEW, routine_backup=False).close(backup_on_close=False)


def test_remove_encryption_makes_the_file_and_backups_plain(db_path):
    db, _ = _encrypted(db_path)
    older = backups_dir(db_path) / "test-20200101-000000-manual.sqlite"
    cipher.export(db_path, db.key, older, None)  # a plain copy already: left as it is
    untouched = older.read_bytes()
    result = encryption.decrypt(db)
    assert not db.encrypted and not result.encrypted and result.problems == []
    assert result.copies_converted == 1 and older.read_bytes() == untouched
    participants.create_participant(db, 1, {"given_name": "Plain", "family_name": "Again"})
    db.close(backup_on_close=True)
    assert db_path.read_bytes()[:16] == checks.SQLITE_HEADER
    for b in backup.list_backups(db_path):
        assert b.read_bytes()[:16] == checks.SQLITE_HEADER
        assert backup.describe(b).participants in (2, 3)
    open_database(db_path, routine_backup=False).close(backup_on_close=False)


def test_damage_in_an_encrypted_file_is_found_with_the_key_and_the_good_backup_offered(db_path):
    db, _ = _encrypted(db_path, names=[f"Person {i}" for i in range(200)])
    good = db.backup("manual")
    db.close(backup_on_close=False)
    raw = bytearray(db_path.read_bytes())
    for n in range(3, 13):
        raw[n * 4096:(n + 1) * 4096] = os.urandom(4096)
    db_path.write_bytes(bytes(raw))
    before = _state(db_path.parent)
    with pytest.raises(WrongPassphrase):  # page 1 is sound: the wrong passphrase is told
        open_database(db_path, passphrase="wrong passphrase")
    assert _state(db_path.parent) == before
    with pytest.raises(DamagedDatabase) as err:
        open_database(db_path, passphrase=PASS)
    assert err.value.good_backup == good and not db_path.exists()
    assert [p.read_bytes() for p in err.value.moved_to][0] == bytes(raw)  # moved, not changed
    backup.restore_backup(good, db_path)
    db = open_database(db_path, passphrase=PASS, routine_backup=False)
    assert db.encrypted and len(participants.list_participants(db, 1)) == 200
    db.close(backup_on_close=False)


def test_restore_keeps_an_encrypted_database_encrypted(db_path):
    db, cid = _filled(db_path)
    plain = db.backup("manual")
    encryption.encrypt(db, PASS, plain_copies=encryption.DELETE)
    assert not plain.exists()
    participants.create_participant(db, cid, {"given_name": "Third", "family_name": "Person"})
    enc = db.backup("manual")
    shutil.copy(enc, enc.with_name("copy.sqlite"))
    # a plain backup from elsewhere, restored into the encrypted database
    other = db_path.parent / "other.sqlite"
    odb, _ = _filled(other, names=("Only One",))
    outside = odb.backup("manual")
    odb.close(backup_on_close=False)
    moved = db.restore(outside)
    assert db.encrypted and db_path.read_bytes()[:16] != checks.SQLITE_HEADER
    assert moved and moved[0].read_bytes()[:16] != checks.SQLITE_HEADER  # kept aside, encrypted
    assert [p["given_name"] for p in participants.list_participants(db, 1)] == ["Only"]
    db.restore(enc)
    assert len(participants.list_participants(db, cid)) == 3
    assert db.key == cipher.key_for(enc)
    db.close(backup_on_close=False)
    assert _raw_open(db_path, PASS) == 3


def test_retention_and_listing_read_encrypted_backups(db_path, monkeypatch):
    db, _ = _encrypted(db_path)
    db.close(backup_on_close=False)
    db = open_database(db_path, passphrase=PASS, routine_backup=False)
    day = 24 * 3600
    now = 1_800_000_000
    for i in range(4):
        backup.make_backup(db_path, "daily", now=now - (40 - i) * day)
    kept = backup.prune(db_path, now=now)
    infos = backup.describe_backups(db_path)
    assert all(i.readable and i.encrypted and i.participants == 2 for i in infos)
    assert kept  # old ones went, by the same rules as for a plain file
    assert backup.newest_good_backup(db_path) == infos[0].path
    db.close(backup_on_close=False)
    # without the key, a listing says encrypted, not damaged
    infos = backup.describe_backups(db_path)
    assert all(not i.readable and i.encrypted for i in infos)
    assert backup.newest_good_backup(db_path) is None


def test_an_old_schema_upgrades_encrypted_with_an_encrypted_backup_first(tmp_path):
    fixture = FIXTURES / "schema_0001.sqlite"
    path = tmp_path / "old.sqlite"
    key = cipher.new_key(PASS)
    cipher.export(fixture, None, path, key)
    before = path.read_bytes()
    assert before[:16] == key.salt
    with pytest.raises(PassphraseRequired):
        open_database(path)
    assert path.read_bytes() == before
    db = open_database(path, passphrase=PASS, routine_backup=False)
    assert db.report.upgraded_from == "0001" and db.encrypted
    with db.engine.connect() as con:
        assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == \
            migrate.head_revision()
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    kept = db.report.backups_made[0]
    assert "before-upgrade-0001" in kept.name and kept.read_bytes()[:16] == key.salt
    db.close(backup_on_close=False)
    assert _raw_open(kept, PASS) >= 3


def test_erasure_rewrites_encrypted_backups_encrypted(db_path):
    db, cid = _encrypted(db_path)
    db.backup("manual")
    pid = erasure.find_participant(db, "North", "Zofia Wiśniewska")
    result = erasure.erase_participant(db, pid)
    assert result.problems == [] and result.backups_done == 2
    db.close(backup_on_close=False)
    assert len(backup.list_backups(db_path)) == 2
    for b in backup.list_backups(db_path):
        assert b.read_bytes()[:16] == db_path.read_bytes()[:16]
        assert _raw_open(b, PASS) == 1
    assert _raw_open(db_path, PASS) == 1


def test_the_lock_refuses_a_second_open_of_an_encrypted_file(db_path):
    db, _ = _encrypted(db_path)
    with pytest.raises(AlreadyOpen):
        open_database(db_path, passphrase=PASS)
    db.close(backup_on_close=False)
    assert cipher.known_key(db_path.read_bytes()[:16]) is None  # forgotten at close


def test_looks_encrypted_needs_whole_pages_and_no_known_header():
    assert cipher.looks_encrypted(os.urandom(16), 4096)
    assert cipher.looks_encrypted(os.urandom(16), 512)
    assert not cipher.looks_encrypted(os.urandom(16), 511)
    assert not cipher.looks_encrypted(os.urandom(16), 4097)
    assert not cipher.looks_encrypted(checks.SQLITE_HEADER, 4096)
    assert not cipher.looks_encrypted(b"PK\x03\x04" + bytes(12), 4096)
    assert not cipher.looks_encrypted(b"%PDF-1.7" + bytes(8), 4096)


def test_a_key_is_never_printed_and_derivation_is_sqlciphers():
    key = cipher.derive(PASS, bytes(16))
    assert key.raw.hex() not in repr(key) and repr(key) == "Key(…)"
    assert len(key.raw) == cipher.KEY_BYTES and cipher.KDF_ITER == 256_000
    assert cipher.new_key(PASS).salt != cipher.new_key(PASS).salt


def test_backups_folder_and_files_stay_private(db_path):
    db, _ = _encrypted(db_path)
    db.close(backup_on_close=True)
    if os.name != "nt":
        assert db_path.stat().st_mode & 0o777 == 0o600
        assert backups_dir(db_path).stat().st_mode & 0o777 == 0o700
        for b in backup.list_backups(db_path):
            assert b.stat().st_mode & 0o777 == 0o600


def test_a_conversion_that_fails_its_check_changes_nothing(db_path, monkeypatch):
    db, cid = _filled(db_path)
    db.checkpoint()
    before = db_path.read_bytes()
    real_export = cipher.export

    def lossy(src, src_key, dest, dest_key):  # a copy missing a record must not replace the file
        real_export(src, src_key, dest, dest_key)
        con = cipher.connect(dest, dest_key)
        con.execute("DELETE FROM participants WHERE given_name = 'Amira'")
        con.commit()
        con.close()

    monkeypatch.setattr(cipher, "export", lossy)
    with pytest.raises(StoreError, match="does not hold the same records"):
        encryption.encrypt(db, PASS)
    assert not db.encrypted and db_path.read_bytes() == before
    assert not cipher._keys  # the new key was forgotten
    participants.create_participant(db, cid, {"given_name": "Still", "family_name": "Works"})
    assert len(participants.list_participants(db, cid)) == 3
    assert not [p for p in db_path.parent.iterdir() if p.name.startswith(".facilitator-")]
    db.close(backup_on_close=False)


def test_files_kept_aside_are_encrypted_with_the_database_and_erased_from(db_path):
    db, cid = _filled(db_path)
    made = db.backup("manual")
    moved = db.restore(made)  # leaves the file it replaced aside as .replaced-…
    aside = moved[0]
    assert aside.read_bytes()[:16] == checks.SQLITE_HEADER
    result = encryption.encrypt(db, PASS)
    assert result.problems == [] and result.copies_converted == 2
    assert aside.read_bytes()[:16] == db_path.read_bytes()[:16]
    pid = erasure.find_participant(db, "North", "Zofia Wiśniewska")
    result = erasure.erase_participant(db, pid)
    assert result.problems == [] and result.set_aside_done == 1
    db.close(backup_on_close=False)
    assert _holding(db_path.parent, "Wiśniewska") == []
    assert _raw_open(aside, PASS) == 1


def test_the_plain_files_encryption_replaces_or_deletes_are_overwritten_with_zeros(db_path):
    db, _ = _filled(db_path)
    made = db.backup("manual")
    db.checkpoint()
    # an open descriptor reads the old blocks, as an undelete tool would find them on the disk
    with open(db_path, "rb") as old, open(made, "rb") as old_backup:
        encryption.encrypt(db, PASS, plain_copies=encryption.DELETE)
        data, backup_data = old.read(), old_backup.read()
    assert len(data) > 4096 and data == bytes(len(data))
    assert len(backup_data) > 4096 and backup_data == bytes(len(backup_data))
    assert not made.exists()
    db.close(backup_on_close=False)


def test_the_encrypted_engine_is_shared_by_threads_like_a_plain_one(db_path):
    import threading

    db, cid = _encrypted(db_path)
    assert type(db.engine.pool).__name__ == "QueuePool"
    counts: list[int] = []

    def work() -> None:
        for _ in range(3):
            counts.append(len(participants.list_participants(db, cid)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert counts == [2] * 12
    db.close(backup_on_close=False)
