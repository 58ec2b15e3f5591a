"""The agenda of one session as a table: computed times, problems, drag and drop."""

from __future__ import annotations

from PySide6.QtCore import (
    QMimeData,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from facilitator.services.plans.agenda import TOOL_MIME
from facilitator.services.plans.timing import clock
from facilitator.ui.widgets.column_model import ColumnsModel

ITEM_MIME = "application/x-facilitator-agenda-item"
PROBLEM_BG = QColor("#fde2e1")
BLOCK_FG = QColor("#35506b")
ZERO_FG = QColor("#6b6b6b")
COLUMNS = ("Start", "End", "Min", "Item", "Kind", "Lead", "Method / materials")
MINUTES_COL = 2
HEADER_TIPS = {
    0: "Start: the clock time the item starts, from the session start and the durations "
       "before it (⚑ = pinned: it keeps its time)",
    1: "End: the clock time the item ends",
    MINUTES_COL: "Minutes the item lasts (a nudge made while running the day shows as +5 or −5). "
                 "Double-click or press F2 to change it here",
}


class AgendaModel(ColumnsModel):
    columns = COLUMNS
    header_tips = HEADER_TIPS
    item_dropped = Signal(int, int)  # item id, row to put it before
    minutes_edited = Signal(int, int)  # item id, the minutes typed in the Min cell
    tool_dropped = Signal(bytes, int)  # payload, row

    def __init__(self, parent=None):
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_items(self, items: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(items)
        self.endResetModel()

    def item(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, item_id: int) -> int:
        return next((k for k, it in enumerate(self.rows) if it["id"] == item_id), -1)

    def _text(self, it: dict, col: int) -> str:
        if col == 0:
            return clock(it["start_at"]) + ("  ⚑" if it["pinned_minutes"] is not None else "")
        if col == 1:
            return clock(it["end_at"])
        if col == 2:
            nudge = it["nudge_minutes"]
            return str(it["duration_minutes"]) + (f" {nudge:+d}" if nudge else "")
        if col == 3:
            if it["in_block"] or it["track"]:
                return f"  ↳ {it['track']}: {it['title']}"
            return it["title"]
        if col == 4:
            return it["kind"]
        if col == 5:
            return it["lead"]
        materials = " ".join(it["materials"].split())
        return " · ".join(x for x in (it["method"], materials) if x)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        it = self.item(index.row()) if index.isValid() else None
        if it is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(it, col)
        if role == Qt.ItemDataRole.EditRole:
            return it["duration_minutes"] if col == MINUTES_COL else self._text(it, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            full = self._text(it, col).strip() if col in (3, 5, 6) else ""
            tips = [full] if full else []  # the full text, which a narrow column may cut
            tips += it["problems"]
            if col == 0 and it["pinned_minutes"] is not None:
                tips.append(f"Pinned at {clock(it['pinned_minutes'])}: it keeps this time.")
            if col == 2 and it["nudge_minutes"]:
                tips.append(f"Planned {it['duration_minutes']} min; nudged "
                            f"{it['nudge_minutes']:+d} min while running the day.")
            if col in (3, 6) and it["instructions"]:
                tips.append(it["instructions"])
            return "\n".join(tips) or None
        if role == Qt.ItemDataRole.BackgroundRole and it["problems"]:
            return QBrush(PROBLEM_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if it["in_block"]:
                return QBrush(BLOCK_FG)
            if it["duration_minutes"] == 0 and col < 3:
                return QBrush(ZERO_FG)
        if role == Qt.ItemDataRole.FontRole and col in (0, 1):
            return self._bold if it["pinned_minutes"] is not None and col == 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # drag and drop -------------------------------------------------------------------------
    def flags(self, index):
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == MINUTES_COL:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """The Min cell edited in place: the service changes the item (one undo step) and the
        view reloads, so nothing is stored here."""
        it = self.item(index.row()) if index.isValid() else None
        if it is None or index.column() != MINUTES_COL or role != Qt.ItemDataRole.EditRole:
            return False
        minutes = int(value)
        if minutes != it["duration_minutes"]:
            self.minutes_edited.emit(it["id"], minutes)
        return True

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [ITEM_MIME, TOOL_MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        if rows:
            data.setData(ITEM_MIME, str(self.rows[rows[0]]["id"]).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent):
        return data.hasFormat(ITEM_MIME) or data.hasFormat(TOOL_MIME)

    def dropMimeData(self, data, action, row, column, parent):
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        if data.hasFormat(ITEM_MIME):
            raw = bytes(data.data(ITEM_MIME).data()).decode(errors="replace")
            if raw.isdigit():
                self.item_dropped.emit(int(raw), row)
                return False  # the service moves it; the view reloads (Qt must not remove rows)
        if data.hasFormat(TOOL_MIME):
            self.tool_dropped.emit(bytes(data.data(TOOL_MIME).data()), row)
            return True
        return False
