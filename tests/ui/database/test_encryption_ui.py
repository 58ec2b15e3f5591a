"""The passphrase at start and on File → Open database… (wrong one: told, and asked again;
Cancel), and File → Encryption: encrypt (typed twice, minimum length, the warning to tick),
change the passphrase, remove the encryption, with the title saying "(encrypted)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from facilitator.services.cohort import cohorts
from facilitator.store import backup, checks, cipher, encryption
from facilitator.store.database import open_database
from facilitator.ui import recent_files

PASS = "correct horse battery"
NEW = "another good passphrase"


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    cipher.forget_all()


def _make(path: Path, passphrase: str | None = None) -> Path:
    db = open_database(path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "North"})
    db.backup("manual")
    if passphrase:
        encryption.encrypt(db, passphrase)
    db.close(backup_on_close=False)
    return path


def _window(qtbot):
    from facilitator.app import Starter
    from facilitator.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    return win, Starter


def _wait_dialog(qtbot, starter, old=None):
    qtbot.waitUntil(lambda: getattr(starter, "passphrase_dialog", None) not in (None, old)
                    and starter.passphrase_dialog.isVisible(), timeout=15_000)
    return starter.passphrase_dialog


def _type_and_open(qtbot, dialog, text: str) -> None:
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, text)
    assert dialog.ok.isEnabled()
    dialog.ok.click()


def test_start_asks_for_the_passphrase_tells_a_wrong_one_and_opens_with_the_right(
        qtbot, tmp_path, answers):
    answers.yes_no = False
    path = _make(tmp_path / "e.sqlite", PASS)
    before = path.read_bytes()
    win, Starter = _window(qtbot)
    starter = Starter(win, path)
    starter.open()
    first = _wait_dialog(qtbot, starter)
    assert not first.error.isVisible() and "is encrypted" in first.intro.text()
    assert not first.ok.isEnabled()  # nothing typed yet
    _type_and_open(qtbot, first, "not the passphrase")
    second = _wait_dialog(qtbot, starter, old=first)
    assert second.error.isVisible()
    assert "did not open e.sqlite" in second.error.text()
    assert path.read_bytes() == before and starter.ctx is None
    _type_and_open(qtbot, second, PASS)
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=15_000)
    assert win.windowTitle() == "e.sqlite (encrypted) — Facilitator"
    assert not win.act_encrypt.isEnabled()
    assert win.act_change_passphrase.isEnabled() and win.act_remove_encryption.isEnabled()
    starter.shutdown()


def test_cancel_at_start_quits_and_changes_nothing(qtbot, tmp_path):
    path = _make(tmp_path / "c.sqlite", PASS)
    before = path.read_bytes()
    win, Starter = _window(qtbot)
    win.show()
    starter = Starter(win, path)
    starter.open()
    dialog = _wait_dialog(qtbot, starter)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5_000)
    assert starter.ctx is None and path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_open_database_asks_for_the_passphrase_and_cancel_keeps_the_current(
        qtbot, tmp_path, answers, monkeypatch):
    answers.yes_no = False
    plain = _make(tmp_path / "plain.sqlite")
    enc = _make(tmp_path / "enc.sqlite", PASS)
    win, Starter = _window(qtbot)
    starter = Starter(win, plain)
    starter.open()
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=15_000)
    assert win.windowTitle() == "plain.sqlite — Facilitator"
    assert win.act_encrypt.isEnabled() and not win.act_change_passphrase.isEnabled()
    assert not win.act_remove_encryption.isEnabled()
    monkeypatch.setattr(recent_files, "choose_existing", lambda parent, folder: enc)
    win.act_open_db.trigger()
    dialog = _wait_dialog(qtbot, starter)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert starter.ctx.db.path == plain and win.windowTitle() == "plain.sqlite — Facilitator"
    win.act_open_db.trigger()
    dialog = _wait_dialog(qtbot, starter, old=dialog)
    _type_and_open(qtbot, dialog, PASS)
    qtbot.waitUntil(lambda: starter.ctx is not None and starter.ctx.db.path == enc
                    and not starter.opening, timeout=15_000)
    assert win.windowTitle() == "enc.sqlite (encrypted) — Facilitator"
    starter.shutdown()


@pytest.fixture
def opened(qtbot, tmp_path, answers):
    answers.yes_no = False
    path = _make(tmp_path / "o.sqlite")
    win, Starter = _window(qtbot)
    starter = Starter(win, path)
    starter.open()
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=15_000)
    yield win, starter, path
    starter.shutdown()


def _done(win):
    return lambda: not win.encryption_progress.isVisible()


def test_encrypt_dialog_checks_both_entries_and_the_warning_then_encrypts(qtbot, opened):
    win, starter, path = opened
    plain_backups = backup.list_backups(path)
    win.act_encrypt.trigger()
    dialog = win.passphrase_dialog
    assert "the data is gone" in dialog.findChild(type(dialog.error), "warning").text()
    qtbot.keyClicks(dialog.first, "short")
    assert not dialog.ok.isEnabled()
    assert "at least 10 characters (5 so far)" in dialog.error.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, PASS)
    qtbot.keyClicks(dialog.second, PASS[:-1] + "X")
    assert dialog.error.text() == "The two passphrases differ." and not dialog.ok.isEnabled()
    dialog.second.clear()
    qtbot.keyClicks(dialog.second, PASS)
    assert "Tick the box" in dialog.error.text() and not dialog.ok.isEnabled()
    dialog.understood.setChecked(True)
    assert dialog.error.text() == "" and dialog.ok.isEnabled()
    dialog.ok.click()
    qtbot.waitUntil(lambda: starter.ctx.db.encrypted, timeout=30_000)
    qtbot.waitUntil(_done(win), timeout=30_000)
    assert win.windowTitle() == "o.sqlite (encrypted) — Facilitator"
    assert not win.act_encrypt.isEnabled() and win.act_change_passphrase.isEnabled()
    assert path.read_bytes()[:16] != checks.SQLITE_HEADER
    assert all(p.read_bytes()[:16] != checks.SQLITE_HEADER for p in plain_backups)
    assert "is encrypted" in win.statusBar().currentMessage()


def test_encrypt_can_delete_the_plain_backups_instead(qtbot, opened):
    win, starter, path = opened
    plain_backups = backup.list_backups(path)
    win.act_encrypt.trigger()
    dialog = win.passphrase_dialog
    qtbot.keyClicks(dialog.first, PASS)
    qtbot.keyClicks(dialog.second, PASS)
    dialog.understood.setChecked(True)
    dialog.delete_backups.setChecked(True)
    dialog.ok.click()
    qtbot.waitUntil(lambda: starter.ctx.db.encrypted, timeout=30_000)
    qtbot.waitUntil(_done(win), timeout=30_000)
    assert plain_backups and not any(p.exists() for p in plain_backups)


def test_change_passphrase_needs_the_current_one_then_remove_encryption(qtbot, opened, answers):
    win, starter, path = opened
    encryption.encrypt(starter.ctx.db, PASS)
    from facilitator.ui.database.encryption import show_state

    show_state(win)
    win.act_change_passphrase.trigger()
    dialog = win.passphrase_dialog
    assert dialog.error.text() == "" and not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.first, NEW)
    assert dialog.error.text() == "Enter the current passphrase."
    qtbot.keyClicks(dialog.current, "wrong current one")
    qtbot.keyClicks(dialog.second, NEW)
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=30_000)
    assert answers.warnings[-1][0] == "Wrong passphrase"
    salt = path.read_bytes()[:16]
    assert starter.ctx.db.key == cipher.derive(PASS, salt)  # unchanged
    win.act_change_passphrase.trigger()
    dialog = win.passphrase_dialog
    for field, text in ((dialog.current, PASS), (dialog.first, NEW), (dialog.second, NEW)):
        qtbot.keyClicks(field, text)
    dialog.ok.click()
    qtbot.waitUntil(lambda: path.read_bytes()[:16] != salt, timeout=30_000)
    qtbot.waitUntil(_done(win), timeout=30_000)
    assert starter.ctx.db.key == cipher.derive(NEW, path.read_bytes()[:16])
    win.act_remove_encryption.trigger()
    dialog = win.passphrase_dialog
    assert "anyone who has this laptop's disk" in dialog.intro.text()
    _type_and_open(qtbot, dialog, NEW)
    qtbot.waitUntil(lambda: not starter.ctx.db.encrypted, timeout=30_000)
    qtbot.waitUntil(_done(win), timeout=30_000)
    assert win.windowTitle() == "o.sqlite — Facilitator"
    assert path.read_bytes()[:16] == checks.SQLITE_HEADER
    assert win.act_encrypt.isEnabled() and not win.act_remove_encryption.isEnabled()
