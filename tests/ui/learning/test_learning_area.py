"""The Learning area on the demo cohort, driven as a person would: the pulse tab's lists,
chart and flags; answers, questions and a new pulse typed in and undone; call notes and an
insight captured from a call; the board's filters and merge with undo; diaries saying they are
private; a new cohort started and undone; the register showing a rule's experiments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPointF
from PySide6.QtWidgets import QApplication

from facilitator import demo
from facilitator.services.cohort import cohorts
from facilitator.services.learning import calls, diaries, experiments, insights, pulse, trends
from facilitator.ui.learning.trend_chart import TrendChart
from tests.ui.helpers import when_dialog_opens


def learning(qtbot, db, window, tab: int = 0):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    area = window.show_area("learning")
    area.tabs.setCurrentIndex(tab)
    view = area.pulse
    qtbot.waitUntil(lambda: not view.loading and view.data.get("survey") is not None, timeout=8000)
    if view.week.value() != 12:  # "this week" follows the calendar; the demo's last week is 12
        view.week.setValue(12)
        qtbot.waitUntil(lambda: not view.loading and view.data["week"] == 12, timeout=5000)
    return area, cid


def test_pulse_shows_who_has_not_answered_the_trend_and_the_flag_with_its_rule(qtbot, db, window):
    area, cid = learning(qtbot, db, window)
    view = area.pulse
    assert view.week.value() == 12
    names = [view.missing.item(i).text().split("\n")[0] for i in range(view.missing.count())]
    assert names == ["Ben Kowalski", "Ewa Łukasiewicz", "Harjit Sandhu", "Kiran Shah"]
    assert "(4 of 12)" in view.missing_box.title()
    assert [view.flags.item(i).text().split(":")[0] for i in range(view.flags.count())] == ["Jordan Price"]
    assert "1.5 points or more below" in view.rule.text()
    assert len(view.chart.points) == 12 and view.chart.person == []
    # one person's line on demand
    jordan = view.data["drops"][0].participant_id
    view.person.setCurrentIndex(view.person.findData(jordan))
    qtbot.waitUntil(lambda: not view.loading and bool(view.chart.person), timeout=5000)
    assert view.chart.person[-1][0] == 12 and view.chart.person_name == "Jordan Price"
    # an earlier week
    view.week.setValue(2)
    qtbot.waitUntil(lambda: not view.loading and view.data["week"] == 2, timeout=5000)
    assert [view.missing.item(i).text().split("\n")[0] for i in range(view.missing.count())] == ["Ben Kowalski"]


def test_typing_in_answers_is_undoable(qtbot, db, window):
    area, cid = learning(qtbot, db, window)
    view = area.pulse
    ben = view.missing.item(0).data(256)
    view.missing.setCurrentRow(0)

    def fill(dlg):
        dlg.spins["energy"].setValue(5)
        dlg.texts["noticed"].setText("My manager said yes")
        dlg.accept()

    when_dialog_opens(fill)
    view.enter_answers()
    assert pulse.get_answers(db, cid, ben, 12) == {"energy": (5, ""), "noticed": (None, "My manager said yes")}
    qtbot.waitUntil(lambda: not view.loading and view.missing.count() == 3, timeout=5000)
    window.ctx.undo_stack.undo()
    assert pulse.get_answers(db, cid, ben, 12) == {}
    window.ctx.undo_stack.redo()
    assert pulse.get_answers(db, cid, ben, 12)["energy"] == (5, "")


def test_a_bad_question_set_stays_in_the_dialog_and_a_good_one_is_undoable(qtbot, db, window):
    area, cid = learning(qtbot, db, window)
    view = area.pulse
    seen = {}

    def edit(dlg):
        dlg.table.item(0, 1).setText("")
        dlg.accept()
        seen["error"] = dlg.error.text()
        dlg.table.item(0, 1).setText("How much energy did you have?")
        dlg.add_row({"kind": "scale", "prompt": "How connected to other organisations?"})
        dlg.accept()

    when_dialog_opens(edit)
    view.edit_questions()
    assert "Question 1 has no wording" in seen["error"]
    qs = pulse.get_survey(db, cid)["questions"]
    assert qs[0]["prompt"] == "How much energy did you have?" and len(qs) == 9
    window.ctx.undo_stack.undo()
    qs = pulse.get_survey(db, cid)["questions"]
    assert qs[0]["prompt"].startswith("How much energy did you have for") and len(qs) == 8


def test_moving_week_one_is_undoable(qtbot, db, window):
    area, cid = learning(qtbot, db, window)
    view = area.pulse

    def move(dlg):
        dlg.start.setDate(QDate(2026, 9, 21))
        dlg.accept()

    when_dialog_opens(move)
    view.move_start()
    assert pulse.get_survey(db, cid)["start_date"] == date(2026, 9, 21)
    qtbot.waitUntil(lambda: not view.loading and view.week_dates.text() == "from 7 Dec 2026",
                    timeout=5000)
    window.ctx.undo_stack.undo()
    assert pulse.get_survey(db, cid)["start_date"] == date(2026, 9, 14)


def test_starting_a_pulse_on_a_new_cohort_and_undoing_it(qtbot, db, window):
    area, _cid = learning(qtbot, db, window)
    new = cohorts.create_cohort(db, {"name": "Fresh"}).id
    window.selector.reload(new)
    window.ctx.set_cohort(new)
    view = area.pulse
    qtbot.waitUntil(lambda: not view.loading and view.data.get("survey") is None
                    and "no weekly pulse" in view.empty.text(), timeout=5000)
    assert not view.start_button.isHidden()

    def start(dlg):
        dlg.start.setDate(QDate(2027, 1, 4))
        dlg.accept()

    when_dialog_opens(start)
    view.start_pulse()
    assert pulse.get_survey(db, new)["start_date"] == date(2027, 1, 4)
    qtbot.waitUntil(lambda: not view.loading and view.data.get("survey") is not None, timeout=5000)
    assert view.start_button.isHidden()
    window.ctx.undo_stack.undo()
    assert pulse.get_survey(db, new) is None


def test_call_notes_and_an_insight_captured_from_the_call(qtbot, db, window):
    area, cid = learning(qtbot, db, window, tab=1)
    view = area.calls
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == 3, timeout=5000)
    view.table.selectRow(1)
    rec = view.current()
    assert "Asking felt risky" in view.notes.toPlainText()

    def edit(dlg):
        dlg.editors["came_up"].widget.setPlainText("Permission came up again.")
        dlg.accept()

    when_dialog_opens(edit)
    view.edit_notes()
    assert calls.get_notes(db, rec["id"])["came_up"] == "Permission came up again."
    window.ctx.undo_stack.undo()
    assert calls.get_notes(db, rec["id"])["came_up"].startswith("Asking felt risky")

    def capture(dlg):
        assert dlg.editors["event_id"].value() == rec["id"]
        assert dlg.editors["source_kind"].value() == "learning call"
        dlg.editors["title"].widget.setText("Permission is given more often than asked for")
        dlg.accept()

    when_dialog_opens(capture)
    view.capture()
    made = [r for r in insights.list_insights(db, cid, event_id=rec["id"])
            if r["title"].startswith("Permission is given")]
    assert len(made) == 1
    window.ctx.undo_stack.undo()
    assert not [r for r in insights.list_insights(db, cid) if r["title"].startswith("Permission is given")]


def test_the_board_has_four_columns_filters_and_merge_with_undo(qtbot, db, window):
    area, cid = learning(qtbot, db, window, tab=4)
    board = area.insights
    qtbot.waitUntil(lambda: not board.loading and bool(board.records), timeout=5000)
    assert {lv: lst.count() for lv, lst in board.lists.items()} == {
        "individual": 3, "organisation": 2, "services": 2, "systems": 4}
    board.theme.setCurrentIndex(board.theme.findData("finding the flex"))
    qtbot.waitUntil(lambda: not board.loading and len(board.records) == 2, timeout=5000)
    assert board.lists["systems"].count() == 2 and board.lists["individual"].count() == 0
    board.theme.setCurrentIndex(0)
    board.source.setCurrentIndex(board.source.findData("learning call"))
    qtbot.waitUntil(lambda: not board.loading and len(board.records) == 3, timeout=5000)
    board.source.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not board.loading and len(board.records) == 11, timeout=5000)
    keep = next(r for r in board.records if r["title"] == "The flex is often local")
    other = next(r for r in board.records if r["title"] == "Local rules hide the flex")
    board.select_id(keep["id"])
    assert board.current()["id"] == keep["id"]

    def choose(dlg):
        dlg.other.setCurrentIndex(dlg.other.findData(other["id"]))
        dlg.accept()

    when_dialog_opens(choose)
    board.merge_current()
    qtbot.waitUntil(lambda: not board.loading and len(board.records) == 10, timeout=5000)
    merged = next(r for r in board.records if r["id"] == keep["id"])
    assert merged["merged"] == 1 and "2 " not in board.lists["systems"].item(0).text()[:2]
    window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: not board.loading and len(board.records) == 11, timeout=5000)


def test_diaries_say_they_are_private_where_entries_are_written(qtbot, db, window):
    area, cid = learning(qtbot, db, window, tab=3)
    view = area.diaries
    qtbot.waitUntil(lambda: not view.panel._loading and view.panel.model.rowCount() == 7, timeout=5000)
    assert "private" in view.privacy.text() and view.privacy.isVisibleTo(area)
    assert "never go into an organisation" in view.panel.add_button.toolTip()
    pid = diaries.list_entries(db, cid)[0]["participant_id"]

    def write(dlg):
        dlg.editors["participant_id"].set_value(pid)
        dlg.editors["what_happened"].widget.setPlainText("Quiet week")
        dlg.accept()

    when_dialog_opens(write)
    view.panel.add()
    assert len(diaries.list_entries(db, cid)) == 8
    assert any(e["what_happened"] == "Quiet week" and e["may_use"] is False
               for e in diaries.list_entries(db, cid))
    window.ctx.undo_stack.undo()
    assert len(diaries.list_entries(db, cid)) == 7


def test_start_a_new_cohort_from_this_one_and_undo(qtbot, db, window):
    area, cid = learning(qtbot, db, window, tab=5)
    view = area.looking_back
    qtbot.waitUntil(lambda: not view.panel._loading and view.panel.model.rowCount() == 4, timeout=5000)

    def fill(dlg):
        dlg.editors["name"].widget.setText("Systems Changers 2027")
        dlg.editors["start_date"].widget.set_value(date(2027, 9, 13))
        dlg.accept()

    when_dialog_opens(fill)
    view.new_cohort.click()
    made = cohorts.find_cohort(db, "Systems Changers 2027")
    assert made is not None and made["participants"] == 0
    window.ctx.undo_stack.undo()
    assert cohorts.find_cohort(db, "Systems Changers 2027") is None


def test_the_register_shows_the_experiments_on_a_rule(qtbot, db, window):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    area = window.show_area("flex")
    reg = area.register
    amira = next(x for x in experiments.list_experiments(db, cid) if x["person"] == "Amira Haddad")
    reg.choose(amira["participant_id"])
    qtbot.waitUntil(lambda: not reg.panel._loading and reg.panel.model.rowCount() == 3, timeout=5000)
    reg.panel.select_id(amira["rule_id"])
    qtbot.waitUntil(lambda: "letter in place of photo ID" in reg.experiments.text(), timeout=5000)
    assert "the rule flexed" in reg.experiments.text()


def test_the_trend_chart_draws_and_explains_a_week(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    points = [trends.WeekPoint(w, 10, 3.0 + w / 10, 2.0, 4.0, 1, 5) for w in range(1, 9)]
    chart.set_data("Energy", points, [(1, 2), (8, 5)], "Ben", "None", "Plenty")
    image = chart.grab().toImage()
    assert not image.isNull()
    x = chart._xs[4]
    tip = chart.tooltip_at(QPointF(x, 100))
    assert "Week 4" in tip and "Median 3.4" in tip and "10 answers" in tip
    assert chart.tooltip_at(QPointF(chart._xs[8], 100)).endswith("Ben: 5")
    chart.set_data("Energy", [])
    chart.grab()
    assert chart._xs == {}
    QApplication.processEvents()


def test_typing_the_code_of_a_returned_pulse_form_opens_that_person_and_week(qtbot, db, window):
    from PySide6.QtCore import Qt

    from facilitator.services.cohort import roster
    from facilitator.services.learning.pulse_codes import participant_code, survey_code, typed_code

    area, cid = learning(qtbot, db, window)
    view = area.pulse
    kiran = next(p for p in roster.expected(db, cid) if p["name"] == "Kiran Shah")
    form = survey_code(pulse.get_survey(db, cid)["questions"])
    seen = {}

    def scan(dlg):
        qtbot.keyClicks(dlg.code, "P-ZZZZZZ W3")
        qtbot.keyClick(dlg.code, Qt.Key.Key_Return)
        seen["error"] = dlg.error.text()
        assert dlg.isVisible()  # Enter in the code box never saves
        dlg.code.clear()
        qtbot.keyClicks(dlg.code, typed_code(form, participant_code(kiran["uuid"]), 3))
        qtbot.keyClick(dlg.code, Qt.Key.Key_Return)
        seen["title"] = dlg.windowTitle()
        seen["energy"] = dlg.spins["energy"].value()
        dlg.spins["energy"].setValue(2)
        dlg.accept()

    before = pulse.get_answers(db, cid, kiran["id"], 3)
    when_dialog_opens(scan)
    view.enter_answers()
    assert "Nobody in this cohort" in seen["error"]
    assert seen["title"].startswith("Kiran Shah: pulse for week 3")
    assert seen["energy"] == (before.get("energy", (0, ""))[0] or 0)
    assert pulse.get_answers(db, cid, kiran["id"], 3)["energy"] == (2, "")
    window.ctx.undo_stack.undo()
    assert pulse.get_answers(db, cid, kiran["id"], 3) == before
