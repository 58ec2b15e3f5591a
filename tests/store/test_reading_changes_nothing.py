"""Looking at a file (its schema version, its integrity, what a backup holds) creates nothing
beside it and changes no byte of it, even when it is a WAL database closed cleanly."""

from __future__ import annotations

import sqlite3

from facilitator.store import backup, checks


def _closed_wal_database(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE participants (id INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO participants VALUES (1)")
    con.commit()
    con.close()  # the last connection checkpoints and removes -wal and -shm


def test_looking_at_a_closed_wal_database_leaves_its_folder_as_it_was(tmp_path):
    path = tmp_path / "programme.sqlite"
    _closed_wal_database(path)
    before = path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert checks.read_revision(path) == (None, True)
    assert checks.integrity_ok(path) == (True, "ok")
    assert backup.count_people(path) == (None, 1)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no -wal, no -shm
    assert path.read_bytes() == before


def test_nothing_is_created_beside_it_even_while_it_is_being_read(tmp_path):
    path = tmp_path / "programme.sqlite"
    _closed_wal_database(path)
    with checks.reading(path) as con:
        assert con.execute("SELECT count(*) FROM participants").fetchone() == (1,)
        assert [p.name for p in tmp_path.iterdir()] == [path.name]
