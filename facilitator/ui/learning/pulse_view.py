"""The Pulse tab: who has not answered in a week, the trend per question (the cohort's
median with its middle half, week by week; one person's line on demand), and the people whose
answers fell sharply, with the rule for that written beside them. Answers are typed in from
the paper form; every save, question change and start is undoable. All of it is read in one
background job."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.cohort import participants
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.learning import pulse, trends
from facilitator.services.learning.pulse_codes import find as find_code
from facilitator.services.learning.pulse_codes import survey_code
from facilitator.ui import undo
from facilitator.ui.learning.pulse_dialogs import AnswersDialog, QuestionsDialog, StartPulseDialog
from facilitator.ui.learning.trend_chart import TrendChart
from facilitator.ui.workers import run_in_background, while_alive

KINDS = ("pulse_surveys", "pulse_questions", "pulse_answers", "participants")


def default_week(survey: dict) -> int:
    """This week, unless the answers stop well before it (an old cohort, the demo opened
    later): then the last week anyone answered."""
    current, last = survey["current_week"], survey["last_answered_week"]
    return current if (last == 0 or current <= last + 1) else last


def load(db, cohort_id: int, week: int | None, person_id: int | None) -> dict:
    survey = pulse.get_survey(db, cohort_id)
    people = [(f"{p['given_name']} {p['family_name']}".strip(), p["id"])
              for p in sorted(participants.list_participants(db, cohort_id),
                              key=lambda p: (p["given_name"], p["family_name"]))]
    if survey is None:
        return {"survey": None, "people": people}
    week = week or default_week(survey)
    answered = trends.answered_by_week(db, cohort_id)
    return {"survey": survey, "people": people, "week": week,
            "answered": len(answered.get(week, [])),
            "missing": trends.not_answered(db, cohort_id, week),
            "trends": trends.trends(db, cohort_id), "drops": trends.drops(db, cohort_id, week),
            "person": trends.person_line(db, cohort_id, person_id) if person_id else {}}


class PulseView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict = {}
        self.loading = False
        self._generation = 0
        self.week = QSpinBox()
        self.week.setObjectName("week")
        self.week.setRange(1, pulse.MAX_WEEK)
        self.week.setPrefix("Week ")
        self.week.setKeyboardTracking(False)
        self.week_dates = QLabel()
        self.question = QComboBox()
        self.question.setObjectName("question")
        self.question.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.question.setMinimumContentsLength(30)
        self.person = QComboBox()
        self.person.setObjectName("person")
        self.person.setToolTip("Draw one person's answers over the cohort's trend")
        self.person.setMinimumContentsLength(16)
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.enter_button = QPushButton("&Enter answers…")
        self.enter_button.setToolTip("Type in a participant's answers for the chosen week")
        self.questions_button = QPushButton("&Questions…")
        self.start_button = QPushButton("&Start the weekly pulse…")
        self.move_button = QPushButton("&Week 1…")
        self.move_button.setToolTip("Move the day week 1 starts")
        self.move_button.clicked.connect(self.move_start)
        self.enter_button.clicked.connect(lambda: self.enter_answers())
        self.questions_button.clicked.connect(self.edit_questions)
        self.start_button.clicked.connect(self.start_pulse)
        bar = QHBoxLayout()
        bar.addWidget(self.week)
        bar.addWidget(self.week_dates)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Question:"))
        bar.addWidget(self.question, 2)
        bar.addWidget(QLabel("Show:"))
        bar.addWidget(self.person, 1)
        bar.addStretch(0)
        bar.addWidget(self.enter_button)
        bar.addWidget(self.questions_button)
        bar.addWidget(self.move_button)
        bar.addWidget(self.start_button)

        self.missing_box = QGroupBox("Not answered yet")
        self.missing = QListWidget()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.missing.setSpacing(2)
        self.missing.setToolTip("Double-click a name to type in their answers for this week")
        self.missing.itemDoubleClicked.connect(lambda it: self.enter_answers(it.data(Qt.ItemDataRole.UserRole)))
        box = QVBoxLayout(self.missing_box)
        box.addWidget(self.missing)
        self.chart = TrendChart()
        self.chart.setObjectName("trend")
        self.flags_box = QGroupBox("Check in with them")
        self.flags = QListWidget()
        self.flags.setObjectName("flags")
        self.flags.setMaximumHeight(64)
        self.flags.itemDoubleClicked.connect(self._show_person_of)
        self.rule = QLabel(f"<b>The rule:</b> {escape(trends.DROP_RULE)}")
        self.rule.setObjectName("rule")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color:#444")
        fl = QVBoxLayout(self.flags_box)
        fl.addWidget(self.flags)
        fl.addWidget(self.rule)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.chart, 1)
        rl.addWidget(self.flags_box)
        split = QSplitter()
        split.addWidget(self.missing_box)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 900])
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#555; font-size: 14px")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.split = split
        self.week.valueChanged.connect(lambda _v: self.reload(keep_week=True))
        self.question.currentIndexChanged.connect(lambda _i: self._draw())
        self.person.currentIndexChanged.connect(lambda _i: self.reload(keep_week=True))
        ctx.cohort_changed.connect(lambda _c: self.reload())
        ctx.changed.connect(self._on_changed)
        self.reload()

    # loading -----------------------------------------------------------------------------
    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches(*KINDS):
            self.reload(keep_week=True)

    def reload(self, keep_week: bool = False) -> None:
        self._generation += 1
        gen, cid, db = self._generation, self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self._show(gen, {"survey": None, "people": []})
            return
        week = self.week.value() if keep_week and self.data.get("survey") else None
        person = self.person.currentData()
        self.loading = True
        run_in_background(lambda: load(db, cid, week, person),
                          while_alive(self, lambda d: self._show(gen, d)),
                          while_alive(self, self._failed))

    def _failed(self, exc) -> None:
        self.loading = False
        self.ctx.show_error(exc, self)

    def _show(self, gen: int, data: dict) -> None:
        if gen != self._generation:
            return
        self.loading = False
        self.data = data
        survey = data["survey"]
        has = survey is not None
        self.start_button.setVisible(not has and self.ctx.cohort_id is not None)
        for w in (self.enter_button, self.questions_button, self.move_button, self.week,
                  self.question, self.person):
            w.setEnabled(has)
        self.split.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            self.empty.setText("This cohort has no weekly pulse yet. <b>Start the weekly pulse…</b> "
                               "gives it the built-in questions, which you can change.")
            self.week_dates.clear()
            self.question.clear()
            return
        self._fill_combos(survey, data["people"])
        self.week.blockSignals(True)
        self.week.setValue(data["week"])
        self.week.blockSignals(False)
        start = pulse.week_start(survey["start_date"], data["week"])
        self.week_dates.setText(f"from {start.day} {start:%b %Y}")
        total = data["answered"] + len(data["missing"])
        self.missing_box.setTitle(f"Not answered in week {data['week']} "
                                  f"({len(data['missing'])} of {total})")
        self.missing.clear()
        for p in data["missing"]:
            org = f"\n{p['organisation']}" if p["organisation"] else ""
            item = QListWidgetItem(f"{p['name']}{org}")
            item.setData(Qt.ItemDataRole.UserRole, p["id"])
            self.missing.addItem(item)
        if not data["missing"]:
            self.missing.addItem("Everyone has answered.")
        self.flags.clear()
        self.flags_box.setTitle(f"Check in with them (week {data['week']})")
        for d in data["drops"]:
            item = QListWidgetItem(f"{d.name}: average {d.before:.1f} in the weeks before, "
                                   f"{d.now:.1f} this week")
            item.setData(Qt.ItemDataRole.UserRole, d.participant_id)
            item.setForeground(Qt.GlobalColor.darkRed)
            self.flags.addItem(item)
        if not data["drops"]:
            self.flags.addItem("Nobody's answers fell sharply this week.")
        self._draw()

    def _fill_combos(self, survey: dict, people: list[tuple[str, int]]) -> None:
        keep_q, keep_p = self.question.currentData(), self.person.currentData()
        self.question.blockSignals(True)
        self.question.clear()
        for q in survey["questions"]:
            if q["kind"] == "scale":
                self.question.addItem(q["prompt"], q["key"])
        i = self.question.findData(keep_q)
        self.question.setCurrentIndex(max(0, i))
        self.question.blockSignals(False)
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("The cohort only", None)
        for name, pid in people:
            self.person.addItem(f"The cohort and {name}", pid)
        self.person.setCurrentIndex(max(0, self.person.findData(keep_p)))
        self.person.blockSignals(False)

    def _draw(self) -> None:
        survey = self.data.get("survey")
        key = self.question.currentData()
        if not survey or key is None:
            self.chart.set_data("", [])
            return
        q = next(q for q in survey["questions"] if q["key"] == key)
        name = self.person.currentText().removeprefix("The cohort and ") if self.person.currentData() else ""
        self.chart.set_data(q["prompt"], self.data["trends"].get(key, []),
                            self.data["person"].get(key, []), name, q["low"], q["high"])

    def _show_person_of(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        i = self.person.findData(pid)
        if i > 0:
            self.person.setCurrentIndex(i)

    # editing -----------------------------------------------------------------------------
    def enter_answers(self, participant_id: int | None = None) -> None:
        survey, cid = self.data.get("survey"), self.ctx.cohort_id
        if not survey or cid is None:
            return
        if participant_id is None:
            item = self.missing.currentItem()
            participant_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if participant_id is None:
            participant_id = self.person.currentData()
        if participant_id is None:
            people = self.data.get("people") or []
            if not people:
                return
            participant_id = people[0][1]
        self.open_answers(participant_id, self.week.value())

    def open_answers(self, participant_id: int, week: int) -> AnswersDialog | None:
        survey, cid, db = self.data.get("survey"), self.ctx.cohort_id, self.ctx.db
        current = self.ctx.call(pulse.get_answers, db, cid, participant_id, week, parent=self)
        if current is None:
            return None
        target = {"pid": participant_id, "week": week}

        def title_of(pid: int, wk: int) -> str:
            name = next((n for n, p in self.data["people"] if p == pid), "")
            start = pulse.week_start(survey["start_date"], wk)
            return f"{name}: pulse for week {wk} (from {start.day} {start:%b})"

        def lookup(text: str):
            pid, wk = find_code(db, cid, text, survey_code(survey["questions"]))
            try:
                answers = pulse.get_answers(db, cid, pid, wk)
            except NotFound as exc:
                raise ValidationError({"code": str(exc)}) from None
            target.update(pid=pid, week=wk)
            return title_of(pid, wk), answers

        dlg = AnswersDialog(self, title_of(participant_id, week), survey["questions"], current,
                            lookup=lookup)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return dlg
        after = dlg.values()
        participant_id, week = target["pid"], target["week"]
        name = next((n for n, pid in self.data["people"] if pid == participant_id), "")
        state: dict = {}

        def do():
            state["before"], changes = pulse.save_answers(db, cid, participant_id, week, after)
            return changes

        undo.perform(self.ctx, f"Pulse answers: {name}, week {week}", do,
                     lambda: pulse.save_answers(db, cid, participant_id, week, state["before"])[1])
        return dlg

    def edit_questions(self) -> None:
        survey, cid, db = self.data.get("survey"), self.ctx.cohort_id, self.ctx.db
        if not survey:
            return
        dlg = QuestionsDialog(self, survey["questions"])
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        after = dlg.values()
        state: dict = {}

        def do():
            state["before"], changes = pulse.save_questions(db, cid, after)
            return changes

        undo.perform(self.ctx, "Edit pulse questions", do,
                     lambda: pulse.save_questions(db, cid, state["before"])[1],
                     lambda: pulse.save_questions(db, cid, after)[1])

    def move_start(self) -> None:
        survey, cid, db = self.data.get("survey"), self.ctx.cohort_id, self.ctx.db
        if not survey:
            return
        old = survey["start_date"]
        dlg = StartPulseDialog(self, old, moving=True)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.start.value() == old:
            return
        new = dlg.start.value()
        undo.perform(self.ctx, "Move week 1 of the pulse",
                     lambda: pulse.set_start_date(db, cid, new)[1],
                     lambda: pulse.set_start_date(db, cid, old)[1])

    def start_pulse(self) -> None:
        cid, db = self.ctx.cohort_id, self.ctx.db
        if cid is None:
            return
        dlg = StartPulseDialog(self, date.today())
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        start = dlg.start.value()
        state: dict = {}

        def do():
            return pulse.start_survey(db, cid, start).changes

        def undo_():
            state["snap"], changes = pulse.delete_survey(db, cid)
            return changes

        undo.perform(self.ctx, "Start the weekly pulse", do, undo_,
                     lambda: pulse.restore_survey(db, state["snap"], cid))
