"""What the check before opening says, word for word, for each file it cannot use."""

from __future__ import annotations

import os
import sqlite3

import pytest

from facilitator.store import checks
from facilitator.store.errors import NotADatabase, ReadOnlyDatabase


def _message(path, error=ReadOnlyDatabase) -> str:
    with pytest.raises(error) as err:
        checks.check_file(path)
    return str(err.value)


@pytest.fixture
def real(tmp_path):
    path = tmp_path / "real.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    return path


def _without_write(monkeypatch, target):
    """As a user without write permission on `target` sees it (the tests may run as root)."""
    real_access = os.access
    monkeypatch.setattr(checks.os, "access", lambda p, mode: (
        not mode & os.W_OK and real_access(p, mode)) if str(p) == str(target)
        else real_access(p, mode))


def test_a_folder_is_not_a_database_file(tmp_path):
    assert _message(tmp_path, NotADatabase) == f"{tmp_path} is a folder, not a database file."


def test_a_read_only_file_says_how_to_go_on(real, monkeypatch):
    _without_write(monkeypatch, real)
    assert _message(real) == (
        f"{real} is read-only, so changes could not be saved.\n"
        "Copy it somewhere you can write to, or change its permissions, then open it again.")


def test_a_file_in_a_read_only_folder_says_why_the_folder_matters(real, monkeypatch):
    _without_write(monkeypatch, real.parent)
    assert _message(real) == (
        f"The folder {real.parent} is read-only. Facilitator keeps a journal beside the "
        "database while it works, so it needs to write there.\n"
        "Move the database to a folder you can write to.")


def test_a_new_file_in_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    _without_write(monkeypatch, tmp_path)
    new = tmp_path / "new.sqlite"
    assert _message(new) == f"Cannot create a database in {tmp_path}: the folder is read-only."
    assert not new.exists()


def test_a_folder_that_cannot_be_made_names_it_and_why(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where the folder would go")
    folder = blocker / "data"
    message = _message(folder / "new.sqlite")
    assert message.startswith(f"Cannot create the folder {folder}: ")
    reason = message.removeprefix(f"Cannot create the folder {folder}: ")
    assert reason in ("Not a directory.", "File exists.")


def test_the_quick_check_passes_a_healthy_file(real):
    assert checks.integrity_ok(real, quick=True) == (True, "ok")
