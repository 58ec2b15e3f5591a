"""Run the day on any day of the event: a day picker, and a rehearsal clock that stands at
"from 09:00" until it is started."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTime

from tests.ui.plans.test_plan_area import open_plans


def _rest(live):
    return [live.rest.item(i).text() for i in range(live.rest.count())]


def test_rehearse_a_chosen_day_from_nine_with_a_clock_you_start(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    live = area.live
    evening = datetime(2026, 12, 1, 20, 30)  # not a day of the event, and after any agenda
    live.now = lambda: evening
    live.set_plan(area.agenda.plan)
    days = [live.day_choice.itemText(i) for i in range(live.day_choice.count())]
    assert days == ["Day 1 · Mon 14 Sep", "Day 2 · Tue 15 Sep", "Day 3 · Wed 16 Sep"]

    live.choose_day(1)
    assert live.rehearsing and live.from_time.isVisibleTo(live)
    assert live.clock() == datetime(2026, 9, 15, 9, 0)  # stands at 09:00 until started
    assert "Day 2 · Tue 15 Sep" in live.day_label.text() and "rehearsal" in live.day_label.text()
    assert "The day's agenda is over" not in live.now_label.text()
    assert _rest(live) and live.clock_label.text() == "Rehearsal clock 09:00"
    first_items = _rest(live)

    live.from_time.setTime(QTime(10, 0))
    qtbot.mouseClick(live.start_button, Qt.MouseButton.LeftButton)
    assert live.start_button.isChecked() and live.start_button.text() == "Stop the clock"
    live.now = lambda: evening + timedelta(minutes=25)
    live.refresh()
    assert live.clock() == datetime(2026, 9, 15, 10, 25)
    assert live.clock_label.text() == "Rehearsal clock 10:25"
    assert "clock running" in live.day_label.text()
    assert len(_rest(live)) < len(first_items)  # what finished before 10:25 has gone
    now, left = live.state["now"], live.state["left"]
    if now is not None:
        assert now["start_at"] <= 10 * 60 + 25 < now["end_at"] and left > 0

    live.choose_day(2)  # another day: the clock goes back to its start time, stopped
    assert not live.start_button.isChecked()
    assert live.clock() == datetime(2026, 9, 16, 10, 0)


def test_on_a_day_of_the_event_the_real_clock_runs_it(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    live = area.live
    live.now = lambda: datetime(2026, 9, 15, 11, 5)
    live.set_plan(area.agenda.plan)
    assert live.day_choice.currentText() == "Day 2 · Tue 15 Sep"  # today's day is chosen
    assert not live.rehearsing and not live.start_button.isVisibleTo(live)
    assert live.clock() == datetime(2026, 9, 15, 11, 5)
    assert "today, on the real clock" in live.day_label.text()
    live.choose_day(0)  # looking back at day 1 is a rehearsal again
    assert live.rehearsing and live.clock() == datetime(2026, 9, 14, 9, 0)
