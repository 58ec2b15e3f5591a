"""Erasure by deleting a database file takes its journals with it, and nothing else."""

from __future__ import annotations

from facilitator.store import scrub


def test_deleting_a_database_file_removes_its_wal_shm_and_journal_only(tmp_path):
    path = tmp_path / "programme.sqlite.replaced-20260302-100000"
    sidecars = [tmp_path / (path.name + s) for s in ("", "-wal", "-shm", "-journal")]
    for p in sidecars:
        p.write_bytes(b"x")
    neighbours = [tmp_path / "programme.sqlite", tmp_path / "programme.sqlite-wal"]
    for p in neighbours:
        p.write_bytes(b"kept")
    scrub.delete_database_file(path)
    assert not any(p.exists() for p in sidecars)
    assert all(p.read_bytes() == b"kept" for p in neighbours)
    scrub.delete_database_file(path)  # gone already: nothing to do, no error
