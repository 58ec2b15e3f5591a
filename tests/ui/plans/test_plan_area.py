"""The Plans area driven as a person would: reorder by drag and by keyboard, undo, drop a
library tool, run the day, mark attendance with the keyboard."""

from __future__ import annotations

import json
from datetime import date, datetime

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from facilitator import demo
from facilitator.services.plans import attendance, events, plan_view, templates
from facilitator.services.plans.agenda import TOOL_MIME
from tests.ui.helpers import when_dialog_opens


def open_plans(qtbot, db, window, title="Residential 1: getting started"):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    window.nav.setCurrentRow(1)
    area = window.areas["plans"]
    ev = next(e for e in events.list_events(db, cid) if e["title"] == title)
    timeline_ready(qtbot, area.timeline, ev["id"])
    area.timeline.select_event(ev["id"])
    settle(qtbot, area, ev["id"])
    return area, ev["id"]


def timeline_ready(qtbot, timeline, event_id=None):
    """The timeline loads off the UI thread: wait until it has (and lists `event_id`)."""
    qtbot.waitUntil(lambda: not timeline.loading and (
        event_id is None or any(e["id"] == event_id for e in timeline.events)), timeout=5000)


def settle(qtbot, area, event_id=None):
    def ready():
        plan = area.agenda.plan
        return (not area.agenda.loading and plan is not None
                and (event_id is None or plan["id"] == event_id))
    qtbot.waitUntil(ready, timeout=5000)


def column(area, col):
    model = area.agenda.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_timeline_lists_events_in_order_with_today_marked(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    timeline = area.timeline
    timeline.today = lambda: date(2026, 10, 20)
    timeline.reload()
    assert timeline.loading
    timeline_ready(qtbot, timeline)
    texts = [timeline.list.item(i).text() for i in range(timeline.list.count())]
    today = next(i for i, t in enumerate(texts) if t.startswith("▶ Today"))
    assert "Learning call 2" in texts[today - 1] and "Learning call 3" in texts[today + 1]
    starts = [e["start_date"] for e in timeline.events]
    assert starts == sorted(starts) and len(starts) == 6


def test_drag_an_item_and_times_update_then_undo_restores(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    assert column(area, 3)[:3] == ["Arrival, coffee and name badges", "Check-in circle",
                                   "Why we are here"]
    before = column(area, 0)
    assert before[:3] == ["10:00  ⚑", "10:30", "10:50"]
    model = view.model
    data = model.mimeData([model.index(2, 3)])  # "Why we are here" (25 min)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # before check-in
    settle(qtbot, area)
    qtbot.waitUntil(lambda: column(area, 3)[1] == "Why we are here", timeout=5000)
    assert column(area, 0)[1:3] == ["10:30", "10:55"]
    assert view.current_item()["title"] == "Why we are here"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: column(area, 3)[1] == "Check-in circle", timeout=5000)
    assert column(area, 0) == before
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: column(area, 3)[1] == "Why we are here", timeout=5000)


def test_alt_up_and_down_reorder_by_keyboard(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    view = area.agenda
    view.table.setFocus()
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: column(area, 3)[2] == "Check-in circle", timeout=5000)
    assert column(area, 0)[1:3] == ["10:30", "10:55"]
    qtbot.waitUntil(lambda: view.current_item()["title"] == "Check-in circle", timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: column(area, 3)[1] == "Check-in circle", timeout=5000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: column(area, 3)[2] == "Check-in circle", timeout=5000)


