"""The agenda's Min cell edits in place (Enter saves, Escape cancels, one undo step), and the
item dialog's "Pinned start" is a time field that may be left out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from facilitator.services.plans import plan_view
from facilitator.ui.plans.agenda_model import MINUTES_COL
from tests.ui.helpers import when_dialog_opens
from tests.ui.plans.test_plan_area import column, open_plans, settle


def _open_minutes_editor(qtbot, area, row):
    table = area.agenda.table
    if not table.window().isVisible():
        table.window().show()
        qtbot.waitExposed(table.window())
    index = area.agenda.model.index(row, MINUTES_COL)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.findChild(QSpinBox, "minutesEditor")
    assert editor is not None and editor.isVisible()
    return editor


def _durations(db, event_id, session_index=0):
    items = plan_view.event_plan(db, event_id)["days_plan"][0]["sessions"][session_index]["items"]
    return {it["title"]: it["duration_minutes"] for it in items}


def test_minutes_edit_in_place_with_enter_and_one_undo_step(qtbot, db, window, answers):
    area, event_id = open_plans(qtbot, db, window)
    titles = column(area, 3)
    row = titles.index("Check-in circle")
    before = _durations(db, event_id)
    starts = column(area, 0)
    steps = window.ctx.undo_stack.count()

    editor = _open_minutes_editor(qtbot, area, row)
    assert editor.value() == before["Check-in circle"]
    editor.selectAll()
    qtbot.keyClicks(editor, "25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _durations(db, event_id)["Check-in circle"] == 25, timeout=5000)
    settle(qtbot, area, event_id)
    qtbot.waitUntil(lambda: column(area, 2)[row] == "25", timeout=5000)
    shift = 25 - before["Check-in circle"]
    assert column(area, 0)[row + 1] != starts[row + 1] or shift == 0
    assert window.ctx.undo_stack.count() == steps + 1
    assert window.ctx.undo_stack.undoText() == "Change Check-in circle to 25 min"
    assert area.agenda.current_item()["title"] == "Check-in circle"  # still chosen
    assert answers.warnings == []

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _durations(db, event_id) == before, timeout=5000)
    qtbot.waitUntil(lambda: column(area, 0) == starts, timeout=5000)


def test_escape_cancels_the_minutes_edit(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    row = column(area, 3).index("Check-in circle")
    before = _durations(db, event_id)
    steps = window.ctx.undo_stack.count()
    editor = _open_minutes_editor(qtbot, area, row)
    editor.selectAll()
    qtbot.keyClicks(editor, "90")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert _durations(db, event_id) == before
    assert window.ctx.undo_stack.count() == steps


def test_double_click_elsewhere_still_opens_the_item_dialog(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    table = area.agenda.table
    window.show()
    qtbot.waitExposed(window)
    row = column(area, 3).index("Check-in circle")
    seen = when_dialog_opens(lambda dlg: None, then_close=True)
    rect = table.visualRect(area.agenda.model.index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].windowTitle() == "Edit item: Check-in circle"


def test_pinned_start_is_a_time_field_with_none(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    agenda_view = area.agenda
    row = column(area, 3).index("Lunch")
    agenda_view.table.selectRow(row)
    seen = {}

    def move_lunch(dlg):
        pinned = dlg.editors["pinned"].widget
        seen["was"] = (pinned.check.isChecked(), pinned.time.time().toString("HH:mm"))
        pinned.time.setTime(pinned.time.time().addSecs(15 * 60))
        dlg.accept()

    when_dialog_opens(move_lunch)
    agenda_view.edit_item()
    assert seen["was"] == (True, "12:30")
    qtbot.waitUntil(lambda: "12:45" in column(area, 0)[row], timeout=5000)

    def unpin(dlg):
        dlg.editors["pinned"].widget.check.setChecked(False)
        dlg.accept()

    agenda_view.table.selectRow(row)
    when_dialog_opens(unpin)
    agenda_view.edit_item()
    settle(qtbot, area, event_id)
    qtbot.waitUntil(lambda: "⚑" not in column(area, 0)[row], timeout=5000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: column(area, 0)[row].startswith("12:45"), timeout=5000)
