"""The workbook round trip in the app: export from the Organisations tab in a worker, import a
returned workbook, review (filters, counts, three values, keep/take/edit), apply as one undo
step."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from facilitator.models import Participant
from facilitator.ui.workbooks import actions
from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog
from facilitator.ui.workbooks.review_dialog import ReviewDialog
from tests.exports.xlsx.helpers import column_of, demo_cohort, edit, org_with_both, rows


@pytest.fixture
def demo_window(window, db):
    cohort = demo_cohort(db)
    window.selector.reload(cohort)
    window.ctx.set_cohort(cohort)
    return window


def _export(qtbot, dlg: ExportWorkbookDialog, path: Path) -> dict:
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.accepted, timeout=60_000):
        dlg.export_button.click()
    return dlg.result_info


def test_file_menu_has_both_actions(demo_window):
    texts = [a.text() for a in demo_window.file_menu.actions()]
    assert "Export &workbook…" in texts and "&Import a returned workbook…" in texts


def test_each_workbook_from_the_export_dialog(qtbot, demo_window, tmp_path):
    for kind in ("cohort", "organisation", "participant"):
        dlg = actions.export_workbook(demo_window.ctx, demo_window, kind)
        qtbot.addWidget(dlg)
        assert dlg.who.isVisible() == (kind != "cohort")
        info = _export(qtbot, dlg, tmp_path / f"{kind}.xlsx")
        assert Path(info["path"]).exists()
    assert "Attendance matrix" in openpyxl.load_workbook(tmp_path / "cohort.xlsx",
                                                         read_only=True).sheetnames


def test_cancel_leaves_nothing_behind(qtbot, demo_window, tmp_path):
    dlg = actions.export_workbook(demo_window.ctx, demo_window, "cohort")
    qtbot.addWidget(dlg)
    dlg.path.setText(str(tmp_path / "never.xlsx"))
    dlg.start()
    with qtbot.waitSignal(dlg.rejected, timeout=60_000):
        dlg.cancel()
    assert not (tmp_path / "never.xlsx").exists() and dlg.result_info is None
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".facilitator-")] == []


def test_round_trip_with_review_conflict_and_undo(qtbot, demo_window, db, tmp_path):
    ctx = demo_window.ctx
    area = demo_window.show_area("cohort")
    org = org_with_both(db, ctx.cohort_id)
    area.tabs.setCurrentWidget(area.organisations)
    qtbot.waitUntil(lambda: area.organisations.model.rowCount() > 0, timeout=10_000)
    area.organisations.select_id(org["id"])
    button = next(b for b in area.organisations.extra_buttons
                  if b.text() == "Workbook…")
    button.click()
    menu = area.organisations.workbook_menu
    assert [a.text() for a in menu.actions()] == [actions.EXPORT_ONE, actions.QUESTIONS]
    menu.actions()[0].trigger()
    menu.close()
    dlg = next(w for w in demo_window.findChildren(ExportWorkbookDialog) if w.isVisible())
    assert dlg.who.currentData() == org["id"]
    out = tmp_path / "org.xlsx"
    _export(qtbot, dlg, out)

    key = rows(out, "Our people")[2][-1]
    role, phone = column_of(out, "Our people", "Role"), column_of(out, "Our people", "Phone")
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Our people": {f"{role}3": "Team manager", f"{phone}3": "0161 555 0100"}})
    with db.session() as s:
        p = s.scalar(select(Participant).where(Participant.uuid == key))
        p.role = "Senior practitioner"
        before_role = "Senior practitioner"

    seen: list[ReviewDialog] = []
    actions.import_workbook(ctx, demo_window, str(back), on_review=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    review_dlg = seen[0]
    qtbot.addWidget(review_dlg)
    assert review_dlg.status_filter.currentText() == "Conflicts"  # conflicts first
    assert review_dlg.table.rowCount() == 1
    cells = [review_dlg.table.item(0, c).text() for c in range(8)]
    assert cells[3:7] == ["Role", rows(out, "Our people")[2][2], "Team manager", before_role]
    assert not review_dlg.apply_button.isEnabled()
    review_dlg.status_filter.setCurrentIndex(0)
    assert review_dlg.table.rowCount() == 2 and "2 shown" in review_dlg.counts.text()
    review_dlg.status_filter.setCurrentIndex(1)
    review_dlg.table.selectRow(0)
    review_dlg.edit_selected("Team manager (acting)")
    assert review_dlg.apply_button.isEnabled()
    review_dlg.apply_button.click()

    def values():
        with db.read() as s:
            p = s.scalar(select(Participant).where(Participant.uuid == key))
            return p.role, p.phone
    assert values() == ("Team manager (acting)", "0161 555 0100")
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert values() == (before_role, "")
    ctx.undo_stack.redo()
    assert values() == ("Team manager (acting)", "0161 555 0100")


def test_a_hostile_file_is_a_message(qtbot, demo_window, tmp_path, answers):
    bad = tmp_path / "renamed.xlsx"
    bad.write_text("name,role\n")
    actions.import_workbook(demo_window.ctx, demo_window, str(bad))
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=30_000)
    assert "text file" in answers.warnings[0][1]


def test_the_organisation_s_workbook_menu_opens_its_answers(qtbot, demo_window, db):
    from facilitator.ui.workbooks.org_questions_dialog import OrgQuestionsDialog

    ctx = demo_window.ctx
    area = demo_window.show_area("cohort")
    org = org_with_both(db, ctx.cohort_id)
    area.tabs.setCurrentWidget(area.organisations)
    qtbot.waitUntil(lambda: area.organisations.model.rowCount() > 0, timeout=10_000)
    area.organisations.select_id(org["id"])
    next(b for b in area.organisations.extra_buttons if b.text() == "Workbook…").click()
    menu = area.organisations.workbook_menu
    next(a for a in menu.actions() if a.text() == actions.QUESTIONS).trigger()
    menu.close()
    dlg = next(w for w in demo_window.findChildren(OrgQuestionsDialog) if w.isVisible())
    assert dlg.organisation.currentData() == org["id"] and dlg.tabs.currentIndex() == 1
    dlg.reject()
