"""File → Print and export…: one dialog that picks the pack, the event, the people, the paper
and the options, previews the real pages (QtPdf where it is installed; otherwise the saved
file opens in the system viewer), remembers the last choices, and makes the file in a worker
with progress and Cancel (a cancelled export leaves no file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.exports.pdf.document import ExportCancelled, PackRequest
from facilitator.exports.pdf.styles import default_paper
from facilitator.services.cohort import cohorts, roster
from facilitator.services.plans import events
from facilitator.ui.exports.pack_list import ENTRIES, DialogPack
from facilitator.ui.exports.week_picker import WeekPicker
from facilitator.ui.settings import settings
from facilitator.ui.workers import run_in_background, while_alive

try:  # QtPdf is its own wheel: preview the pages when it is there
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAVE_QTPDF = False

PAPERS = (("A4", "a4"), ("US Letter", "letter"))
KEY = "print/"


class PrintDialog(QDialog):
    def __init__(self, ctx, parent=None, pack: str | None = None, event_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Print and export")
        self.setObjectName("printDialog")
        self.job = None
        self.last_saved: Path | None = None
        self._preview_bytes: bytes | None = None
        self.packs = QListWidget()
        self.packs.setObjectName("packList")
        self.packs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for e in ENTRIES:
            item = QListWidgetItem(e.label)
            item.setData(Qt.ItemDataRole.UserRole, e.key)
            item.setToolTip(e.description)
            self.packs.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #4a5568;")
        self.event = QComboBox()
        self.paper = QComboBox()
        for label, value in PAPERS:
            self.paper.addItem(label, value)
        self.each = QCheckBox("One pack per participant, their rules pre-filled (name order)")
        self.per = QComboBox()
        self.per.addItem("One sheet per day", "day")
        self.per.addItem("One sheet per session", "session")
        self.week = WeekPicker()
        self.pseudonymise = QCheckBox("Pseudonymise (codes instead of names)")
        self.pseudonymise.setObjectName("pseudonymise")
        self.pseudonymise.setToolTip("Participant codes instead of names, and cohort members' "
                                     "names written in free text replaced by their codes")
        self.people = QListWidget()
        self.people.setObjectName("peopleList")
        self.people.setToolTip("Untick people to leave them out")
        self.all_people = QPushButton("Tick everyone")
        self.all_people.clicked.connect(lambda: self._tick_all(True))
        self.open_after = QCheckBox("Open the file after saving")
        form = QFormLayout()
        form.addRow("Event", self.event)
        form.addRow("Paper", self.paper)
        form.addRow("", self.each)
        form.addRow("Sign-in", self.per)
        form.addRow("Pulse week", self.week)
        form.addRow("", self.pseudonymise)
        people_box = QVBoxLayout()
        people_box.addWidget(self.people, 1)
        people_box.addWidget(self.all_people, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow("People", people_box)
        form.addRow("", self.open_after)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("<b>What to print</b>"))
        lv.addWidget(self.packs, 1)
        lv.addWidget(self.description)
        middle = QWidget()
        middle.setLayout(form)
        self.preview_area = self._preview_widget()
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(middle)
        split.addWidget(self.preview_area)
        split.setStretchFactor(2, 1)
        width = max(self.packs.sizeHintForColumn(0) + 24, 190)
        left.setMinimumWidth(width)
        split.setSizes([width, 420, 260])
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.preview_button = QPushButton("Preview")
        self.preview_button.setVisible(HAVE_QTPDF)
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_and_save)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1100 if HAVE_QTPDF else 820, 560)
        self.packs.currentRowChanged.connect(self._pack_changed)
        self.event.currentIndexChanged.connect(self._event_changed)
        self._load(pack, event_id)

    def _preview_widget(self) -> QWidget:
        if HAVE_QTPDF:
            self.pdf_doc = QPdfDocument(self)
            view = QPdfView()
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(self.pdf_doc)
            view.setMinimumWidth(360)
            return view
        label = QLabel("The preview needs Qt's PDF module, which is not installed here.\n\n"
                       "Save the PDF and it opens in your PDF viewer, to look at before "
                       "printing.")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #4a5568; padding: 16px;")
        label.setMinimumWidth(220)
        return label

    # choices -------------------------------------------------------------------------------
    def _load(self, pack: str | None, event_id: int | None) -> None:
        s = settings()
        cid = self.ctx.cohort_id
        self.cohort = cohorts.get_cohort(self.ctx.db, cid) if cid is not None else None
        self.events = events.list_events(self.ctx.db, cid) if cid is not None else []
        for ev in self.events:
            self.event.addItem(f"{ev['title']} ({ev['start_date']:%d %b %Y})", ev["id"])
        remembered_event = event_id or _int(s.value(f"{KEY}event/{cid}"))
        idx = self.event.findData(remembered_event)
        if idx >= 0:
            self.event.setCurrentIndex(idx)
        paper = str(s.value(f"{KEY}paper", default_paper()))
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.each.setChecked(str(s.value(f"{KEY}each", "false")) == "true")
        self.per.setCurrentIndex(max(self.per.findData(str(s.value(f"{KEY}per", "day"))), 0))
        self.week.load(self.ctx.db, cid)
        self.pseudonymise.setChecked(str(s.value(f"{KEY}pseudonymise", "false")) == "true")
        self.open_after.setChecked(str(s.value(f"{KEY}open_after",
                                               "false" if HAVE_QTPDF else "true")) == "true")
        key = pack or str(s.value(f"{KEY}pack", ENTRIES[0].key))
        row = next((i for i, e in enumerate(ENTRIES) if e.key == key), 0)
        self.packs.setCurrentRow(row)
        self._event_changed()

    def remember(self) -> None:
        s = settings()
        s.setValue(f"{KEY}pack", self.current_pack().key)
        s.setValue(f"{KEY}paper", self.paper.currentData())
        s.setValue(f"{KEY}each", "true" if self.each.isChecked() else "false")
        s.setValue(f"{KEY}per", self.per.currentData())
        s.setValue(f"{KEY}pseudonymise", "true" if self.pseudonymise.isChecked() else "false")
        s.setValue(f"{KEY}open_after", "true" if self.open_after.isChecked() else "false")
        if self.event.currentData() is not None:
            s.setValue(f"{KEY}event/{self.ctx.cohort_id}", self.event.currentData())
        s.sync()

    def current_pack(self) -> DialogPack:
        return ENTRIES[max(self.packs.currentRow(), 0)]

    def _pack_changed(self, _row: int) -> None:
        p = self.current_pack()
        self.description.setText(p.description)
        self.event.setEnabled(p.needs_event)
        self.each.setEnabled("each" in p.options)
        self.per.setEnabled("per" in p.options)
        self.week.setEnabled("week" in p.options and self.week.has_pulse)
        self.pseudonymise.setEnabled("pseudonymise" in p.options)
        self.people.setEnabled("people" in p.options)
        self.all_people.setEnabled("people" in p.options)
        self._update_buttons()

    def _event_changed(self, *_):
        self.people.clear()
        if self.ctx.cohort_id is None:
            return
        for person in roster.expected(self.ctx.db, self.ctx.cohort_id):
            item = QListWidgetItem(person["name"])
            item.setData(Qt.ItemDataRole.UserRole, person["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.people.addItem(item)

    def _tick_all(self, on: bool) -> None:
        for i in range(self.people.count()):
            self.people.item(i).setCheckState(Qt.CheckState.Checked if on else
                                              Qt.CheckState.Unchecked)

    def _update_buttons(self) -> None:
        busy = self.job is not None
        p = self.current_pack()
        no_pulse = "week" in p.options and not self.week.has_pulse
        ready = self.cohort is not None and (not p.needs_event or self.event.currentData()
                                             is not None) and not no_pulse
        self.save_button.setEnabled(ready and not busy)
        self.preview_button.setEnabled(ready and not busy and p.previewable)
        self.cancel_button.setEnabled(busy)
        self.packs.setEnabled(not busy)
        if self.cohort is None:
            self.status.setText("Choose or create a cohort first.")
        elif p.needs_event and self.event.currentData() is None:
            self.status.setText("This cohort has no events yet: add one in Plans.")
        elif no_pulse:
            self.status.setText("This cohort has no weekly pulse yet: start one in Learning.")
        elif not busy:
            self.status.clear()

    def request(self) -> PackRequest:
        p = self.current_pack()
        people = None
        if "people" in p.options and self.people.count():
            ticked = tuple(self.people.item(i).data(Qt.ItemDataRole.UserRole)
                           for i in range(self.people.count())
                           if self.people.item(i).checkState() == Qt.CheckState.Checked)
            if len(ticked) < self.people.count():
                people = ticked
        return PackRequest(cohort_id=self.ctx.cohort_id,
                           event_id=self.event.currentData() if p.needs_event else None,
                           paper=self.paper.currentData(),
                           each="each" in p.options and self.each.isChecked(),
                           people=people, per=self.per.currentData(),
                           week=self.week.week() if "week" in p.options else None,
                           pseudonymise=("pseudonymise" in p.options
                                         and self.pseudonymise.isChecked()))

    # running -------------------------------------------------------------------------------
    def choose_and_save(self) -> None:
        p = self.current_pack()
        title = (self.event.currentText().rsplit(" (", 1)[0] if p.needs_event
                 else (self.cohort or {}).get("name", ""))
        start = str(Path(str(settings().value(f"{KEY}folder", str(Path.home())))) /
                    p.file_name(title))
        path, _ = QFileDialog.getSaveFileName(self, "Save as", start, f"PDF (*{p.suffix})")
        if path:
            if not path.lower().endswith(p.suffix):
                path += p.suffix
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Make the pack in a worker and write it to `path` (atomically, from the worker)."""
        self.remember()
        settings().setValue(f"{KEY}folder", str(path.parent))
        pack, request, db = self.current_pack(), self.request(), self.ctx.db

        def job(progress, cancelled):
            pack.save(db, request, path, progress, cancelled)
            return path

        self._run(job, f"Making {pack.label.lower()}…", self._saved)

    def preview(self) -> None:
        pack, request, db = self.current_pack(), self.request(), self.ctx.db
        self.remember()
        self._run(lambda progress, cancelled: pack.make(db, request, progress, cancelled),
                  "Laying out the preview…", self._show_preview)

    def _run(self, job, text: str, done) -> None:
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.job = run_in_background(job, while_alive(self, lambda r: self._finished(done, r)),
                                     while_alive(self, self._failed),
                                     on_progress=while_alive(self, self._progress),
                                     cancellable=True)
        self._update_buttons()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if text:
            self.status.setText(text)

    def _finished(self, then, result) -> None:
        self.job = None
        self.progress.setVisible(False)
        self._update_buttons()
        then(result)

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self.status.setText(f"Saved {path.name}")
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _show_preview(self, data: bytes) -> None:  # pragma: no cover - needs QtPdf
        self._preview_bytes = data
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_doc.load(self._buffer)
        self.status.setText(f"Preview: {self.pdf_doc.pageCount()} page(s)")

    def _failed(self, exc: Exception) -> None:
        self.job = None
        self.progress.setVisible(False)
        self._update_buttons()
        if isinstance(exc, ExportCancelled):
            self.status.setText("Cancelled: no file was written.")
            return
        self.status.setText("The export failed.")
        self.ctx.show_error(exc, self)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling…")

    def reject(self) -> None:
        self.cancel()
        self.remember()
        super().reject()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def open_print_dialog(ctx, parent=None, pack: str | None = None,
                      event_id: int | None = None) -> PrintDialog:
    """Open the dialog (window-modal, not blocking the caller) and return it."""
    dlg = PrintDialog(ctx, parent, pack, event_id)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
