"""Consent history… on a participant opens a list of every change with its wording."""

from __future__ import annotations

from datetime import date

from facilitator.services.cohort import participants
from facilitator.ui.privacy.consent_dialog import ConsentHistoryDialog
from tests.ui.helpers import when_dialog_opens
from tests.ui.privacy.test_erase_ui import pick


def test_consent_history_dialog_lists_each_change(qtbot, db, window, cohort_id):
    pid = participants.create_participant(db, cohort_id, {
        "given_name": "Amira", "consent_share_org": True,
        "consent_share_org_date": date(2026, 9, 1)}).id
    participants.update_participant(db, pid, {"consent_share_org": False,
                                              "consent_share_org_date": None})
    window.selector.reload(cohort_id)
    panel = window.areas["cohort"].participants
    qtbot.waitUntil(lambda: not panel._loading and panel.model.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    seen = []

    def read(dlg):
        seen.append([[dlg.table.item(r, c).text() for c in range(5)]
                     for r in range(dlg.table.rowCount())])
        dlg.reject()

    when_dialog_opens(read)
    pick(qtbot, panel, "Consent history…")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    [rows] = seen
    assert [r[1:4] for r in rows] == [["Sharing with organisation", "Yes", "01 Sep 2026"],
                                      ["Sharing with organisation", "No", ""]]
    assert rows[0][4] == "Consent to share worksheets with their organisation"


def test_empty_history_says_so(qtbot):
    dlg = ConsentHistoryDialog(None, "Ben", [])
    qtbot.addWidget(dlg)
    from PySide6.QtWidgets import QLabel

    assert dlg.table.rowCount() == 0
    assert any("No consent has been recorded" in lbl.text() for lbl in dlg.findChildren(QLabel))
