"""File → Restore from backup…: the same list as the terminal's, read and restored off the
UI thread; the current file kept aside; every view refreshed and the undo history cleared."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog

from facilitator.services.cohort import cohorts, participants
from facilitator.store import backup
from facilitator.ui.backups.restore_dialog import RestoreDialog


def _open_dialog(qtbot, window):
    window.act_restore.trigger()
    [dialog] = window.findChildren(RestoreDialog)
    qtbot.waitUntil(lambda: dialog._job is None, timeout=10_000)
    return dialog


def test_lists_backups_like_the_terminal_and_restores_the_chosen_one(qtbot, window, db, answers):
    cid = cohorts.create_cohort(db, {"name": "Kept"}).id
    participants.create_participant(db, cid, {"given_name": "Amira"})
    made = db.backup("manual")
    cohorts.create_cohort(db, {"name": "Added after"})
    window.selector.reload()
    window.ctx.undo_stack.push(QUndoCommand("an edit made before the restore"))
    seen = []
    window.ctx.changed.connect(seen.append)
    dialog = _open_dialog(qtbot, window)
    assert dialog.table.rowCount() == 1
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    info = backup.describe(made)
    assert row[2:] == [str(info.cohorts), str(info.participants), "manual"] == ["1", "1", "manual"]
    assert dialog.restore_button.isEnabled()
    answers.confirm = True
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Kept"]
    assert [window.selector.itemText(i).split("  ")[0] for i in range(window.selector.count())] == ["Kept"]
    assert window.ctx.undo_stack.count() == 0
    assert seen and seen[-1].touches("cohorts", "participants", "tools")
    [aside] = db.path.parent.glob(f"{db.path.name}.replaced-*")
    assert backup.count_people(aside) == (2, 1)
    assert "Restored the backup" in window.statusBar().currentMessage()


def test_declining_the_question_changes_nothing(qtbot, window, db, answers):
    cohorts.create_cohort(db, {"name": "Only"})
    db.backup("manual")
    cohorts.create_cohort(db, {"name": "Second"})
    dialog = _open_dialog(qtbot, window)
    answers.confirm = False
    dialog.restore_button.click()
    assert dialog.isVisible() and dialog.restored_from is None
    assert len(cohorts.list_cohorts(db)) == 2
    dialog.reject()


def test_no_backups_says_so(qtbot, window):
    dialog = _open_dialog(qtbot, window)
    assert dialog.table.rowCount() == 0 and "no backups" in dialog.status.text()
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


def test_a_damaged_backup_is_refused_in_words(qtbot, window, db, answers):
    import os

    cohorts.create_cohort(db, {"name": "Kept"})
    for i in range(200):
        participants.create_participant(db, 1, {"given_name": f"P{i}", "notes": "x" * 200})
    made = db.backup("manual")
    raw = bytearray(made.read_bytes())
    for n in range(2, 12):
        raw[n * 4096:(n + 1) * 4096] = os.urandom(4096)
    made.write_bytes(bytes(raw))
    dialog = _open_dialog(qtbot, window)
    answers.confirm = True
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog._job is None and dialog.restored_from is None, timeout=10_000)
    assert answers.warnings and "damaged" in answers.warnings[-1][1]
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Kept"]
    assert "nothing was changed" in dialog.status.text()
    dialog.reject()


def test_a_backup_under_another_passphrase_is_shown_as_encrypted(qtbot, window, db):
    from facilitator.store import cipher, encryption

    cohorts.create_cohort(db, {"name": "Kept"})
    made = db.backup("manual")
    encryption.rewrite(made, None, cipher.new_key("a passphrase this app was not given"))
    cipher.forget_all()
    dialog = _open_dialog(qtbot, window)
    assert dialog.table.item(0, 2).text() == "encrypted (another passphrase)"
    dialog.reject()
