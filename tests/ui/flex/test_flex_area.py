"""Finding the flex, driven as a person would: keyboard-only add, a verdict that turns a rule
into a myth in the cohort view, merge with undo, assessments with undo, charts drawn."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from facilitator import demo
from facilitator.services.flex import assessments, crowd, registers
from facilitator.ui.flex.charts import BLUE, ORANGE, BarChart
from tests.ui.helpers import when_dialog_opens

PETS = "No pets allowed in supported housing"


def flex_window(qtbot, db, window):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    area = window.show_area("flex")
    reg = area.register
    reg.choose(reg.people.itemData(0))  # Amira: three rules, one checked
    qtbot.waitUntil(lambda: not reg.panel._loading and reg.panel.model.rowCount() == 3, timeout=5000)
    return area, cid


def shown(qtbot, window):
    """Shortcuts (Insert in the register) only reach a visible area of an active window."""
    window.show_area("flex")
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def crowd_ready(qtbot, view):
    qtbot.waitUntil(lambda: not view.loading and view.view is not None, timeout=5000)


def group_titled(view, title):
    return next(g for g in view.view.groups if g.title == title)


def test_add_a_rule_by_keyboard_only(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    shown(qtbot, window)
    reg = area.register
    pid = reg.participant_id
    seen = {}

    def type_it(dlg):
        focus = dlg.focusWidget()
        seen["first"] = focus.objectName() if focus else None
        qtbot.keyClicks(focus, "Clients can't have visitors after 9pm")
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)  # area (editable list)
        qtbot.keyClicks(dlg.focusWidget(), "Housing and tenancy")
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)  # belief
        seen["belief_field"] = dlg.focusWidget().objectName()
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_A)  # "absolute"
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Return)

    when_dialog_opens(type_it)
    reg.panel.table.setFocus()
    qtbot.keyClick(reg.panel.table, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: reg.panel.model.rowCount() == 4, timeout=5000)
    assert seen == {"first": "rule", "belief_field": "belief"}
    added = registers.list_rules(db, cid, pid)[-1]
    assert (added["rule"], added["area"], added["belief"]) == (
        "Clients can't have visitors after 9pm", "Housing and tenancy", "absolute")
    assert reg.panel.current_record()["id"] == added["id"]
    assert "1 of 4 checked" in reg.progress_label.text()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: reg.panel.model.rowCount() == 3, timeout=5000)


def test_recording_a_verdict_turns_the_group_into_a_myth_and_undo_turns_it_back(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    reg, view = area.register, area.crowd
    crowd_ready(qtbot, view)
    assert group_titled(view, PETS).flags == []
    pets = next(r for r in reg.panel.model.records if r["rule"] == PETS)
    assert pets["verdict"] == "" and reg.panel.model.data(
        reg.panel.model.index(reg.panel.model.row_of(pets["id"]), 0), Qt.ItemDataRole.ForegroundRole
    ) == QColor("#7a7f87")  # unchecked rules are shown grey
    reg.panel.select_id(pets["id"])

    def record(dlg):
        dlg.editors["checked_with"].widget.setText("Scheme manager")
        dlg.editors["evidence"].widget.setPlainText("Pets are allowed with the manager's agreement.")
        dlg.editors["verdict"].set_value("discretionary")
        dlg.accept()

    when_dialog_opens(record)
    reg.panel.table.setFocus()
    qtbot.keyClick(reg.panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2 of 3 checked" in reg.progress_label.text(), timeout=5000)
    area.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: not view.loading and group_titled(view, PETS).flags == ["myth"],
                    timeout=5000)
    flagged = [r for r in view.groups_model.records if r["title"] == PETS]
    assert flagged[0]["flags"] == ["myth"]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not view.loading and group_titled(view, PETS).flags == [], timeout=5000)
    assert registers.get_rule(db, pets["id"])["verdict"] == ""


def test_merge_groups_by_hand_then_undo(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    view = area.crowd
    crowd_ready(qtbot, view)
    before = len(view.view.groups)
    view.show_filter.setCurrentText("All groups")
    view.groups.clearSelection()
    sel = view.groups.selectionModel()
    for row in (0, 1):
        sel.select(view.groups_proxy.index(row, 0),
                   sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    assert view.merge_button.isEnabled()
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.loading and len(view.view.groups) == before - 1, timeout=5000)
    assert len(crowd.crowd_view(db, cid).groups) == before - 1
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not view.loading and len(view.view.groups) == before, timeout=5000)


def test_show_only_flagged_groups(qtbot, db, window):
    area, _ = flex_window(qtbot, db, window)
    view = area.crowd
    crowd_ready(qtbot, view)
    view.show_filter.setCurrentText("Myths")
    rows = view.groups_model.records
    assert rows and all("myth" in r["flags"] for r in rows)
    assert "contested" in view.summary.text() and "myths" in view.summary.text()


def test_edit_start_scores_then_undo(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    view = area.assessments
    area.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    pid = view.participant_id
    old = assessments.get_scores(db, cid, pid, "skills_for_change", "start")

    def score(dlg):
        dlg.spins["analysis"].setValue(5)
        dlg.notes["analysis"].setText("After the systems mapping day")
        dlg.accept()

    when_dialog_opens(score)
    qtbot.mouseClick(view.edit_start, Qt.MouseButton.LeftButton)
    now = assessments.get_scores(db, cid, pid, "skills_for_change", "start")
    assert now["analysis"] == (5, "After the systems mapping day")
    qtbot.waitUntil(lambda: not view.loading and view.person_chart.series[0][1][1] == 5, timeout=5000)
    window.undo_action.trigger()
    assert assessments.get_scores(db, cid, pid, "skills_for_change", "start") == old


def test_bar_chart_draws_bars_and_an_empty_message(qtbot):
    chart = BarChart("Test")
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_data(["One", "Two"], [("n", [3, 1], BLUE)])
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 400, 3) for y in range(0, 200, 3)}
    assert BLUE in colours
    chart.set_data([], [])
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 400, 3) for y in range(0, 200, 3)}
    assert BLUE not in colours


def test_split_rules_off_a_group_by_hand_then_undo(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    view = area.crowd
    area.tabs.setCurrentWidget(view)
    crowd_ready(qtbot, view)
    before = len(view.view.groups)
    view.show_filter.setCurrentText("All groups")
    photo = group_titled(view, "Tenancy can't start without photo ID")
    assert len(photo.entry_ids) == 4
    row = next(r for r, rec in enumerate(view.groups_model.records) if rec["key"] == photo.key)
    view.groups.selectRow(view.groups_proxy.mapFromSource(view.groups_model.index(row, 0)).row())
    assert view.entries_model.rowCount() == 4 and not view.split_button.isEnabled()
    # take out the two rules worded "A tenancy cannot start unless…"
    wordy = [r for r, e in enumerate(view.entries_model.records) if e["rule"].startswith("A tenancy")]
    assert len(wordy) == 2
    taken = {view.entries_model.records[r]["id"] for r in wordy}
    sel = view.entries.selectionModel()
    for r in wordy:
        sel.select(view.entries_proxy.mapFromSource(view.entries_model.index(r, 0)),
                   sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    assert view.split_button.isEnabled()
    qtbot.mouseClick(view.split_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.loading and len(view.view.groups) == before + 1, timeout=5000)
    kept = view.view.group_of(photo.entry_ids[0])
    apart = view.view.group_of(next(iter(taken)))
    assert set(apart.entry_ids) == taken and taken.isdisjoint(kept.entry_ids)
    assert len(kept.entry_ids) == 2
    counts = {rec["key"]: rec["people"] for rec in view.groups_model.records}
    assert counts[kept.key] == 2 and counts[apart.key] == 2
    assert len(crowd.crowd_view(db, cid).groups) == before + 1
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not view.loading and len(view.view.groups) == before, timeout=5000)
    assert set(view.view.group_of(photo.entry_ids[0]).entry_ids) == set(photo.entry_ids)


def test_rename_a_group_with_notes_then_undo(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    view = area.crowd
    area.tabs.setCurrentWidget(view)
    crowd_ready(qtbot, view)
    view.show_filter.setCurrentText("All groups")
    pets = group_titled(view, PETS)
    row = next(r for r, rec in enumerate(view.groups_model.records) if rec["key"] == pets.key)
    view.groups.selectRow(view.groups_proxy.mapFromSource(view.groups_model.index(row, 0)).row())
    assert view.describe_button.isEnabled() and PETS in view.detail.text()

    def name_it(dlg):
        assert dlg.focusWidget() is dlg.editors["name"].widget
        assert dlg.editors["name"].widget.placeholderText() == PETS
        qtbot.keyClicks(dlg.focusWidget(), "Pets in supported housing")
        dlg.editors["notes"].widget.setPlainText("Ask the scheme manager first.")
        qtbot.keyClick(dlg.editors["name"].widget, Qt.Key.Key_Return)

    when_dialog_opens(name_it)
    qtbot.mouseClick(view.describe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.loading and bool(view.view.group_of(pets.entry_ids[0]).name),
                    timeout=5000)
    named = view.view.group_of(pets.entry_ids[0])
    assert named.title == "Pets in supported housing" and named.notes == "Ask the scheme manager first."
    rec = next(r for r in view.groups_model.records if r["key"] == pets.key)
    shown = view.groups_model.index(view.groups_model.records.index(rec), 0)
    assert view.groups_model.data(shown) == "Pets in supported housing"
    assert PETS in view.groups_model.data(shown, Qt.ItemDataRole.ToolTipRole)
    # the group stays selected: its detail shows the name, the wording and the notes
    assert "Pets in supported housing" in view.detail.text()
    assert "Most common wording" in view.detail.text() and "scheme manager" in view.detail.text()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not view.loading and view.view.group_of(pets.entry_ids[0]).name == "",
                    timeout=5000)
    assert crowd.crowd_view(db, cid).group_of(pets.entry_ids[0]).title == PETS


def test_organisations_cell_is_short_and_its_tooltip_has_a_line_per_organisation(qtbot, db, window):
    area, _ = flex_window(qtbot, db, window)
    view = area.crowd
    crowd_ready(qtbot, view)
    g = group_titled(view, "Tenancy can't start without photo ID")
    rec = next(r for r in view.groups_model.records if r["key"] == g.key)
    col = next(i for i, c in enumerate(view.groups_model.columns) if c.key == "orgs")
    index = view.groups_model.index(view.groups_model.records.index(rec), col)
    cell = view.groups_model.data(index)
    assert cell.startswith(f"{len(g.by_org)} orgs · ") and ":" not in cell and len(cell) < 50
    tip = view.groups_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.count("<br>") == len(g.by_org) - 1
    for org in g.by_org:
        assert f"<b>{org}</b>" in tip
    assert view.groups_model.headerData(col, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.ToolTipRole).startswith("How each")


def test_scores_dialog_dates_a_new_assessment_today_and_keeps_an_old_date(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    view = area.assessments
    area.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    key = "skills_for_change"
    pid = next(view.people.itemData(i) for i in range(view.people.count())
               if assessments.get_assessment(db, cid, view.people.itemData(i), key, "end") == ({}, None))
    view.people.setCurrentIndex(view.people.findData(pid))
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    seen = {}

    def new_end(dlg):
        seen["new"] = dlg.taken_on.value()
        dlg.spins["analysis"].setValue(4)
        dlg.taken_on.set_value(date(2027, 6, 24))
        dlg.accept()

    when_dialog_opens(new_end)
    qtbot.mouseClick(view.edit_end, Qt.MouseButton.LeftButton)
    assert seen["new"] == date.today()
    assert assessments.get_assessment(db, cid, pid, key, "end") == ({"analysis": (4, "")},
                                                                     date(2027, 6, 24))
    qtbot.waitUntil(lambda: not view.loading and "24 Jun 2027" in view.person_chart.series[1][0],
                    timeout=5000)

    start_scores, start_date = assessments.get_assessment(db, cid, pid, key, "start")
    assert start_date is not None

    def move_start(dlg):
        seen["old"] = dlg.taken_on.value()
        dlg.taken_on.set_value(date(2026, 9, 21))
        dlg.accept()

    when_dialog_opens(move_start)
    qtbot.mouseClick(view.edit_start, Qt.MouseButton.LeftButton)
    assert seen["old"] == start_date
    assert assessments.get_assessment(db, cid, pid, key, "start") == (start_scores, date(2026, 9, 21))
    window.undo_action.trigger()
    assert assessments.get_assessment(db, cid, pid, key, "start") == (start_scores, start_date)
    window.undo_action.trigger()
    assert assessments.get_assessment(db, cid, pid, key, "end") == ({}, None)


REGISTER_TAB_ORDER = ["rule", "area", "belief", "source_kind", "believed_source", "checked_with",
                      "checked_on", "evidence", "verdict", "flex_holder", "condition", "experiment",
                      "risk", "status"]


def test_register_keyboard_flow_tab_order_enter_saves_escape_cancels(qtbot, db, window):
    area, cid = flex_window(qtbot, db, window)
    shown(qtbot, window)
    reg = area.register
    pid = reg.participant_id
    seen: dict = {}

    def walk_then_escape(dlg):
        order = [dlg.focusWidget().objectName()]
        for _ in range(30):  # Tab to the buttons; a field that keeps the focus shows up here
            qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Tab)
            name = dlg.focusWidget().objectName()
            if name not in dlg.editors:
                break
            if name != order[-1]:
                order.append(name)
        seen["order"] = order
        qtbot.keyClicks(dlg.editors["rule"].widget, "Not this one")
        qtbot.keyClick(dlg.editors["rule"].widget, Qt.Key.Key_Escape)
        seen["open_after_escape"] = dlg.isVisible()

    # Insert works from anywhere in the register, here from the filter box
    when_dialog_opens(walk_then_escape)
    reg.panel.filter.setFocus()
    qtbot.keyClick(reg.panel.filter, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: "open_after_escape" in seen, timeout=5000)
    assert seen["order"] == REGISTER_TAB_ORDER  # belief first, then checking, then the flex
    assert seen["open_after_escape"] is False
    assert len(registers.list_rules(db, cid, pid)) == 3

    def enter_in(field):
        def act(dlg):
            qtbot.keyClicks(dlg.focusWidget(), f"Saved by Enter in {field}")
            target = dlg.editors[field].widget
            target.setFocus()
            qtbot.keyClick(target.lineEdit() if field == "area" else target, Qt.Key.Key_Return)
            seen[field] = dlg.isVisible()
        return act

    for n, field in enumerate(("rule", "area", "checked_with", "flex_holder", "checked_on"), 4):
        activate(qtbot, window)  # offscreen, a closed dialog stays the active window
        when_dialog_opens(enter_in(field))
        reg.panel.table.setFocus()
        qtbot.keyClick(reg.panel.table, Qt.Key.Key_Insert)
        qtbot.waitUntil(lambda n=n: reg.panel.model.rowCount() == n, timeout=5000)
        assert seen[field] is False
        assert registers.list_rules(db, cid, pid)[-1]["rule"] == f"Saved by Enter in {field}"
        assert window.focusWidget() is reg.panel.table  # back in the table, on the new rule
        assert reg.panel.current_record()["rule"] == f"Saved by Enter in {field}"


LONG = "Funder or contract requirement"


def test_chart_wraps_a_long_label_when_there_is_room_and_always_tells_it_in_a_tooltip(qtbot):
    chart = BarChart("Where people think rules come from")
    qtbot.addWidget(chart)
    chart.set_data([LONG, "Law"], [("rules", [5, 4], BLUE)])
    chart.resize(330, 300)
    chart.grab()
    assert chart.cut_labels == []  # room for two lines: the whole name is shown
    middle = chart._rows[0][0].center()
    assert chart.tooltip_at(middle) == f"<b>{LONG}</b><br>5"
    assert chart.tooltip_at(QPointF(5, 2)) is None  # the title line
    many = [f"{LONG} {n}" for n in range(12)]
    chart.set_data(many, [("Start", [1] * 12, BLUE), ("End", [2] * 12, ORANGE)])
    chart.resize(330, 160)  # too low for two lines a row: names are cut, the tooltip has them
    chart.grab()
    assert chart.cut_labels
    tip = chart.tooltip_at(chart._rows[3][0].center())
    assert tip == f"<b>{LONG} 3</b><br>Start: 1<br>End: 2"
