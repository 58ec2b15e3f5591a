"""The read-only text table of the record-listing dialogs: rows fit the columns' final
widths, so a long last cell wraps into a few lines instead of stretching its row."""

from __future__ import annotations

from datetime import datetime

from facilitator.ui.privacy.export_log_dialog import ExportLogDialog
from facilitator.ui.widgets.text_table import TextTable


def test_rows_follow_the_columns_widths_once_shown(qtbot):
    long = ", ".join(f"Person {n} Surname{n}" for n in range(12))
    table = TextTable(("Kind", "People"), [("Workbook", long), ("Subject access", "Femi")])
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.show()
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.rowHeight(1), timeout=3000)  # wraps
    assert table.rowHeight(0) < 5 * table.rowHeight(1)  # into a few lines, at this width
    assert table.item(0, 1).text() == long and table.item(1, 0).text() == "Subject access"
    wide = table.rowHeight(0)
    table.resize(400, 400)  # narrower: the long row grows
    qtbot.waitUntil(lambda: table.rowHeight(0) > wide, timeout=3000)
    table.resize(2000, 400)  # wide enough for one line: it shrinks to one
    qtbot.waitUntil(lambda: table.rowHeight(0) == table.rowHeight(1), timeout=3000)


def test_the_export_log_shows_every_row_on_screen(qtbot):
    rows = [{"exported_at": datetime(2026, 12, 1, 9, n), "kind_label": kind, "file_name": name,
             "cohort": "North", "organisation": "", "people": [f"Person {k}" for k in range(n * 6)]}
            for n, (kind, name) in enumerate([("Workbook", "cohort.xlsx"), ("PDF", "r.pdf"),
                                              ("Subject access", "Subject access")], 1)]
    dlg = ExportLogDialog(None, rows)
    qtbot.addWidget(dlg)
    dlg.show()
    table = dlg.table
    qtbot.waitUntil(lambda: sum(table.rowHeight(r) for r in range(3))
                    < table.viewport().height(), timeout=3000)
    assert [table.item(r, 1).text() for r in range(3)] == ["Workbook", "PDF", "Subject access"]
