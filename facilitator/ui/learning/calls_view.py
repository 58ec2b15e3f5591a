"""The Calls tab: the cohort's learning calls by date with how many were there, their notes
(the prompts used and what came up) and the insights captured from each. Notes and insights
are added here, each as one undoable step."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.learning import calls
from facilitator.ui import undo
from facilitator.ui.learning.insight_form import add_insight
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.widgets.record_table import Column, RecordTableModel
from facilitator.ui.workers import run_in_background, while_alive

KINDS = ("events", "call_notes", "attendance", "insights")
COLUMNS = [
    Column("Date", "date", kind="date", width=110),
    Column("Call", "title", width=220),
    Column("Present", "present", kind="number", width=70),
    Column("Insights", "insights", kind="number", width=70),
    Column("Notes", "notes", value=lambda r: "✓" if (r["prompts"] or r["came_up"]) else "—"),
]


class CallsView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self._generation = 0
        self.model = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("calls")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(COLUMNS):
            if col.width:
                self.table.setColumnWidth(i, col.width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_notes())
        self.table.doubleClicked.connect(lambda _i: self.edit_notes())
        self.notes = QTextBrowser()
        self.notes.setObjectName("notes")
        self.edit_button = QPushButton("&Edit notes…")
        self.capture_button = QPushButton("&Capture an insight…")
        self.edit_button.clicked.connect(self.edit_notes)
        self.capture_button.clicked.connect(self.capture)
        hint = QLabel("Learning calls are events of kind \"learning call\" in Plans; attendance is "
                      "marked there. The notes here are for what the call was for: insights.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.capture_button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.notes)
        split.setSizes([560, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        ctx.cohort_changed.connect(lambda _c: self.reload())
        ctx.changed.connect(lambda ch: ("*" in ch.kinds or ch.touches(*KINDS)) and self.reload())
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        gen, cid, db = self._generation, self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self._loaded(gen, [])
            return
        self.loading = True
        run_in_background(lambda: calls.list_calls(db, cid),
                          while_alive(self, lambda rows: self._loaded(gen, rows)),
                          while_alive(self, self._failed))

    def _failed(self, exc) -> None:
        self.loading = False
        self.ctx.show_error(exc, self)

    def _loaded(self, gen: int, rows: list[dict]) -> None:
        if gen != self._generation:
            return
        self.loading = False
        keep = (self.current() or {}).get("id")
        self.model.set_records(rows)
        row = self.model.row_of(keep) if keep is not None else (0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_notes()

    def current(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.capture_button.setEnabled(has)

    def _show_notes(self) -> None:
        self._update_buttons()
        rec = self.current()
        if rec is None:
            self.notes.setHtml("<p style='color:#555'>No learning calls in this cohort yet. Add "
                               "events of kind “learning call” in Plans.</p>")
            return
        parts = [f"<h3>{escape(rec['title'])}</h3><p style='color:#555'>{rec['date']:%A %d %B %Y}"
                 f" · {rec['present']} present · {rec['insights']} insights captured</p>"]
        for label, key in (("Prompts used", "prompts"), ("What came up", "came_up")):
            text = rec[key] or "—"
            parts.append(f"<h4>{label}</h4><p>{escape(text).replace(chr(10), '<br>')}</p>")
        self.notes.setHtml("".join(parts))

    def edit_notes(self) -> None:
        rec = self.current()
        if rec is None:
            return
        db, event_id = self.ctx.db, rec["id"]
        before = {"prompts": rec["prompts"], "came_up": rec["came_up"]}

        def submit(values):
            return undo.perform(self.ctx, f"Edit call notes: {rec['title']}",
                                lambda: calls.save_notes(db, event_id, values)[1],
                                lambda: calls.save_notes(db, event_id, before)[1],
                                inline_errors=True) or False

        FormDialog(self, f"Notes: {rec['title']}", calls.FIELDS, before, submit=submit).exec()

    def capture(self) -> None:
        rec = self.current()
        if rec is not None:
            add_insight(self, self.ctx, {"source_kind": "learning call", "event_id": rec["id"],
                                         "noted_on": rec["date"]},
                        title=f"Capture an insight from {rec['title']}")
