"""Running the day: what is on now, what is next, the minutes left, and +5 / −5 nudges that
re-time the rest of the day.

Any day of the event can be chosen. On the day itself the clock is the real one; on any other
day it is a rehearsal clock that stands at its start time ("from 09:00") until Start sets it
running."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.plans import agenda, plan_view
from facilitator.services.plans.timing import clock
from facilitator.ui import undo

TICK_MS = 15_000
REHEARSAL_TICK_MS = 1_000
REHEARSE_FROM = QTime(9, 0)

class LiveView(QWidget):
    def __init__(self, ctx, parent=None, now=datetime.now):
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.plan: dict | None = None
        self.state: dict = {}
        self.rehearsal_started: datetime | None = None  # the real time Start was pressed
        self._day_was_chosen = False  # by the user: kept when the plan reloads
        self.day_choice = QComboBox()
        self.day_choice.setObjectName("liveDayChoice")
        self.day_choice.setToolTip("The day of the event to run or rehearse")
        self.day_choice.currentIndexChanged.connect(lambda _i: self._day_changed())
        self.from_time = QTimeEdit(REHEARSE_FROM)
        self.from_time.setObjectName("rehearseFrom")
        self.from_time.setDisplayFormat("HH:mm")
        self.from_time.setToolTip("The time the rehearsal clock starts from")
        self.from_time.timeChanged.connect(lambda _t: self._stop_rehearsal())
        self.start_button = QPushButton("Start the clock")
        self.start_button.setObjectName("rehearseStart")
        self.start_button.setCheckable(True)
        self.start_button.setToolTip("Run the rehearsal clock from the time on the left, "
                                     "minute by minute")
        self.start_button.toggled.connect(self._start_toggled)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("liveClock")
        self.clock_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.day_label = QLabel()
        self.day_label.setObjectName("liveDay")
        self.day_label.setWordWrap(True)
        self.now_label = QLabel()
        self.now_label.setObjectName("liveNow")
        self.now_label.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.now_label.setWordWrap(True)
        self.left_label = QLabel()
        self.left_label.setObjectName("liveLeft")
        self.left_label.setStyleSheet("font-size: 28pt; font-weight: 700; color: #1b5e20;")
        self.next_label = QLabel()
        self.next_label.setObjectName("liveNext")
        self.next_label.setStyleSheet("font-size: 14pt;")
        self.next_label.setWordWrap(True)
        self.minus_button = QPushButton("−5 min")
        self.plus_button = QPushButton("+5 min")
        self.clear_button = QPushButton("Clear nudges")
        for b in (self.minus_button, self.plus_button):
            b.setMinimumHeight(40)
            b.setStyleSheet("font-size: 13pt;")
        self.minus_button.setToolTip("This item will finish 5 minutes sooner; the rest of the day moves up")
        self.plus_button.setToolTip("This item runs 5 minutes longer; the rest of the day moves back")
        self.clear_button.setToolTip("Put every time of this event back to the plan")
        self.minus_button.clicked.connect(lambda: self.nudge(-5))
        self.plus_button.clicked.connect(lambda: self.nudge(5))
        self.clear_button.clicked.connect(self.clear_nudges)
        self.rest = QListWidget()
        self.rest.setObjectName("liveRest")
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Day:"))
        chooser.addWidget(self.day_choice)
        chooser.addSpacing(16)
        self.rehearse_label = QLabel("Rehearse from")
        chooser.addWidget(self.rehearse_label)
        chooser.addWidget(self.from_time)
        chooser.addWidget(self.start_button)
        chooser.addStretch(1)
        chooser.addWidget(self.clock_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.minus_button)
        buttons.addWidget(self.plus_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.day_label)
        layout.addWidget(self.now_label)
        layout.addWidget(self.left_label)
        layout.addWidget(self.next_label)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("<b>The rest of the day</b>"))
        layout.addWidget(self.rest, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # the day and the clock -------------------------------------------------------------------
    def set_plan(self, plan: dict | None) -> None:
        same_event = bool(plan and self.plan and plan["id"] == self.plan["id"])
        kept = self.chosen_date() if same_event and self._day_was_chosen else None
        if not same_event:
            self._day_was_chosen = False
            self._stop_rehearsal()
        self.plan = plan
        days = plan["days_plan"] if plan else []
        dates = [d["date"] for d in days]
        today = self.now().date()
        want = kept if kept in dates else (today if today in dates else None)
        self.day_choice.blockSignals(True)
        self.day_choice.clear()
        for d in days:
            self.day_choice.addItem(f"{d['label']}", d["date"])
        self.day_choice.setCurrentIndex(dates.index(want) if want in dates else (0 if days else -1))
        self.day_choice.blockSignals(False)
        self.refresh()

    def chosen_date(self):
        return self.day_choice.currentData() if self.day_choice.currentIndex() >= 0 else None

    def choose_day(self, index: int) -> None:
        self.day_choice.setCurrentIndex(index)

    @property
    def rehearsing(self) -> bool:
        """True unless the chosen day is today (then the real clock runs the day)."""
        return self.chosen_date() != self.now().date()

    def clock(self) -> datetime:
        """The time the view runs the chosen day against."""
        now = self.now()
        day = self.chosen_date() or now.date()
        if not self.rehearsing:
            return now
        start = self.from_time.time()
        clock = datetime(day.year, day.month, day.day, start.hour(), start.minute())
        if self.rehearsal_started is not None:
            clock += now - self.rehearsal_started
        return clock

    def _day_changed(self) -> None:
        self._day_was_chosen = True
        self._stop_rehearsal()
        self.refresh()

    def _start_toggled(self, on: bool) -> None:
        if on:
            self.rehearsal_started = self.now()
            self.start_button.setText("Stop the clock")
            self.timer.setInterval(REHEARSAL_TICK_MS)
        else:
            self.rehearsal_started = None
            self.start_button.setText("Start the clock")
            self.timer.setInterval(TICK_MS)
        self.refresh()

    def _stop_rehearsal(self) -> None:
        if self.start_button.isChecked():
            self.start_button.setChecked(False)  # resets the clock through _start_toggled

    def refresh(self) -> None:
        rehearsing = bool(self.plan and self.plan["days_plan"]) and self.rehearsing
        for w in (self.rehearse_label, self.from_time, self.start_button):
            w.setVisible(rehearsing)
        self.day_choice.setEnabled(bool(self.plan and self.plan["days_plan"]))
        if not self.plan or not self.plan["days_plan"]:
            self.state = {}
            self.day_label.setText("Choose an event with sessions to run its day.")
            for w in (self.now_label, self.left_label, self.next_label, self.clock_label):
                w.clear()
            self.rest.clear()
            self._update_buttons()
            return
        now = self.clock()
        self.state = plan_view.now_and_next(self.plan, now)
        day = self.state["day"]
        if rehearsing:
            how = (" — rehearsal, the clock running" if self.rehearsal_started is not None else
                   " — rehearsal: press Start the clock to run it from "
                   f"{self.from_time.time().toString('HH:mm')}")
        else:
            how = " — today, on the real clock"
        self.clock_label.setText(f"{'Rehearsal clock' if rehearsing else 'Clock'} {now:%H:%M}")
        self.day_label.setText(f"<b>{escape(self.plan['title'])}</b> · {escape(day['label'])}"
                               f"{escape(how)}")
        current, nxt = self.state["now"], self.state["next"]
        if current:
            self.now_label.setText(f"Now: {escape(current['title'])} "
                                   f"({clock(current['start_at'])}–{clock(current['end_at'])})")
            self.left_label.setText(f"{self.state['left']} min left")
        elif self.state["after_end"]:
            self.now_label.setText("The day's agenda is over." + (
                " Choose another day, or rehearse this one from an earlier time." if rehearsing
                else ""))
            self.left_label.clear()
        else:
            self.now_label.setText("Nothing is running right now.")
            self.left_label.clear()
        self.next_label.setText(
            f"Next: {escape(nxt['title'])} at {clock(nxt['start_at'])}" if nxt else "Next: —")
        self.rest.clear()
        minute = now.hour * 60 + now.minute
        for ps in day["sessions"]:
            for it in ps["items"]:
                if it["end_at"] <= minute and it is not current:
                    continue
                nudge = f"  ({it['nudge_minutes']:+d} min)" if it["nudge_minutes"] else ""
                indent = f"      {it['track']}: " if it["in_block"] else ""
                row = QListWidgetItem(f"{indent}{clock(it['start_at'])}–{clock(it['end_at'])}  "
                                      f"{it['title']}{nudge}")
                if it["problems"]:
                    row.setToolTip("\n".join(it["problems"]))
                    row.setText(row.text() + "   ⚠ " + it["problems"][0])
                if current is not None and it["id"] == current["id"]:
                    f = row.font()
                    f.setBold(True)
                    row.setFont(f)
                self.rest.addItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = bool(self.state.get("now"))
        self.plus_button.setEnabled(running)
        self.minus_button.setEnabled(running)
        nudged = bool(self.plan) and any(
            it["nudge_minutes"] for d in self.plan["days_plan"] for ps in d["sessions"]
            for it in ps["items"])
        self.clear_button.setEnabled(nudged)

    def nudge(self, delta: int) -> None:
        current = self.state.get("now")
        if not current:
            return
        db, item_id = self.ctx.db, current["id"]
        undo.perform(self.ctx, f"Nudge {current['title']} {delta:+d} min",
                     lambda: agenda.nudge_item(db, item_id, delta),
                     lambda: agenda.nudge_item(db, item_id, -delta))

    def clear_nudges(self) -> None:
        if not self.plan:
            return
        db, event_id = self.ctx.db, self.plan["id"]
        state: dict = {}

        def do():
            state["before"], changes = agenda.set_nudges(db, event_id, None)
            return changes

        undo.perform(self.ctx, "Clear nudges", do,
                     lambda: agenda.set_nudges(db, event_id, state["before"])[1])
