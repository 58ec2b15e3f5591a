"""A file set aside (damaged or replaced) is renamed with its -wal and -shm to NAME.LABEL-STAMP,
and never onto a name already taken by any of the three."""

from __future__ import annotations

import time

import pytest

from facilitator.store import backup
from facilitator.store.errors import DamagedDatabase

STAMP = "20260302-100000"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    real = time.strftime
    monkeypatch.setattr(time, "strftime", lambda fmt, *t: STAMP if fmt == backup.STAMP
                        else real(fmt, *t))
    path = tmp_path / "programme.sqlite"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / (path.name + suffix)).write_bytes(suffix.encode() or b"main")
    return path


def names(paths):
    return [p.name for p in paths]


def test_the_database_and_its_journals_move_together_under_one_stamped_name(db_path):
    moved = backup.move_aside(db_path, "damaged")
    base = f"programme.sqlite.damaged-{STAMP}"
    assert names(moved) == [base, base + "-wal", base + "-shm"]
    assert [p.read_bytes() for p in moved] == [b"main", b"-wal", b"-shm"]
    assert not any(db_path.with_name(db_path.name + s).exists() for s in ("", "-wal", "-shm"))


@pytest.mark.parametrize("taken", ["", "-wal", "-shm"])
def test_a_name_taken_by_any_of_the_three_files_is_not_used(db_path, taken):
    base = f"programme.sqlite.replaced-{STAMP}"
    db_path.with_name(base + taken).write_bytes(b"earlier")
    moved = backup.move_aside(db_path, "replaced")
    assert names(moved)[0] == base + "-2"
    assert db_path.with_name(base + taken).read_bytes() == b"earlier"


def test_each_further_clash_counts_on(db_path):
    base = f"programme.sqlite.replaced-{STAMP}"
    db_path.with_name(base).write_bytes(b"first")
    db_path.with_name(base + "-2-wal").write_bytes(b"second")
    assert names(backup.move_aside(db_path, "replaced"))[0] == base + "-3"


def test_only_the_files_that_exist_are_moved(tmp_path, monkeypatch):
    monkeypatch.setattr(time, "strftime", lambda fmt, *t: STAMP)
    path = tmp_path / "programme.sqlite"
    path.write_bytes(b"main")
    assert names(backup.move_aside(path, "damaged")) == [f"programme.sqlite.damaged-{STAMP}"]


def test_the_damage_error_carries_what_the_dialog_offers(tmp_path):
    aside, older, good = (tmp_path / n for n in ("aside", "older", "good"))
    err = DamagedDatabase("damaged", moved_to=[aside], backups=[good, older], good_backup=good)
    assert (str(err), err.moved_to, err.backups, err.good_backup) == (
        "damaged", [aside], [good, older], good)
    assert err.title == "Database damaged"