def test_dropped_library_tool_becomes_an_item(qtbot, db, window, answers):
    area, _ = open_plans(qtbot, db, window)
    view = area.agenda
    rows = view.model.rowCount()
    data = QMimeData()
    data.setData(TOOL_MIME, json.dumps({"key": "fishbowl", "name": "Fishbowl", "duration": 40,
                                        "materials": "A circle of chairs"}).encode())
    assert view.model.canDropMimeData(data, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    view.model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: view.model.rowCount() == rows + 1, timeout=5000)
    first = view.model.item(0)
    assert (first["title"], first["duration_minutes"], first["tool_key"]) == ("Fishbowl", 40, "fishbowl")
    arrival = view.model.item(1)  # pinned at 10:00: stays, and the clash is shown
    assert first["start_at"] == 600 and arrival["start_at"] == 600
    assert "pinned at 10:00 but the items before it run until 10:40" in arrival["problems"][0]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == rows, timeout=5000)
    bad = QMimeData()
    bad.setData(TOOL_MIME, b"{not json")
    view.model.dropMimeData(bad, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert answers.warnings[-1][1] == "The dropped tool could not be read."
    assert view.model.rowCount() == rows


def test_crowded_lunch_is_shown_in_words(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window, "Learning lab: systems prototyping")
    view = area.agenda
    assert not view.problems.isHidden()
    assert "'Lunch' is pinned at 12:30 but the items before it run until 12:45" in view.problems.text()
    lunch = [r for r in range(view.model.rowCount()) if view.model.item(r)["title"] == "Lunch"][0]
    tip = view.model.data(view.model.index(lunch, 3), Qt.ItemDataRole.ToolTipRole)
    assert "15 min too much" in tip
    assert view.model.data(view.model.index(lunch, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_invalid_item_form_shows_error_and_changes_nothing(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    view.table.selectRow(2)
    shown = {}

    def fill(dlg):  # ("Pinned start" is a time field now: it cannot be typed wrong)
        dlg.editors["duration"].widget.setText("half an hour")
        dlg.accept()
        shown["error"] = dlg.editors["duration"].error.text()
        shown["open"] = dlg.isVisible()
        dlg.reject()

    when_dialog_opens(fill)
    view.edit_item()
    assert shown["open"] and "must be a whole number of minutes" in shown["error"]
    assert window.ctx.undo_stack.count() == 0


def test_run_the_day_nudges_retime_the_rest(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    live = area.live
    live.now = lambda: datetime(2026, 9, 14, 10, 40)
    live.refresh()
    assert "Check-in circle" in live.now_label.text() and live.left_label.text() == "10 min left"
    assert "Why we are here at 10:50" in live.next_label.text()
    assert "rehearsal" not in live.day_label.text()
    qtbot.mouseClick(live.plus_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Why we are here at 10:55" in live.next_label.text(), timeout=5000)
    assert live.left_label.text() == "15 min left"
    day = plan_view.event_plan(db, event_id)["days_plan"][0]
    lunch = [it for it in day["sessions"][0]["items"] if it["title"] == "Lunch"][0]
    assert lunch["start_at"] == 750  # pinned: stays at 12:30
    qtbot.mouseClick(live.minus_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(live.minus_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Why we are here at 10:45" in live.next_label.text(), timeout=5000)
    qtbot.mouseClick(live.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Why we are here at 10:50" in live.next_label.text(), timeout=5000)
    window.undo_action.trigger()  # undo the clearing
    qtbot.waitUntil(lambda: "Why we are here at 10:45" in live.next_label.text(), timeout=5000)


def test_attendance_by_keyboard_with_totals_and_undo(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window, "Learning call 2")
    reg = area.register
    qtbot.waitUntil(lambda: not reg.loading and reg.model.rowCount() == 12, timeout=5000)
    assert reg.totals.text().endswith("Not marked 12")
    reg.table.setFocus()
    reg.table.selectRow(0)
    for key in (Qt.Key.Key_P, Qt.Key.Key_L, Qt.Key.Key_E, Qt.Key.Key_A, Qt.Key.Key_P):
        qtbot.keyClick(reg.table, key)
    qtbot.waitUntil(lambda: not reg.loading and "Not marked 7" in reg.totals.text(), timeout=5000)
    assert reg.totals.text().startswith("Present 2 · Late 1 · Excused 1 · Absent 1")
    assert reg.table.currentIndex().row() == 5
    marks = [r["status"] for r in attendance.register(db, reg.event_id)]
    assert marks[:6] == ["present", "late", "excused", "absent", "present", ""]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "Not marked 8" in reg.totals.text(), timeout=5000)
    assert attendance.register(db, reg.event_id)[4]["status"] == ""


def add_residential_from_template(qtbot, area) -> dict:
    """Add "Residential 2" from the built-in template through its dialog; return the event."""
    count = len(area.timeline.events)

    def fill(dlg):
        dlg.first_day.set_value(date(2027, 3, 1))
        dlg.title.setText("Residential 2")
        dlg.accept()

    when_dialog_opens(fill)
    area.timeline.from_template()
    qtbot.waitUntil(lambda: len(area.timeline.events) == count + 1, timeout=5000)
    return next(e for e in area.timeline.events if e["title"] == "Residential 2")


def test_new_event_from_the_builtin_template(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    new = add_residential_from_template(qtbot, area)
    assert new["end_date"] == date(2027, 3, 3) and new["sessions"] == 7
    settle(qtbot, area, new["id"])
    assert area.agenda.tree.topLevelItemCount() == 3


def test_export_calendar_from_the_app(qtbot, db, window, tmp_path):
    import icalendar

    area, _ = open_plans(qtbot, db, window)
    out = tmp_path / "cal.ics"
    area.timeline.write_ics(str(out))
    qtbot.waitUntil(out.exists, timeout=5000)
    assert len(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 6


def test_move_item_to_another_session_and_duplicate_session_with_undo(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    view.table.selectRow(1)  # Check-in circle, in "Arrival and opening"
    first_session = view.session_id
    rows = view.model.rowCount()

    def choose(dlg):
        i = dlg.combo.findText("Thinking about", Qt.MatchFlag.MatchContains)
        dlg.combo.setCurrentIndex(i)
        dlg.accept()

    when_dialog_opens(choose)
    view.move_item_to_session()
    qtbot.waitUntil(lambda: not view.loading and view.session()["title"].startswith("Thinking"),
                    timeout=5000)
    assert view.model.item(view.model.rowCount() - 1)["title"] == "Check-in circle"
    window.undo_action.trigger()
    view.select_session(first_session)
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == rows, timeout=5000)
    assert view.model.item(1)["title"] == "Check-in circle"

    sessions_before = sum(len(d["sessions"]) for d in view.plan["days_plan"])
    view.duplicate_session()
    qtbot.waitUntil(lambda: not view.loading and sum(
        len(d["sessions"]) for d in view.plan["days_plan"]) == sessions_before + 1, timeout=5000)
    assert view.session()["title"] == "Arrival and opening (copy)"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not view.loading and sum(
        len(d["sessions"]) for d in view.plan["days_plan"]) == sessions_before, timeout=5000)


def saved_names(db):
    return sorted(t["name"] for t in templates.list_templates(db) if not t["builtin"])


def test_manage_templates_renames_and_deletes_saved_ones_with_undo(qtbot, db, window, answers):
    area, event_id = open_plans(qtbot, db, window)
    timeline = area.timeline
    lab = templates.save_as_template(db, event_id, "Our residential").id
    templates.save_as_template(db, event_id, "Field day")
    seen = {}

    def rename_to(name, shown=None):
        def fill(form):
            form.editors["name"].widget.setText(name)
            form.accept()
            if shown is not None:
                shown["error"] = form.editors["name"].error.text()
                shown["open"] = form.isVisible()
                form.reject()
        return fill

    def manage(dlg):
        texts = [dlg.list.item(i).text() for i in range(dlg.list.count())]
        builtin = next(i for i, t in enumerate(dlg.templates) if t["builtin"])
        assert texts[builtin].endswith("built in")
        dlg.list.setCurrentRow(builtin)  # built in: neither renamed nor deleted
        seen["builtin_locked"] = (not dlg.rename_button.isEnabled()
                                  and not dlg.delete_button.isEnabled())
        dlg.delete()
        assert answers.questions == []
        dlg.list.setCurrentRow(next(i for i, t in enumerate(dlg.templates)
                                    if t.get("id") == lab))
        assert dlg.rename_button.isEnabled() and "3 days" in dlg.list.currentItem().text()
        shown = {}
        when_dialog_opens(rename_to("field DAY", shown))  # taken: said under the field
        qtbot.mouseClick(dlg.rename_button, Qt.MouseButton.LeftButton)
        seen["taken"] = shown
        when_dialog_opens(rename_to("  Residential   template "))
        qtbot.mouseClick(dlg.rename_button, Qt.MouseButton.LeftButton)
        seen["after_rename"] = dlg.current()["name"]
        answers.confirm = False
        qtbot.mouseClick(dlg.delete_button, Qt.MouseButton.LeftButton)
        seen["kept"] = len(dlg.templates)
        answers.confirm = True
        qtbot.mouseClick(dlg.delete_button, Qt.MouseButton.LeftButton)
        seen["listed"] = [t["name"] for t in dlg.templates if not t["builtin"]]
        dlg.reject()

    when_dialog_opens(manage)
    qtbot.mouseClick(timeline.manage_templates_button, Qt.MouseButton.LeftButton)
    assert seen["builtin_locked"]
    assert seen["taken"]["open"] and "already a template called 'field DAY'" in seen["taken"]["error"]
    assert seen["after_rename"] == "Residential template"
    assert seen["kept"] == len(templates.list_templates(db)) + 1
    assert answers.questions[-1][0] == "Delete template"
    assert "'Residential template'" in answers.questions[-1][1]
    assert seen["listed"] == ["Field day"] == saved_names(db)
    window.undo_action.trigger()  # the deletion
    assert saved_names(db) == ["Field day", "Residential template"]
    window.undo_action.trigger()  # the renaming
    assert saved_names(db) == ["Field day", "Our residential"]
    assert templates.load_template(db, f"saved:{lab}")["name"] == "Our residential"
    window.redo_action.trigger()
    assert saved_names(db) == ["Field day", "Residential template"]


def test_toolbar_labels_say_what_they_act_on_and_keep_their_ellipsis(qtbot, db, window):
    from PySide6.QtWidgets import QToolButton

    area, _ = open_plans(qtbot, db, window)
    view = area.agenda
    shown = [b.text() for bar in (view.session_bar, view.session_bar2, view.item_bar, view.card_bar)
             for b in bar.findChildren(QToolButton) if b.defaultAction() is not None
             and b.defaultAction().isVisible()]
    assert len(shown) == len(set(shown))  # no two buttons read the same
    for label in ("Add session…", "Edit session…", "Duplicate session", "Delete session",
                  "Add item…", "Edit item…", "Duplicate item", "Delete item",
                  "Move to session…", "Method card…", "Add from card…"):
        assert label in shown
    assert "Edit" not in shown and "Edit…" not in shown
    assert area.timeline.edit_button.text() == "Edit event…"
    assert window.minimumSizeHint().width() <= 720  # longer labels, and the window still fits


def test_typical_session_titles_fit_and_agenda_columns_share_the_width(qtbot, db, window):
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    area, _ = open_plans(qtbot, db, window)
    view = area.agenda
    tree = view.tree
    child = next(tree.topLevelItem(d).child(c) for d in range(tree.topLevelItemCount())
                 for c in range(tree.topLevelItem(d).childCount())
                 if "Peer coaching" in tree.topLevelItem(d).child(c).text(0))
    assert child.text(0) == "13:30  Peer coaching and wider relationships"
    assert "13:30–16:05" in child.toolTip(0)  # the end is in the tooltip (and the header)
    qtbot.waitUntil(lambda: tree.visualItemRect(child).width() > 0, timeout=5000)
    text_room = tree.visualItemRect(child).width() - 2 * 4  # the item's text margins
    assert tree.fontMetrics().horizontalAdvance(child.text(0)) <= text_room
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle  # longer ones lose the middle

    table, hh = view.table, view.table.horizontalHeader()
    for width, item_at_least in ((1440, 200), (1280, 110)):
        window.resize(width, 900)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=5000)
        qtbot.wait(50)
        assert hh.length() <= table.viewport().width()  # no scrolling sideways
        assert hh.sectionSize(6) >= 132 and hh.sectionSize(3) >= item_at_least
    method = view.model.index(1, 6)  # cut in the column; whole in the tooltip
    assert view.model.data(method).startswith("Check-in rounds · Talking object")
    assert view.model.data(method) in view.model.data(method, Qt.ItemDataRole.ToolTipRole)
