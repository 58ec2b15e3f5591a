"""The review of a returned workbook: every change and conflict per sheet, with filters and
counts, the three values side by side (as exported, in the workbook, here now), and for each
conflict keep ours / take theirs / edit. Nothing is applied until Apply is pressed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from facilitator.imports.review import CONFLICT, EDIT, KEPT, NEW, OURS, THEIRS, UPDATE, Review
from facilitator.services.errors import ServiceError

STATUS_TEXT = {UPDATE: "update", NEW: "new", CONFLICT: "conflict", KEPT: "kept (changed here)"}
DECISION_TEXT = {"": "to decide", OURS: "keep ours", THEIRS: "take theirs", EDIT: "edited"}
HEADERS = ["Sheet", "Row", "Record", "Field", "As exported", "In the workbook", "Here now",
           "What happens"]


def _show(value) -> str:
    return "" if value is None else str(value)


class ReviewDialog(QDialog):
    def __init__(self, parent, review: Review):
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(f"Import {review.book.name}")
        self.resize(1180, 640)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.addItems([str(p) for p in review.problems] +
                               [f"note: {n}" for n in review.notes])
        self.problems.setVisible(bool(review.problems or review.notes))
        self.problems.setMaximumHeight(120)
        self.sheet_filter = QComboBox()
        self.sheet_filter.addItem("All sheets", "")
        for sheet in dict.fromkeys(c.sheet for c in review.changes):
            self.sheet_filter.addItem(sheet, sheet)
        self.status_filter = QComboBox()
        for key, label in (("", "Everything"), (CONFLICT, "Conflicts"), (UPDATE, "Updates"),
                           (NEW, "New"), (KEPT, "Kept")):
            self.status_filter.addItem(label, key)
        self.counts = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.status_filter)
        filters.addWidget(QLabel("on"))
        filters.addWidget(self.sheet_filter)
        filters.addStretch(1)
        filters.addWidget(self.counts)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        head = self.table.horizontalHeader()
        for col, width in enumerate((120, 48, 170, 150, 170, 170, 170, 140)):
            self.table.setColumnWidth(col, width)
        head.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.keep_button = QPushButton("Keep ours")
        self.take_button = QPushButton("Take theirs")
        self.edit_button = QPushButton("Edit…")
        self.keep_button.clicked.connect(lambda: self.decide(OURS))
        self.take_button.clicked.connect(lambda: self.decide(THEIRS))
        self.edit_button.clicked.connect(self.edit_selected)
        decide = QHBoxLayout()
        decide.addWidget(QLabel("For the selected conflicts:"))
        for b in (self.keep_button, self.take_button, self.edit_button):
            decide.addWidget(b)
        decide.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("Apply changes",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addWidget(self.buttons)
        self.sheet_filter.currentIndexChanged.connect(self.refill)
        self.status_filter.currentIndexChanged.connect(self.refill)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        if review.conflicts:
            self.status_filter.setCurrentIndex(1)
        self.refill()

    def shown_changes(self):
        sheet, status = self.sheet_filter.currentData(), self.status_filter.currentData()
        return [c for c in self.review.changes
                if (not sheet or c.sheet == sheet) and (not status or c.status == status)]

    def refill(self) -> None:
        self._shown = self.shown_changes()
        self.table.setRowCount(len(self._shown))
        for r, c in enumerate(self._shown):
            if c.status == CONFLICT:
                what = DECISION_TEXT[c.resolution] + (f": {_show(c.edited)}"
                                                      if c.resolution == EDIT else "")
            else:
                what = STATUS_TEXT[c.status]
            for col, text in enumerate((c.sheet, str(c.row), c.label, c.header, _show(c.base),
                                        _show(c.theirs), _show(c.ours), what)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c.status == CONFLICT and not c.resolved:
                    item.setBackground(QColor("#FCE8E6"))
                self.table.setItem(r, col, item)
        self.table.resizeRowsToContents()
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        r = self.review
        parts = [f"{r.count(UPDATE)} update(s)", f"{r.count(NEW)} new",
                 f"{r.count(CONFLICT)} conflict(s), {len(r.unresolved)} to decide",
                 f"{r.count(KEPT)} kept"]
        self.counts.setText(f"{len(self._shown)} shown")
        text = (f"<b>{r.book.name}</b>: {r.book.kind} workbook exported "
                f"{r.export['exported_at']:%d %b %Y %H:%M}. " + " · ".join(parts) + ".")
        if r.problems:
            text += (f"<br><span style='color:#B3261E'>{len(r.problems)} problem(s) in the "
                     "workbook: nothing can be applied until it is corrected and read in "
                     "again.</span>")
        elif not r.changes:
            text += "<br>Nothing to change: the workbook matches this database."
        self.summary.setText(text)

    def _selected_conflicts(self):
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._shown[r] for r in rows if self._shown[r].status == CONFLICT]

    def _update_buttons(self) -> None:
        chosen = self._selected_conflicts()
        for b in (self.keep_button, self.take_button):
            b.setEnabled(bool(chosen))
        self.edit_button.setEnabled(len(chosen) == 1)
        r = self.review
        self.apply_button.setEnabled(not r.problems and not r.unresolved and bool(r.writes))

    def decide(self, resolution: str, changes=None) -> None:
        for c in changes if changes is not None else self._selected_conflicts():
            c.resolution = resolution
        self.refill()

    def edit_selected(self, text: str | None = None) -> None:
        chosen = self._selected_conflicts()
        if len(chosen) != 1:
            return
        c = chosen[0]
        if text is None:
            text, ok = QInputDialog.getText(self, c.header, f"{c.label} · {c.header}",
                                            text=_show(c.theirs))
            if not ok:
                return
        try:
            self.review.edit(c, text)
        except ServiceError as exc:
            from facilitator.ui import messages

            messages.warn(self, "Please check the value", str(exc))
            return
        self.refill()

    def keyPressEvent(self, event) -> None:  # Enter in the table must not apply by accident
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            return
        super().keyPressEvent(event)
