"""A read-only table of text rows for the dialogs that list records (the export log, a
person's consent history): columns fit their contents, the last one takes the rest and
wraps, and the rows' heights follow the columns' widths whenever those change, so a long
last cell never stretches its row to the height it would need in a narrow column."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


class TextTable(QTableWidget):
    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent=None):
        super().__init__(len(rows), len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.setItem(r, c, QTableWidgetItem(text))
        header = self.horizontalHeader()
        for c in range(len(headers) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._refit.start())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refit.start()
