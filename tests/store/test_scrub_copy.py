"""Rewriting a copy of the database (a backup, a file set aside) without what is erased: the
erased text is in no byte of the result, the work file is private while it exists, and a copy
that cannot be read or rewritten is left exactly as it was, with a message naming it."""

from __future__ import annotations

import os
import sqlite3

import pytest

from facilitator.store import scrub
from facilitator.store.errors import StoreError
from facilitator.store.paths import sidecar


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "programme-20260302-100000-auto.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    con.executemany("INSERT INTO people VALUES (?, ?)", [(1, "Amira Secretname"), (2, "Ben")])
    con.commit()
    con.close()
    return path


def _erase_amira(execute):
    return scrub.erase_where(execute, "people", "name = ?", ("Amira Secretname",))


def test_the_erased_person_is_in_no_byte_of_the_rewritten_copy(copy):
    sidecar(copy, "-wal").write_bytes(b"")  # left by a reader of a file not in WAL mode
    sidecar(copy, "-shm").write_bytes(b"left by a reader")
    assert scrub.scrub_copy(copy, _erase_amira) == {"people": 1}
    assert b"Secretname" not in copy.read_bytes()
    assert not sidecar(copy, "-wal").exists() and not sidecar(copy, "-shm").exists()
    con = sqlite3.connect(copy)
    assert con.execute("SELECT name FROM people").fetchall() == [("Ben",)]
    con.close()
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no work file left


def test_the_work_file_is_private_while_the_erasure_runs(copy):
    modes = []

    def erase(execute):
        work = [p for p in copy.parent.iterdir() if p.name != copy.name]
        modes.extend(p.stat().st_mode & 0o777 for p in work)
        return _erase_amira(execute)

    scrub.scrub_copy(copy, erase)
    if os.name != "nt":
        assert modes == [0o600]


def test_a_copy_that_cannot_be_read_is_named_and_left_alone(tmp_path):
    garbled = tmp_path / "programme.sqlite.damaged-20260302-100000"
    garbled.write_bytes(b"not a database" * 200)
    with pytest.raises(StoreError) as err:
        scrub.scrub_copy(garbled, _erase_amira)
    message = str(err.value)
    assert message.startswith(f"{garbled.name} cannot be read (")
    assert message.endswith("), so it could not be rewritten.")
    assert garbled.read_bytes() == b"not a database" * 200
    assert [p.name for p in tmp_path.iterdir()] == [garbled.name]


def test_an_erasure_that_fails_in_the_copy_leaves_it_as_it_was(copy):
    before = copy.read_bytes()

    def broken(execute):
        execute("DELETE FROM people WHERE id = 2", ())
        return scrub.erase_where(execute, "no_such_table", "id = ?", (1,))

    with pytest.raises(StoreError) as err:
        scrub.scrub_copy(copy, broken)
    assert str(err.value) == f"{copy.name} could not be rewritten (no such table: no_such_table)."
    assert copy.read_bytes() == before
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]
