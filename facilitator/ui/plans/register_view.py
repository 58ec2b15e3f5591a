"""The attendance register of an event (or one of its sessions): P / L / E / A keys mark the
chosen person and move to the next; N writes a note; Delete clears the mark."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.plans import attendance
from facilitator.ui import undo
from facilitator.ui.widgets.column_model import ColumnsModel
from facilitator.ui.workers import run_in_background, while_alive

KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_L: "late", Qt.Key.Key_E: "excused",
        Qt.Key.Key_A: "absent"}
LABELS = {"present": "Present", "late": "Late", "excused": "Excused", "absent": "Absent", "": ""}
COLOURS = {"present": "#e3f4e4", "late": "#fff4d6", "excused": "#e6eefb", "absent": "#fde2e1"}
COLUMNS = ("Participant", "Organisation", "Mark", "Note", "Across the cohort's events")
HEADER_TIPS = {
    "Mark": "Type P present, L late, E excused or A absent (then the next person); "
            "Delete clears the mark, N adds a note",
    "Across the cohort's events": "How often this person was present, late, excused or absent "
                                  "over all the cohort's events",
}


def _across(totals: dict | None) -> str:
    if not totals:
        return ""
    return " · ".join(f"{LABELS[k]} {v}" for k, v in totals.items() if v)


class RegisterModel(ColumnsModel):
    columns = COLUMNS
    header_tips = {COLUMNS.index(name): tip for name, tip in HEADER_TIPS.items()}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.totals: dict[int, dict] = {}

    def set_rows(self, rows: list[dict], totals: dict[int, dict]) -> None:
        self.beginResetModel()
        self.rows, self.totals = list(rows), totals
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r["name"] + ("" if r["participant_status"] == "active"
                                    else f" ({r['participant_status']})")
            if col == 1:
                return r["organisation"]
            if col == 2:
                return LABELS.get(r["status"], r["status"]) or "—"
            if col == 3:
                return r["note"]
            return _across(self.totals.get(r["id"]))
        if role == Qt.ItemDataRole.BackgroundRole and col == 2 and r["status"]:
            return QBrush(QColor(COLOURS[r["status"]]))
        return None


class RegisterView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: int | None = None
        self.plan: dict | None = None
        self._loading = False
        self._again = False
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setObjectName("register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((190, 240, 80, 260)):
            self.table.setColumnWidth(col, width)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.edit_note())
        help_text = QLabel("Keys: <b>P</b> present · <b>L</b> late · <b>E</b> excused · "
                           "<b>A</b> absent (then the next person) · <b>N</b> note · "
                           "<b>Delete</b> clears")
        help_text.setStyleSheet("color: #444;")
        help_text.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Register for"))
        top.addWidget(self.scope, 1)
        top.addSpacing(16)
        top.addWidget(self.totals)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(help_text)
        ctx.changed.connect(self._on_changed)

    def set_plan(self, plan: dict | None) -> None:
        """The event (with its sessions) whose register is shown."""
        self.plan = plan
        new_event = (plan or {}).get("id")
        keep = self.scope.currentData() if new_event == self.event_id else None
        self.event_id = new_event
        self.scope.blockSignals(True)
        self.scope.clear()
        if plan:
            self.scope.addItem("The whole event", None)
            for day in plan["days_plan"]:
                for ps in day["sessions"]:
                    self.scope.addItem(f"{day['label']} · {ps['title']}", ps["id"])
            i = self.scope.findData(keep)
            self.scope.setCurrentIndex(max(i, 0))
        self.scope.blockSignals(False)
        self.reload()

    @property
    def session_id(self) -> int | None:
        return self.scope.currentData()

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        if self.event_id is None:
            self.model.set_rows([], {})
            self.totals.clear()
            return
        self._loading = True
        db, event_id, session_id, cohort_id = (self.ctx.db, self.event_id, self.session_id,
                                               self.ctx.cohort_id)

        def load():
            return (attendance.register(db, event_id, session_id),
                    attendance.participant_totals(db, cohort_id))

        run_in_background(load, while_alive(self, self._loaded), while_alive(self, self._failed))

    def _loaded(self, result) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.reload()
            return
        rows, totals = result
        row = self.table.currentIndex().row()
        self.model.set_rows(rows, totals)
        counts = {k: 0 for k in ("present", "late", "excused", "absent", "")}
        for r in rows:
            counts[r["status"]] += 1
        self.totals.setText(" · ".join(f"{LABELS[k] or 'Not marked'} {counts[k]}" for k in counts))
        if rows:
            self.table.selectRow(min(max(row, 0), len(rows) - 1))

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        if self._again:  # a newer request is waiting: this failure is about an older one
            self._again = False
            self.reload()
            return
        if self.ctx.reload_failed(exc, self):
            self.model.set_rows([], {})
            self.totals.clear()

    def _on_changed(self, changes) -> None:
        if self.event_id is not None and ("*" in changes.kinds or changes.touches(
                "attendance", "participants")):
            self.reload()

    # marking -------------------------------------------------------------------------------
    def current_row(self) -> dict | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            if key in KEYS:
                self.mark(KEYS[key], advance=True)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.mark("")
                return True
            if key == Qt.Key.Key_N:
                self.edit_note()
                return True
        return super().eventFilter(obj, event)

    def mark(self, status: str, *, advance: bool = False) -> None:
        r = self.current_row()
        if r is None or self.event_id is None:
            return
        note = r["note"] if status else ""
        self._set(r, status, note, f"Mark {r['name']} {LABELS[status].lower() or 'not marked'}")
        row = self.table.currentIndex().row()
        if advance and row + 1 < self.model.rowCount():
            self.table.selectRow(row + 1)

    def edit_note(self) -> None:
        r = self.current_row()
        if r is None:
            return
        text, ok = QInputDialog.getText(self, "Attendance note", f"Note for {r['name']}:",
                                        text=r["note"])
        if ok and text.strip() != r["note"]:
            self._set(r, r["status"] or "present", text, f"Note for {r['name']}")

    def _set(self, r: dict, status: str, note: str, text: str) -> None:
        db, event_id, session_id, pid = self.ctx.db, self.event_id, self.session_id, r["id"]
        before = (r["status"], r["note"])
        if before == (status, note):
            return
        if not undo.perform(
            self.ctx, text,
            lambda: attendance.set_mark(db, event_id, pid, status, note, session_id)[1],
            lambda: attendance.set_mark(db, event_id, pid, *before, session_id)[1],
        ):
            return  # refused (the message said why): the row keeps what is saved
        r["status"], r["note"] = status, note  # shown at once; the reload confirms it
        top = self.model.index(self.model.rows.index(r), 0)
        self.model.dataChanged.emit(top, top.siblingAtColumn(len(COLUMNS) - 1))
