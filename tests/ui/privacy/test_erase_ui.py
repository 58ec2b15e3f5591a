"""Erase this person… on a participant in the Cohort area: it says it cannot be undone, runs
in a worker, and leaves nothing to undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QPushButton

from facilitator.services.cohort import participants
from facilitator.services.privacy import erasure
from facilitator.ui.privacy.erase import DELETE_LABEL, REWRITE_LABEL
from facilitator.ui.privacy.person_menu import LABEL, menu_action


def pick(qtbot, panel, text: str) -> None:
    """Press "Personal data…" on the selected person and choose `text` from its menu."""
    [button] = [b for b in panel.findChildren(QPushButton) if b.text() == LABEL]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.personal_data_menu.isVisible(), timeout=5000)
    action = menu_action(panel, text)
    panel.personal_data_menu.close()
    action.trigger()


def _select(qtbot, panel, given: str) -> None:
    qtbot.waitUntil(lambda: not panel._loading and panel.model.rowCount() >= 2, timeout=5000)
    for row in range(panel.proxy.rowCount()):
        idx = panel.proxy.index(row, 0)
        if given in panel.proxy.data(idx):
            panel.table.selectRow(row)
            return
    raise AssertionError(f"{given} not listed")


def test_erase_asks_then_erases_in_the_background_and_clears_undo(qtbot, db, window, cohort_id,
                                                                  answers):
    participants.create_participant(db, cohort_id, {"given_name": "Ben", "family_name": "Kept"})
    pid = participants.create_participant(db, cohort_id, {"given_name": "Zephyrine",
                                                          "family_name": "Quillfeather"}).id
    backup_file = db.backup("manual")
    window.selector.reload(cohort_id)
    panel = window.areas["cohort"].participants
    _select(qtbot, panel, "Zephyrine")
    window.ctx.undo_stack.push(QUndoCommand("something earlier"))

    answers.choice = "Cancel"
    pick(qtbot, panel, "Erase this person…")
    qtbot.waitUntil(lambda: len(answers.questions) == 1, timeout=5000)
    title, text = answers.questions[0]
    assert title == "Erase this person" and "cannot be undone" in text
    assert "Zephyrine Quillfeather" in text and "Backups in which they may appear: 1" in text
    assert answers.offered == [REWRITE_LABEL, DELETE_LABEL, "Cancel"]
    assert participants.get_participant(db, pid)  # cancelled: nothing happened

    answers.choice = REWRITE_LABEL
    pick(qtbot, panel, "Erase this person…")
    qtbot.waitUntil(lambda: any(t == "Erased" for t, _ in answers.warnings), timeout=10000)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    [(_, said)] = [w for w in answers.warnings if w[0] == "Erased"]
    assert "Reference for your records: E-" in said and "Backups rewritten without them: 1" in said
    assert window.ctx.undo_stack.count() == 0
    assert b"Quillfeather" not in backup_file.read_bytes()
    assert [e["backups"] for e in erasure.list_erasures(db)] == ["rewrite"]

