"""Help → Export log… lists what left the app."""

from __future__ import annotations

from facilitator.services.privacy.export_log import log_export
from tests.ui.helpers import when_dialog_opens


def test_export_log_menu_shows_entries(qtbot, db, window, cohort_id):
    log_export(db, "calendar", "/somewhere/cohort.ics", cohort_id=cohort_id)
    seen = []

    def read(dlg):
        seen.append([[dlg.table.item(r, c).text() for c in range(6)]
                     for r in range(dlg.table.rowCount())])
        dlg.reject()

    when_dialog_opens(read)
    window.act_export_log.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    [[row]] = seen
    assert row[1:4] == ["Calendar (.ics)", "cohort.ics", "Test cohort"]
