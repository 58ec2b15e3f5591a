"""The search results: a list model that is also a drag source for agenda items.

Dragging a card carries MIME_TYPE with JSON {"key", "name", "duration", "materials"}."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, Qt

from facilitator.services.library.tools import drag_payload

MIME_TYPE = "application/x-facilitator-tool"
RecordRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2


def span(rng: dict, unit: str) -> str:
    lo, hi = rng["min"], rng["max"]
    return f"{lo} {unit}" if lo == hi else f"{lo}–{hi} {unit}"


class ToolListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, tool_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == tool_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            star = "★ " if rec["favourite"] else ""
            meta = f"{span(rec['duration'], 'min')} · {span(rec['group_size'], 'people')}"
            if rec.get("times_used"):
                meta += f" · used {rec['times_used']}×"
            return f"{star}{rec['name']}\n{meta} · {', '.join(rec['themes'][:2])}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return rec["summary"]
        if role == RecordRole:
            return rec
        if role == KeyRole:
            return rec["key"]
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            rec = self._rows[rows[0]]
            mime.setData(MIME_TYPE, json.dumps(drag_payload(rec)).encode("utf-8"))
            mime.setText(rec["name"])
        return mime
