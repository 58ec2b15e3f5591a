"""Each reason a backup is not restored, in the words the person reads, naming the file."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.store import backup
from facilitator.store.errors import StoreError
from tests.store.test_backup_checks import _damaged_database


def _refusal(path) -> str:
    with pytest.raises(StoreError) as err:
        backup.check_restorable(path)
    return str(err.value)


def _sqlite_file(path, revision=None):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    if revision:
        con.execute("CREATE TABLE alembic_version (version_num TEXT)")
        con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.commit()
    con.close()


def test_a_missing_backup_or_a_folder_is_no_backup_file(tmp_path):
    missing = tmp_path / "gone.sqlite"
    assert _refusal(missing) == f"There is no backup file at {missing}."
    assert _refusal(tmp_path) == f"There is no backup file at {tmp_path}."


def test_a_file_that_is_not_sqlite_or_not_ours_is_not_a_facilitator_database(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("a shopping list")
    assert _refusal(text) == f"{text} is not a Facilitator database; it was not restored."
    stranger = tmp_path / "stranger.sqlite"
    _sqlite_file(stranger)
    assert _refusal(stranger) == f"{stranger} is not a Facilitator database; it was not restored."


def test_a_damaged_backup_says_so_with_sqlites_first_problem(tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    _damaged_database(damaged)
    message = _refusal(damaged)
    assert message.startswith(f"The backup {damaged} is damaged (")
    assert message.endswith("); it was not restored.")
    assert len(message) > len(f"The backup {damaged} is damaged (); it was not restored.")


def test_a_backup_from_a_newer_version_names_its_schema(tmp_path):
    future = tmp_path / "future.sqlite"
    _sqlite_file(future, "9999")
    assert _refusal(future) == (f"{future} was made by a newer version of Facilitator "
                                "(schema 9999); it was not restored.")


def test_a_sound_backup_of_ours_may_be_restored(tmp_path):
    ours = tmp_path / "ours.sqlite"
    _sqlite_file(ours, "0001")
    assert backup.check_restorable(ours) is None
