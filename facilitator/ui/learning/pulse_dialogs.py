"""Dialogs of the Pulse tab: typing in one person's answers for one week, editing the
cohort's questions, and starting the weekly pulse. Each checks with the service's own rules
before it closes, so a mistake is shown in the dialog and nothing is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.errors import ValidationError
from facilitator.services.learning import pulse, question_set
from facilitator.ui.widgets.form import ERROR_STYLE, OptionalDateEdit


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _buttons(dlg: QDialog, ok=QDialogButtonBox.StandardButton.Save) -> QDialogButtonBox:
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    return buttons


class AnswersDialog(QDialog):
    """One person's answers for one week: a spin box per 1–5 question (– = no answer), a line
    per free-text prompt."""

    def __init__(self, parent, title: str, questions: list[dict], answers: dict,
                 lookup=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.questions = questions
        self.lookup = lookup  # code -> (title, answers) for the person and week it names
        self.spins: dict[str, QSpinBox] = {}
        self.texts: dict[str, QLineEdit] = {}
        body = QWidget()
        grid = QGridLayout(body)
        intro = QLabel(f"{pulse.LOW} = low, {pulse.HIGH} = high; – = not answered. "
                       "Copy the answers from the paper form.")
        intro.setStyleSheet("color:#555")
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        for r, q in enumerate(questions, 1):
            label = QLabel(q["prompt"])
            label.setWordWrap(True)
            score, text = answers.get(q["key"], (None, ""))
            if q["kind"] == "scale":
                w = QSpinBox()
                w.setRange(pulse.LOW - 1, pulse.HIGH)
                w.setSpecialValueText("–")
                w.setValue(score if score is not None else pulse.LOW - 1)
                w.setMaximumWidth(90)
                if q["low"] or q["high"]:
                    w.setToolTip(f"1 = {q['low']}; 5 = {q['high']}")
                self.spins[q["key"]] = w
            else:
                w = QLineEdit(text)
                w.setMinimumWidth(320)
                self.texts[q["key"]] = w
            w.setObjectName(f"answer_{q['key']}")
            label.setBuddy(w)
            grid.addWidget(label, r, 0)
            grid.addWidget(w, r, 1)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(questions) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.error = _error_label()
        self.code = QLineEdit()
        self.code.setObjectName("form_code")
        self.code.setPlaceholderText("Type or scan the code on the pulse form, then Enter")
        self.code.setToolTip("The code printed at the top of a returned pulse form (for "
                             "example PF-2224 P-6WZ9BK W3) opens that person and week")
        self.code.installEventFilter(self)
        layout = QVBoxLayout(self)
        if lookup is not None:
            row = QFormLayout()
            row.addRow("Form code", self.code)
            layout.addLayout(row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.resize(760, min(640, body.sizeHint().height() + 80))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        """Enter in the code box opens the code; it never saves the dialog."""
        if (obj is self.code and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_code()
            return True
        return super().eventFilter(obj, event)

    def open_code(self) -> None:
        """Switch to the person and week the typed code names (nothing saved yet)."""
        try:
            title, answers = self.lookup(self.code.text())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.setWindowTitle(title)
        for key, spin in self.spins.items():
            score = answers.get(key, (None, ""))[0]
            spin.setValue(score if score is not None else pulse.LOW - 1)
        for key, line in self.texts.items():
            line.setText(answers.get(key, (None, ""))[1])
        self.code.clear()
        if self.spins:
            next(iter(self.spins.values())).setFocus()

    def values(self) -> dict:
        out = {}
        for key, spin in self.spins.items():
            out[key] = (spin.value() if spin.value() >= pulse.LOW else None, "")
        for key, line in self.texts.items():
            out[key] = (None, line.text())
        return out

    def accept(self) -> None:
        try:
            pulse.clean_answers(self.questions, self.values())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class QuestionsDialog(QDialog):
    """The cohort's questions as a table: kind, wording, and the words for 1 and 5. Rows keep
    their question's key, so answers stay with a question whose wording changes."""

    COLUMNS = ("Kind", "Question", "1 means", "5 means")

    def __init__(self, parent, questions: list[dict]):
        super().__init__(parent)
        self.setWindowTitle("Pulse questions for this cohort")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("questions")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 90)
        self.table.setColumnWidth(2, 130)
        self.table.setColumnWidth(3, 130)
        for q in questions:
            self.add_row(q)
        add = QPushButton("&Add question")
        add.clicked.connect(lambda: self.add_row({"kind": "scale", "prompt": ""}))
        remove = QPushButton("&Remove")
        remove.clicked.connect(self.remove_current)
        builtin = QPushButton("Use the &built-in set")
        builtin.setToolTip("Put back the built-in questions (answered questions are kept).")
        builtin.clicked.connect(self.use_builtin)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(builtin)
        hint = QLabel("A question that already has answers keeps them when its wording changes; "
                      "it cannot be removed.")
        hint.setStyleSheet("color:#555")
        hint.setWordWrap(True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.resize(900, 460)

    def add_row(self, q: dict) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        kind = QComboBox()
        kind.addItems(["scale", "text"])
        kind.setCurrentText(q.get("kind", "scale"))
        self.table.setCellWidget(r, 0, kind)
        prompt = QTableWidgetItem(q.get("prompt", ""))
        prompt.setData(256, q.get("key", ""))  # Qt.UserRole: the question's key
        self.table.setItem(r, 1, prompt)
        self.table.setItem(r, 2, QTableWidgetItem(q.get("low", "")))
        self.table.setItem(r, 3, QTableWidgetItem(q.get("high", "")))
        if not q.get("prompt"):
            self.table.setCurrentCell(r, 1)
            self.table.editItem(prompt)

    def remove_current(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)

    def use_builtin(self) -> None:
        self.table.setRowCount(0)
        for q in question_set.builtin():
            self.add_row(q)

    def values(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            prompt = self.table.item(r, 1)
            q = {"kind": self.table.cellWidget(r, 0).currentText(),
                 "prompt": prompt.text() if prompt else "",
                 "low": self.table.item(r, 2).text() if self.table.item(r, 2) else "",
                 "high": self.table.item(r, 3).text() if self.table.item(r, 3) else ""}
            if prompt is not None and prompt.data(256):
                q["key"] = prompt.data(256)
            out.append(q)
        return out

    def accept(self) -> None:
        try:
            question_set.clean_questions(self.values())
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class StartPulseDialog(QDialog):
    """The day week 1 starts: to start the pulse, or (with `moving`) to move it."""

    def __init__(self, parent, suggested: date, *, moving: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Move week 1" if moving else "Start the weekly pulse")
        self.start = OptionalDateEdit()
        self.start.setObjectName("start_date")
        self.start.set_value(suggested)
        form = QFormLayout()
        form.addRow("Week 1 starts on", self.start)
        text = QLabel("Answers keep their week numbers; only the dates of the weeks move." if moving
                      else f"The pulse starts with the built-in {len(question_set.builtin())} "
                           "questions; you can change them for this cohort afterwards.")
        text.setWordWrap(True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, QDialogButtonBox.StandardButton.Ok))

    def accept(self) -> None:
        if self.start.value() is None:
            self.error.setText("Choose the day week 1 starts.")
            self.error.show()
            return
        super().accept()
