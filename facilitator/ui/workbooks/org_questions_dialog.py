"""Questions to organisations…: the cohort's questions to its partner organisations (asked on
the organisation workbook's return sheet) with add, edit, remove and reorder, checked before
saving and saved as one undoable step; and, on the second tab, what each organisation has
answered so far (from its returned workbook)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.errors import ValidationError
from facilitator.services.returns import questions
from facilitator.ui import undo
from facilitator.ui.widgets.form import ERROR_STYLE

KEY_ROLE = Qt.ItemDataRole.UserRole
KINDS = ("organisation_questions", "organisation_answers", "organisations")


class OrgQuestionsDialog(QDialog):
    COLUMNS = ("Question", "What would help (a hint under it)")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Questions to organisations")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._questions_tab(), "&Questions")
        self.tabs.addTab(self._answers_tab(), "&Answers so far")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.tabs.currentChanged.connect(lambda i: self.save_button.setVisible(i == 0))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(940, 520)
        self.load()
        ctx.changed.connect(self._on_changed)

    # the questions -------------------------------------------------------------------------
    def _questions_tab(self) -> QWidget:
        page = QWidget()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("org_questions")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 300)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("&Add question")
        self.add_button.clicked.connect(lambda: self.add_row({"prompt": "", "help": ""}))
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton("Move &down")
        self.down_button.setToolTip("Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        QShortcut(QKeySequence("Alt+Up"), self.table, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self.table, lambda: self.move_current(1))
        builtin = QPushButton("Use the &built-in set")
        builtin.setToolTip("Put the built-in questions back in the table (Save to keep them).")
        builtin.clicked.connect(self.use_builtin)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(builtin)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        return page

    def load(self) -> None:
        got = self.ctx.call(questions.get_questions, self.ctx.db, self.ctx.cohort_id, parent=self)
        if got is None:
            return
        self.answered = got["answered"]
        self.table.setRowCount(0)
        for q in got["questions"]:
            self.add_row(q, edit=False)
        self.hint.setText(
            ("This cohort asks the built-in questions. " if got["builtin"] else
             "This cohort asks its own questions. ")
            + "They go on the 'Questions for you' sheet of each organisation's workbook. "
              "A question that already has answers keeps them when its wording changes; it "
              "cannot be removed.")
        self.error.hide()
        self._load_answers()

    def add_row(self, q: dict, edit: bool = True) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        prompt = QTableWidgetItem(q.get("prompt", ""))
        prompt.setData(KEY_ROLE, q.get("key", ""))
        self.table.setItem(r, 0, prompt)
        self.table.setItem(r, 1, QTableWidgetItem(q.get("help", "")))
        if edit:
            self.table.setCurrentCell(r, 0)
            self.table.editItem(prompt)

    def remove_current(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            return
        key = self.table.item(r, 0).data(KEY_ROLE)
        n = self.answered.get(key, 0) if key else 0
        if n:
            self._show_error(f"{self.table.item(r, 0).text()!r} already has {n} answer(s) from "
                             "organisations, so it cannot be removed. Change its wording instead.")
            return
        self.table.removeRow(r)

    def move_current(self, step: int) -> None:
        r = self.table.currentRow()
        to = r + step
        if r < 0 or not 0 <= to < self.table.rowCount():
            return
        items = [self.table.takeItem(r, c) for c in range(self.table.columnCount())]
        others = [self.table.takeItem(to, c) for c in range(self.table.columnCount())]
        for c, (a, b) in enumerate(zip(items, others, strict=True)):
            self.table.setItem(to, c, a)
            self.table.setItem(r, c, b)
        self.table.setCurrentCell(to, self.table.currentColumn())

    def use_builtin(self) -> None:
        self.table.setRowCount(0)
        for q in questions.builtin():
            self.add_row(q, edit=False)

    def values(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            prompt, help_ = self.table.item(r, 0), self.table.item(r, 1)
            q = {"prompt": prompt.text() if prompt else "", "help": help_.text() if help_ else ""}
            if prompt is not None and prompt.data(KEY_ROLE):
                q["key"] = prompt.data(KEY_ROLE)
            out.append(q)
        return out

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def save(self) -> bool:
        """Check, then save as one undo step; the dialog stays open to carry on editing."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentItem(None)  # commit the cell being typed in
        try:
            after = questions.clean_questions(self.values())
        except ValidationError as exc:
            self._show_error(str(exc))
            return False
        db, cid, state = self.ctx.db, self.ctx.cohort_id, {}

        def do():
            state["before"], changes = questions.save_questions(db, cid, after)
            return changes

        try:
            done = undo.perform(self.ctx, "Edit the questions to organisations", do,
                                lambda: questions.save_questions(db, cid, state["before"])[1],
                                lambda: questions.save_questions(db, cid, after)[1],
                                inline_errors=True)
        except ValidationError as exc:
            self._show_error(str(exc))
            return False
        if done:
            self.load()
        return done

    def _on_changed(self, changes) -> None:
        if changes is not None and changes.touches(*KINDS):
            self.load()

    # the answers ---------------------------------------------------------------------------
    def _answers_tab(self) -> QWidget:
        page = QWidget()
        self.organisation = QComboBox()
        self.organisation.setObjectName("organisation")
        self.organisation.currentIndexChanged.connect(self._show_answers)
        self.answers_view = QTextBrowser()
        self.answers_view.setObjectName("answers")
        self.answers_view.setOpenLinks(False)
        note = QLabel("Answers arrive with an organisation's returned workbook (File → Import a "
                      "returned workbook…), after you have reviewed them.")
        note.setWordWrap(True)
        note.setStyleSheet("color:#555")
        top = QHBoxLayout()
        top.addWidget(QLabel("Organisation"))
        top.addWidget(self.organisation, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.answers_view, 1)
        layout.addWidget(note)
        return page

    def _load_answers(self) -> None:
        self.by_org = self.ctx.call(questions.answers, self.ctx.db, self.ctx.cohort_id,
                                    parent=self) or []
        keep = self.organisation.currentData()
        self.organisation.blockSignals(True)
        self.organisation.clear()
        for o in self.by_org:
            self.organisation.addItem(f"{o['name']} ({o['answered']} of {len(o['answers'])} "
                                      "answered)", o["id"])
        self.organisation.blockSignals(False)
        if keep is not None and self.organisation.findData(keep) >= 0:
            self.organisation.setCurrentIndex(self.organisation.findData(keep))
        self._show_answers()

    def show_answers_of(self, organisation_id: int) -> None:
        i = self.organisation.findData(organisation_id)
        if i >= 0:
            self.organisation.setCurrentIndex(i)
            self.tabs.setCurrentIndex(1)

    def _show_answers(self) -> None:
        oid = self.organisation.currentData()
        org = next((o for o in self.by_org if o["id"] == oid), None)
        if org is None:
            self.answers_view.setHtml("<p>This cohort has no organisations yet.</p>")
            return
        parts = []
        for a in org["answers"]:
            answer = (escape(a["answer"]).replace("\n", "<br>") if a["answer"]
                      else "<span style='color:#888'>not answered yet</span>")
            parts.append(f"<p><b>{escape(a['prompt'])}</b><br>{answer}</p>")
        self.answers_view.setHtml("".join(parts))
