"""Print cards…: which cards (selected, favourites, all, an event's, a tool pack file), how many
to a sheet, duplex or folded backs, the back offset and the paper. The deck is built in a worker
with a progress bar and Cancel; a cancelled deck leaves no file. Choices are remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.exports.pdf.cards import deck, geometry, selection
from facilitator.services.plans import events
from facilitator.ui.settings import settings
from facilitator.ui.workers import run_in_background, while_alive

SOURCES = ("selected", "favourites", "all", "event", "pack")
PER_SHEET = ((1, "1 large card a sheet"), (2, "2 cards a sheet"), (4, "4 cards a sheet"))
PAPERS = (("a4", "A4"), ("letter", "US Letter"))
KEY = "print_cards/"


def locale_paper() -> str:
    territory = QLocale().territory()
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
              QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia}
    return "letter" if territory in letter else "a4"


class PrintCardsDialog(QDialog):
    written = Signal(str)  # the path, once the deck is saved
    finished_job = Signal(str)  # "written", "cancelled" or "failed"

    def __init__(self, ctx, selected_keys: list[str], parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.selected_keys = list(selected_keys)
        self.job = None
        self.setWindowTitle("Print cards")
        self.setMinimumWidth(540)

        # which cards
        self.sources = QButtonGroup(self)
        which = self.which_box = QGroupBox("Which cards")
        wl = QVBoxLayout(which)
        n = len(self.selected_keys)
        labels = {
            "selected": ("The selected card" if n == 1 else f"The {n} selected cards") if n
                        else "The selected cards (select some in the list first)",
            "favourites": "My favourites (★)", "all": "Every card in the library",
            "event": "The cards an event uses:", "pack": "The cards in a tool pack file:",
        }
        self.source_buttons: dict[str, QRadioButton] = {}
        for i, name in enumerate(SOURCES):
            button = QRadioButton(labels[name])
            button.setObjectName(f"source_{name}")
            self.sources.addButton(button, i)
            self.source_buttons[name] = button
        self.source_buttons["selected"].setEnabled(bool(n))
        self.event = QComboBox()
        self.event.setObjectName("event")
        for ev in (events.list_events(ctx.db, ctx.cohort_id) if ctx.cohort_id is not None else []):
            self.event.addItem(f"{ev['title']} · {ev['start_date']:%d %b %Y}", ev["id"])
        has_events = self.event.count() > 0
        if not has_events:
            self.event.addItem("(this cohort has no events yet)", None)
        self.source_buttons["event"].setEnabled(has_events)
        self.event.setEnabled(has_events)
        self.pack_path = QLineEdit()
        self.pack_path.setObjectName("packPath")
        self.pack_path.setPlaceholderText("a .json tool pack")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_pack)
        for name in ("selected", "favourites", "all"):
            wl.addWidget(self.source_buttons[name])
        row = QHBoxLayout()
        row.addWidget(self.source_buttons["event"])
        row.addWidget(self.event, 1)
        wl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.source_buttons["pack"])
        row.addWidget(self.pack_path, 1)
        row.addWidget(browse)
        wl.addLayout(row)
        self.event.activated.connect(lambda _i: self.source_buttons["event"].setChecked(True))
        self.pack_path.textEdited.connect(lambda _t: self.source_buttons["pack"].setChecked(True))

        # how
        how = self.how_box = QGroupBox("Layout")
        form = QFormLayout(how)
        self.per_sheet = QComboBox()
        self.per_sheet.setObjectName("perSheet")
        for value, label in PER_SHEET:
            self.per_sheet.addItem(label, value)
        self.folded = QRadioButton("Folded: each back on the same sheet, below its front; fold, then cut")
        self.folded.setObjectName("folded")
        self.duplex = QRadioButton("Duplex: backs on their own pages; print double-sided, flip on the long edge")
        self.duplex.setObjectName("duplex")
        backs = QWidget()
        bl = QVBoxLayout(backs)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.folded)
        bl.addWidget(self.duplex)
        self.offset_x, self.offset_y = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, name in ((self.offset_x, "offsetX"), (self.offset_y, "offsetY")):
            spin.setObjectName(name)
            spin.setRange(-geometry.MAX_OFFSET_MM, geometry.MAX_OFFSET_MM)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
        offsets = QWidget()
        ol = QHBoxLayout(offsets)
        ol.setContentsMargins(0, 0, 0, 0)
        ol.addWidget(QLabel("right"))
        ol.addWidget(self.offset_x)
        ol.addSpacing(12)
        ol.addWidget(QLabel("up"))
        ol.addWidget(self.offset_y)
        ol.addStretch(1)
        self.folded.toggled.connect(self._backs_changed)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for value, label in PAPERS:
            self.paper.addItem(label, value)
        form.addRow("Cards", self.per_sheet)
        form.addRow("Backs", backs)
        form.addRow("Move backs by", offsets)
        form.addRow("Paper", self.paper)
        hint = QLabel("If backs print a little off their fronts, measure how far and set it here. "
                      "Print at actual size (100%), never “fit to page”.")
        hint.setWordWrap(True)
        form.addRow(hint)

        # running
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.open_after = QCheckBox("Open the PDF in the system viewer once it is saved")
        self.open_after.setObjectName("openAfter")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Save PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addWidget(which)
        layout.addWidget(how)
        layout.addWidget(self.open_after)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._restore()

    # choices ---------------------------------------------------------------------------------
    def _restore(self) -> None:
        s = settings()
        source = str(s.value(KEY + "source", "selected" if self.selected_keys else "all"))
        if source == "selected" and not self.selected_keys:
            source = "all"
        if not self.source_buttons.get(source, self.source_buttons["all"]).isEnabled():
            source = "all"
        self.source_buttons[source].setChecked(True)
        self.per_sheet.setCurrentIndex(max(self.per_sheet.findData(int(s.value(KEY + "per_sheet", 4))), 0))
        (self.duplex if s.value(KEY + "backs", "folded") == "duplex" else self.folded).setChecked(True)
        self.offset_x.setValue(float(s.value(KEY + "offset_x", 0.0)))
        self.offset_y.setValue(float(s.value(KEY + "offset_y", 0.0)))
        self.paper.setCurrentIndex(max(self.paper.findData(str(s.value(KEY + "paper", locale_paper()))), 0))
        self.pack_path.setText(str(s.value(KEY + "pack", "")))
        self.open_after.setChecked(str(s.value(KEY + "open_after", "false")).lower() == "true")

    def _remember(self) -> None:
        s = settings()
        for name, value in (("source", self.source()), ("per_sheet", self.per_sheet.currentData()),
                            ("backs", self.layout_chosen().backs), ("offset_x", self.offset_x.value()),
                            ("offset_y", self.offset_y.value()), ("paper", self.paper.currentData()),
                            ("pack", self.pack_path.text()),
                            ("open_after", "true" if self.open_after.isChecked() else "false")):
            s.setValue(KEY + name, value)

    def _backs_changed(self, folded: bool) -> None:
        """Folded backs meet their fronts at the fold: they can move across, not up or down."""
        self.offset_y.setEnabled(not folded)
        self.offset_y.setToolTip("Folded backs are placed by the fold." if folded else "")

    def source(self) -> str:
        return SOURCES[max(self.sources.checkedId(), 0)]

    def layout_chosen(self) -> geometry.Layout:
        return geometry.Layout(paper=self.paper.currentData(), per_sheet=self.per_sheet.currentData(),
                               backs="duplex" if self.duplex.isChecked() else "folded",
                               offset_x=self.offset_x.value(),
                               offset_y=0.0 if self.folded.isChecked() else self.offset_y.value())

    def _browse_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Print the cards in a tool pack", "",
                                              "Tool pack (*.json);;All files (*)")
        if path:
            self.pack_path.setText(path)
            self.source_buttons["pack"].setChecked(True)

    def _reader(self):
        """A function for the worker that returns (cards, title) for the chosen source."""
        db, source = self.ctx.db, self.source()
        if source == "selected":
            keys = list(self.selected_keys)
            return lambda: (selection.cards_by_keys(db, keys), "Method cards")
        if source == "favourites":
            return lambda: (selection.favourite_cards(db), "Method cards: favourites")
        if source == "all":
            return lambda: (selection.all_cards(db), "Method cards: the whole library")
        if source == "event":
            event_id, title = self.event.currentData(), self.event.currentText().split(" · ")[0]
            return lambda: (selection.event_cards(db, event_id), f"Method cards for {title}")
        pack = Path(self.pack_path.text().strip()).expanduser()
        return lambda: (selection.pack_file_cards(pack), f"Method cards: {pack.name}")

    # running -----------------------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        if self.job is not None:
            return
        if self.source() == "pack" and not self.pack_path.text().strip():
            self.status.setText("Choose a tool pack file first (Browse…).")
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save the card deck", "method-cards.pdf",
                                                  "PDF (*.pdf)")
            if not path:
                return
        self._remember()
        read, layout, out = self._reader(), self.layout_chosen(), Path(path)

        def work(progress, cancelled):
            cards, title = read()
            return deck.write_deck(out, cards, layout, title=title, progress=progress,
                                   cancelled=cancelled, log_to=self.ctx.db)

        self._running(True)
        self.status.setText("Reading the cards…")
        self.job = run_in_background(
            work, while_alive(self, lambda summary: self._done(out, summary)),
            while_alive(self, self._failed), on_progress=while_alive(self, self._progress),
            cancellable=True)

    def _running(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.progress.setValue(0)
        self.save_button.setEnabled(not on)
        self.which_box.setEnabled(not on)
        self.how_box.setEnabled(not on)
        self.cancel_button.setText("Cancel" if on else "Close")

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(text)

    def _done(self, out: Path, summary: deck.DeckSummary) -> None:
        self.job = None
        self._running(False)
        text = (f"Saved {summary.cards} card(s) on {summary.sheets} sheet(s) ({summary.pages} "
                f"page(s)) to {out}.")
        self.status.setText(text)
        window = self.ctx.window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)
        self.written.emit(str(out))
        self.finished_job.emit("written")
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    def _failed(self, exc: Exception) -> None:
        self.job = None
        self._running(False)
        if isinstance(exc, deck.Cancelled):
            self.status.setText("Cancelled; nothing was written.")
            self.finished_job.emit("cancelled")
            return
        self.status.setText("Nothing was written.")
        self.ctx.show_error(exc, self)
        self.finished_job.emit("failed")

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None:  # closing the dialog cancels the deck; it leaves no file
            self.job.cancel()
        super().reject()
