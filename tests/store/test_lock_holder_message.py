"""The "already open" message names the process holding the lock, whatever the lock file holds."""

from __future__ import annotations

import os

import pytest

from facilitator.store.errors import AlreadyOpen
from facilitator.store.lock import InstanceLock


def _refused(db_path) -> str:
    with pytest.raises(AlreadyOpen) as err:
        InstanceLock(db_path).acquire()
    return str(err.value)


@pytest.fixture
def held(tmp_path):
    lock = InstanceLock(tmp_path / "programme.sqlite")
    lock.acquire()
    yield lock
    lock.release()


def test_a_long_lock_file_names_only_its_first_32_characters(held):
    held.path.write_text("7" * 100)
    assert f"(process {'7' * 32})" in _refused(held.path.with_suffix(""))


def test_bytes_that_are_not_text_in_the_lock_file_still_give_the_message(held):
    held.path.write_bytes(b"12\xff34")
    assert "(process 12\ufffd34)" in _refused(held.path.with_suffix(""))


def test_a_lock_file_that_cannot_be_read_gives_the_message_without_a_process(held, monkeypatch):
    def unreadable(_fd, _n):
        raise OSError("I/O error")

    with monkeypatch.context() as m:
        m.setattr(os, "read", unreadable)
        message = _refused(held.path.with_suffix(""))
    assert "already open in another Facilitator window.\n" in message
    assert "(process" not in message


def test_a_lock_file_left_behind_is_rewritten_with_our_process_only(tmp_path):
    db_path = tmp_path / "programme.sqlite"
    left = InstanceLock(db_path).path
    left.write_text("4194304999 left by a process long gone")
    os.chmod(left, 0o644)
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        assert left.read_text() == str(os.getpid())
        if os.name != "nt":
            assert left.stat().st_mode & 0o777 == 0o600
    finally:
        lock.release()


def test_the_already_open_message_word_for_word(held):
    assert _refused(held.path.with_suffix("")) == (
        f"The database 'programme.sqlite' is already open in another Facilitator window "
        f"(process {os.getpid()}).\nSwitch to that window, or close it and try again. "
        "Two copies writing to one file could lose work, so this one will not open it.")
