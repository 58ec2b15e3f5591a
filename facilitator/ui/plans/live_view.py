"""Running the day: what is on now, what is next, the minutes left, and +5 / −5 nudges that
re-time the rest of the day."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.plans import agenda, plan_view
from facilitator.services.plans.timing import clock
from facilitator.ui import undo

TICK_MS = 15_000

class LiveView(QWidget):
    def __init__(self, ctx, parent=None, now=datetime.now):
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.plan: dict | None = None
        self.state: dict = {}
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.minus_button)
        buttons.addWidget(self.plus_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
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

    def set_plan(self, plan: dict | None) -> None:
        self.plan = plan
        self.refresh()

    def refresh(self) -> None:
        if not self.plan or not self.plan["days_plan"]:
            self.state = {}
            self.day_label.setText("Choose an event with sessions to run its day.")
            for w in (self.now_label, self.left_label, self.next_label):
                w.clear()
            self.rest.clear()
            self._update_buttons()
            return
        now = self.now()
        self.state = plan_view.now_and_next(self.plan, now)
        day = self.state["day"]
        rehearsal = (" — rehearsal: today is not a day of this event, so its first day is shown "
                     "against the clock" if self.state["rehearsal"] else "")
        self.day_label.setText(f"<b>{escape(self.plan['title'])}</b> · {escape(day['label'])} · "
                               f"clock {now:%H:%M}{escape(rehearsal)}")
        current, nxt = self.state["now"], self.state["next"]
        if current:
            self.now_label.setText(f"Now: {escape(current['title'])} "
                                   f"({clock(current['start_at'])}–{clock(current['end_at'])})")
            self.left_label.setText(f"{self.state['left']} min left")
        elif self.state["after_end"]:
            self.now_label.setText("The day's agenda is over.")
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
