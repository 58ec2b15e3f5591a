"""The two self-assessments: a participant's start beside end as a chart, the cohort's
averages beside it, and a dialog to enter scores (1–5, with a note) and the date the
assessment was taken. Every save is undoable."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.errors import ValidationError
from facilitator.services.flex import assessments, data_files, registers
from facilitator.ui import undo
from facilitator.ui.flex.charts import BLUE, ORANGE, BarChart
from facilitator.ui.widgets.form import OptionalDateEdit
from facilitator.ui.workers import run_in_background, while_alive


def _day(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


class ScoresDialog(QDialog):
    """Scores for one template at one point; 0 on a spin box means 'not scored'. A new
    assessment is dated today; an old one keeps its date (or none) until changed."""

    def __init__(self, parent, tpl: data_files.Template, title: str, scores: dict,
                 taken_on: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tpl = tpl
        self.spins: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.taken_on = OptionalDateEdit()
        self.taken_on.setObjectName("taken_on")
        self.taken_on.setToolTip("The day the participant did this self-assessment.")
        self.taken_on.set_value(taken_on if (taken_on or scores) else date.today())
        when = QLabel("&Taken on:")
        when.setBuddy(self.taken_on)
        date_row = QHBoxLayout()
        date_row.addWidget(when)
        date_row.addWidget(self.taken_on)
        date_row.addStretch(1)
        body = QWidget()
        grid = QGridLayout(body)
        intro = QLabel(f"{tpl.summary}<br><span style='color:#555'>{tpl.low} = {tpl.low_label}; "
                       f"{tpl.high} = {tpl.high_label}; – = not scored.</span>")
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 3)
        for r, item in enumerate(tpl.items, 1):
            label = QLabel(item.label)
            label.setToolTip(item.prompt)
            spin = QSpinBox()
            spin.setRange(tpl.low - 1, tpl.high)
            spin.setSpecialValueText("–")
            spin.setObjectName(f"score_{item.key}")
            note = QLineEdit()
            note.setPlaceholderText(item.prompt)
            note.setObjectName(f"note_{item.key}")
            score, text = scores.get(item.key, (None, ""))
            spin.setValue(score if score is not None else tpl.low - 1)
            note.setText(text)
            label.setBuddy(spin)
            grid.addWidget(label, r, 0)
            grid.addWidget(spin, r, 1)
            grid.addWidget(note, r, 2)
            self.spins[item.key], self.notes[item.key] = spin, note
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(tpl.items) + 1, 1)  # spare height below the items, not between
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(date_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, min(760, body.sizeHint().height() + 90))
        if tpl.items:
            self.spins[tpl.items[0].key].setFocus()

    def values(self) -> dict:
        out = {}
        for key, spin in self.spins.items():
            score = spin.value() if spin.value() >= self.tpl.low else None
            out[key] = (score, self.notes[key].text())
        return out

    def accept(self) -> None:
        try:
            assessments.clean_scores(self.tpl, self.values())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class AssessmentsView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.loading = False
        self.people = QComboBox()
        self.people.setObjectName("participant")
        self.people.setToolTip("Participant")
        self.people.setMinimumWidth(120)
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.template.setToolTip("Which self-assessment")
        for combo in (self.people, self.template):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        for key in data_files.TEMPLATE_KEYS:
            self.template.addItem(data_files.template(key).title, key)
        self.edit_start = QPushButton("&Start scores…")
        self.edit_end = QPushButton("&End scores…")
        self.edit_start.clicked.connect(lambda: self.edit("start"))
        self.edit_end.clicked.connect(lambda: self.edit("end"))
        self.person_chart = BarChart()
        self.person_chart.setObjectName("personChart")
        self.cohort_chart = BarChart()
        self.cohort_chart.setObjectName("cohortChart")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setStyleSheet("color:#333")
        bar = QHBoxLayout()
        bar.addWidget(self.people)
        bar.addWidget(self.template)
        bar.addStretch(1)
        bar.addWidget(self.edit_start)
        bar.addWidget(self.edit_end)
        charts = QHBoxLayout()
        charts.addWidget(self.person_chart, 1)
        charts.addWidget(self.cohort_chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(charts, 1)
        layout.addWidget(self.notes)
        self.people.currentIndexChanged.connect(lambda _i: self.reload())
        self.template.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.cohort_changed.connect(lambda _c: self.reload_people())
        ctx.changed.connect(self._on_changed)
        self.reload_people()

    @property
    def participant_id(self) -> int | None:
        return self.people.currentData()

    @property
    def template_key(self) -> str:
        return self.template.currentData()

    def reload_people(self) -> None:
        """The cohort's people, read in the background; then the charts for the chosen one."""
        cid, db = self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self._fill_people([])
            return
        self._people_generation = gen = getattr(self, "_people_generation", 0) + 1
        self.loading = True
        run_in_background(
            lambda: registers.register_people(db, cid),
            while_alive(self, lambda people: gen == self._people_generation
                        and self._fill_people(people)),
            while_alive(self, self._failed),
        )

    def _fill_people(self, people: list[dict]) -> None:
        keep = self.participant_id
        self.people.blockSignals(True)
        self.people.clear()
        for p in people:
            self.people.addItem(p["name"], p["id"])
        i = self.people.findData(keep)
        self.people.setCurrentIndex(i if i >= 0 else (0 if people else -1))
        self.people.blockSignals(False)
        self.reload()

    def _on_changed(self, changes) -> None:
        if changes.touches("participants", "*"):
            self.reload_people()
        elif changes.touches("assessments", "assessment_scores"):
            self.reload()

    def reload(self) -> None:
        self._generation += 1
        gen, cid, pid, key, db = (self._generation, self.ctx.cohort_id, self.participant_id,
                                  self.template_key, self.ctx.db)
        has = cid is not None and pid is not None
        self.edit_start.setEnabled(has)
        self.edit_end.setEnabled(has)
        if cid is None:
            self._show(gen, key, "", None)
            return
        name = self.people.currentText()

        def load():
            mine = dates = None
            if pid is not None:
                got = {pt: assessments.get_assessment(db, cid, pid, key, pt) for pt in ("start", "end")}
                mine = {pt: scores for pt, (scores, _d) in got.items()}
                dates = {pt: d for pt, (_s, d) in got.items()}
            return mine, assessments.cohort_summary(db, cid, key), dates

        self.loading = True
        run_in_background(load, while_alive(self, lambda res: self._show(gen, key, name, res)),
                          while_alive(self, self._failed))

    def _failed(self, exc) -> None:
        self.loading = False
        self.ctx.reload_failed(exc, self)

    def _show(self, gen: int, key: str, name: str, result) -> None:
        if gen != self._generation:
            return
        self.loading = False
        tpl = data_files.template(key)
        labels = [i.label for i in tpl.items]
        if result is None:
            self.person_chart.set_data([], [], title=tpl.title)
            self.cohort_chart.set_data([], [], title="Cohort average")
            self.notes.clear()
            return
        mine, summary, dates = result
        if mine is not None:
            series = [(pt.title() + (f" ({_day(dates[pt])})" if dates[pt] else ""),
                       [mine[pt].get(i.key, (None, ""))[0] for i in tpl.items], colour)
                      for pt, colour in (("start", BLUE), ("end", ORANGE))]
            self.person_chart.set_data(labels, series, title=f"{name}: {tpl.title}, start and end",
                                       maximum=tpl.high)
            notes = [f"<b>{escape(i.label)}</b> ({pt}): {escape(mine[pt][i.key][1])}"
                     for pt in ("start", "end")
                     for i in tpl.items if mine[pt].get(i.key, (None, ""))[1]]
            self.notes.setText("<br>".join(notes[:8]))
        else:
            self.person_chart.set_data([], [], title=tpl.title)
            self.notes.clear()
        n_start = max((r["start_n"] for r in summary.values()), default=0)
        n_end = max((r["end_n"] for r in summary.values()), default=0)
        self.cohort_chart.set_data(
            labels,
            [("Start", [summary[i.key]["start"] for i in tpl.items], BLUE),
             ("End", [summary[i.key]["end"] for i in tpl.items], ORANGE)],
            title=f"Cohort average (start: {n_start} people, end: {n_end})",
            maximum=tpl.high, decimals=1)

    def edit(self, point: str) -> None:
        cid, pid, key, db = self.ctx.cohort_id, self.participant_id, self.template_key, self.ctx.db
        if cid is None or pid is None:
            return
        tpl = data_files.template(key)
        current = self.ctx.call(assessments.get_assessment, db, cid, pid, key, point)
        if current is None:
            return
        scores, old_date = current
        dlg = ScoresDialog(self, tpl, f"{self.people.currentText()}: {tpl.title} ({point})",
                           scores, old_date)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        after, new_date = dlg.values(), dlg.taken_on.value()
        state: dict = {}

        def do():
            state["before"], changes = assessments.save_scores(db, cid, pid, key, point, after,
                                                               new_date)
            return changes

        undo.perform(self.ctx, f"Edit {point} scores: {tpl.title}", do,
                     lambda: assessments.save_scores(db, cid, pid, key, point, state["before"],
                                                     old_date)[1])
