"""Export workbook…: which workbook, for whom, where; written in a worker with progress and
Cancel (nothing is left behind when cancelled)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.exports.xlsx.book import Cancelled, Progress
from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import export_participant
from facilitator.services.cohort import organisations, participants
from facilitator.ui.workers import run_in_background, while_alive

KINDS = [("cohort", "Cohort workbook (the team, a funder)"),
         ("organisation", "Workbook for an organisation (with its return sheet)"),
         ("participant", "A participant's return workbook")]


def _file_name(text: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in text)
    return "-".join(keep.split()) or "workbook"


class ExportWorkbookDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None, kind: str = "cohort",
                 organisation_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job = None
        self.result_info: dict | None = None
        self.setWindowTitle("Export workbook")
        self.setMinimumSize(580, 230)  # room for the progress bar while it writes
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.who = QComboBox()
        self.who_label = QLabel("For")
        self.path = QLineEdit()
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Workbook", self.kind)
        form.addRow(self.who_label, self.who)
        form.addRow("Save as", where)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555")
        self.questions_button = QPushButton("&Questions to organisations…")
        self.questions_button.setToolTip("What the 'Questions for you' sheet asks, and the "
                                         "answers that have come back")
        self.questions_button.clicked.connect(self._questions)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.questions_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.who.currentIndexChanged.connect(self._suggest_path)
        self.kind.setCurrentIndex([k for k, _ in KINDS].index(kind))
        self._kind_changed()
        if organisation_id is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(organisation_id)))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        db, cohort = self.ctx.db, self.ctx.cohort_id
        self.who.blockSignals(True)
        self.who.clear()
        if kind == "organisation":
            for o in self.ctx.call(organisations.list_organisations, db, cohort) or []:
                self.who.addItem(f"{o['name']} ({o['participants']} people)", o["id"])
        elif kind == "participant":
            for p in self.ctx.call(participants.list_participants, db, cohort) or []:
                name = f"{p['given_name']} {p['family_name']}".strip()
                self.who.addItem(name + (f" · {p['organisation']}" if p["organisation"] else ""),
                                 p["id"])
        self.who.blockSignals(False)
        self.questions_button.setVisible(kind == "organisation")
        self.who.setVisible(kind != "cohort")
        self.who_label.setVisible(kind != "cohort")
        self.note.setText({
            "cohort": "Everything about the cohort, for the team. Worksheets appear only for "
                      "participants who consented to share them.",
            "organisation": "Only this organisation's people; worksheets only for those who "
                            "consented to share, and the programme's questions to the "
                            "organisation. It fills in the yellow cells and sends it back for "
                            "File → Import a returned workbook.",
            "participant": "One person's rules register, self-assessments and weekly pulse "
                           "to fill in offline and send back.",
        }[kind])
        self._suggest_path()

    def _questions(self) -> None:
        from facilitator.ui.workbooks.actions import org_questions

        self.questions_dialog = org_questions(self.ctx, self, self.who.currentData())

    def _suggest_path(self) -> None:
        kind = self.kind.currentData()
        subject = "cohort" if kind == "cohort" else self.who.currentText().split(" (")[0]
        subject = subject.split(" · ")[0]
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        self.path.setText(str(folder / f"{_file_name(subject)}.xlsx"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the workbook as", self.path.text(),
                                              "Excel workbook (*.xlsx)")
        if path:
            self.path.setText(path if path.endswith(".xlsx") else path + ".xlsx")

    def start(self) -> None:
        kind, who = self.kind.currentData(), self.who.currentData()
        out = Path(self.path.text()).expanduser()
        if kind != "cohort" and who is None:
            self.ctx.show_error(ValueError("There is nobody to export for in this cohort."), self)
            return
        if not out.parent.is_dir():
            self.ctx.show_error(ValueError(f"The folder {out.parent} does not exist."), self)
            return
        db, cohort = self.ctx.db, self.ctx.cohort_id

        def work(report, cancelled):
            progress = Progress(lambda done, total: report(done, total, ""), cancelled)
            if kind == "cohort":
                return export_cohort(db, cohort, out, progress)
            if kind == "organisation":
                return export_organisation(db, cohort, who, out, progress)
            return export_participant(db, cohort, who, out, progress)

        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.job = run_in_background(work, while_alive(self, self._done),
                                     while_alive(self, self._failed),
                                     on_progress=while_alive(self, self._progress),
                                     cancellable=True)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, info: dict) -> None:
        self.job = None
        self.result_info = info
        window = self.ctx.window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Workbook written: {info['path']}", 10000)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self.reject()
            return
        self.ctx.show_error(exc, self)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()  # the worker stops at its next step; _failed closes the dialog
            self.note.setText("Cancelling… nothing will be written.")
            return
        self.reject()
