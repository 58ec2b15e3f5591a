"""Consent withdrawn after an export dialog opened: the file written afterwards holds none of
her worksheets (the dialogs hold ids, and the export reads consent as it runs)."""

from __future__ import annotations

import pytest

from facilitator.ui.context import AppContext
from facilitator.ui.exports.print_dialog import PrintDialog
from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog
from tests.services.privacy.test_consent_on_every_export import (
    CARAS,
    HERS,
    ZARA,
    _world,
    text_of_output,
    withdraw,
)


@pytest.fixture
def setting(qtbot, db):
    world = _world(db)
    ctx = AppContext(db)
    ctx.set_cohort(world.cohort_id)
    return ctx, world


def test_the_cohort_report_written_after_she_withdraws_leaves_her_out(qtbot, setting, tmp_path):
    ctx, world = setting
    dlg = PrintDialog(ctx, None, "cohort-report")
    qtbot.addWidget(dlg)
    assert dlg.current_pack().key == "cohort-report"
    withdraw(ctx.db, world.zara)  # the dialog is open; she withdraws
    out = tmp_path / "report.pdf"
    dlg.save_to(out)
    qtbot.waitUntil(lambda: dlg.last_saved == out, timeout=30000)
    text = text_of_output(out)
    assert [m for m in HERS if m in text] == [] and " ".join(ZARA) not in text
    assert CARAS[0] in text


@pytest.mark.parametrize("kind", ["organisation", "cohort"])
def test_a_workbook_written_after_she_withdraws_has_none_of_her_worksheets(qtbot, setting,
                                                                           tmp_path, kind):
    ctx, world = setting
    dlg = ExportWorkbookDialog(ctx, None, kind, world.org_id if kind == "organisation" else None)
    qtbot.addWidget(dlg)
    out = tmp_path / f"{kind}.xlsx"
    dlg.path.setText(str(out))
    withdraw(ctx.db, world.zara)
    dlg.start()
    qtbot.waitUntil(lambda: dlg.result_info is not None, timeout=30000)
    text = text_of_output(out)
    assert [m for m in HERS if m in text] == []
    assert CARAS[0] in text and dlg.result_info["withheld"] == 1
