"""A compact, searchable list of method cards: a drag source for agendas and a picker.

The search runs in the background, a short moment after the last keystroke."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from facilitator.services.library import search
from facilitator.ui.library.results_model import RecordRole, ToolListModel
from facilitator.ui.workers import run_in_background, while_alive

DEBOUNCE_MS = 150


class CardBrowser(QWidget):
    activated = Signal(dict)  # a card chosen by double-click or Enter
    results_shown = Signal(int)

    def __init__(self, ctx, parent=None, *, hint: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self._busy = self._again = False
        self.search_box = QLineEdit()
        self.search_box.setObjectName("cardSearch")
        self.search_box.setPlaceholderText("Search method cards…")
        self.search_box.setClearButtonEnabled(True)
        self.model = ToolListModel(self)
        self.list = QListView()
        self.list.setObjectName("cards")
        self.list.setModel(self.model)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(lambda _i: self._activate())
        self.list.activated.connect(lambda _i: self._activate())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.search_box.returnPressed.connect(self._first)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def current(self) -> dict | None:
        return self.list.currentIndex().data(RecordRole)

    def refresh(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        db, query = self.ctx.db, search.Query(text=self.search_box.text())
        run_in_background(lambda: search.search_tools(db, query), while_alive(self, self._shown),
                          while_alive(self, self._failed))

    def _shown(self, rows: list[dict]) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0))
        self.results_shown.emit(len(rows))

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.ctx.reload_failed(exc, self)

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches("tools", "agenda_items"):
            self.refresh()

    def _first(self) -> None:
        if self.model.rowCount():
            self.list.setFocus()
            self.list.setCurrentIndex(self.model.index(0))

    def _activate(self) -> None:
        rec = self.current()
        if rec is not None:
            self.activated.emit(rec)
