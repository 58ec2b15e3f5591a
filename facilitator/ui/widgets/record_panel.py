"""A list of one kind of record: type-to-filter, sortable table, add / edit / delete with undo.

The rows are loaded in the background; the table shows them when the query is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.fields import FieldSpec, clean
from facilitator.ui import messages, undo
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.widgets.record_table import Column, RecordFilterProxy, RecordTableModel
from facilitator.ui.workers import run_in_background, while_alive


@dataclass
class RecordPanelSpec:
    """Everything a panel needs to list, add, edit and delete one kind of record."""

    noun: str
    kinds: tuple[str, ...]  # Changes kinds that mean "reload"
    columns: list[Column]
    fields: tuple[FieldSpec, ...]
    list_fn: Callable  # (db, cohort_id) -> list[dict]
    get_fn: Callable | None  # (db, id) -> dict; None: the listed record is complete
    create_fn: Callable  # (db, cohort_id, values) -> Result
    update_fn: Callable  # (db, id, values) -> Changes
    delete_fn: Callable  # (db, id) -> (snapshot, Changes)
    restore_fn: Callable  # (db, snapshot, cohort_id) -> Changes
    choices_fn: Callable | None = None  # (db, cohort_id) -> {ref kind: [(label, id)]}
    warnings_fn: Callable | None = None  # (db, cohort_id, values, own_id) -> [str]
    describe: Callable[[dict], str] = field(default=lambda rec: rec.get("name", ""))
    extra_actions: list[tuple[str, Callable[[Any, dict], None]]] = field(default_factory=list)


class RecordPanel(QWidget):
    loaded = Signal(int)  # number of rows, after each load

    def __init__(self, ctx, spec: RecordPanelSpec, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self._loading = False
        self._reload_again = False
        self._select_after_load: int | None = None
        self.model = RecordTableModel(spec.columns, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(f"Filter {spec.noun}s…  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("filter")
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.add_button = QPushButton(f"Add {spec.noun}…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)
        bar.addSpacing(12)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        self.extra_buttons = []
        for label, action in spec.extra_actions:
            b = QPushButton(label)
            b.clicked.connect(lambda _=False, a=action: self._run_extra(a))
            bar.addWidget(b)
            self.extra_buttons.append(b)
        bar.addWidget(self.delete_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, col in enumerate(spec.columns):
            if col.width:
                self.table.setColumnWidth(i, col.width)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.setObjectName("table")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        find = QAction("Filter", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_filter)
        self.addAction(find)
        self.table.installEventFilter(self)
        self.filter.returnPressed.connect(self._filter_return)

        ctx.changed.connect(self._on_changed)
        ctx.cohort_changed.connect(lambda _c: self.reload())
        self._update_buttons()
        self.reload()

    # loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self._loading:
            self._reload_again = True
            return
        cohort_id = self.ctx.cohort_id
        if cohort_id is None:
            self.model.set_records([])
            self._update_count()
            self.loaded.emit(0)
            return
        self._loading = True
        db, list_fn = self.ctx.db, self.spec.list_fn
        run_in_background(lambda: list_fn(db, cohort_id), while_alive(self, self._loaded),
                          while_alive(self, self._load_failed))

    def _loaded(self, records: list[dict]) -> None:
        self._loading = False
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return
        current = self.current_record()
        keep = self._select_after_load or (current or {}).get("id")
        self.model.set_records(records)
        self._select_after_load = None
        if keep is not None:
            self.select_id(keep)
        self._update_count()
        self._update_buttons()
        self.loaded.emit(len(records))

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.ctx.reload_failed(exc, self)

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches(*self.spec.kinds):
            self.reload()

    # selection ---------------------------------------------------------------------------
    def current_record(self) -> dict | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or not self.table.selectionModel().isSelected(idx):
            rows = self.table.selectionModel().selectedRows()
            if not rows:
                return None
            idx = rows[0]
        src = self.proxy.mapToSource(idx)
        return self.model.record(src.row()) if src.isValid() else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            self.table.selectRow(idx.row())
            self.table.scrollTo(idx)

    def _update_buttons(self) -> None:
        has = self.current_record() is not None
        enabled = self.ctx.cohort_id is not None
        self.add_button.setEnabled(enabled)
        for b in (self.edit_button, self.delete_button, *self.extra_buttons):
            b.setEnabled(has)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total:,}" if shown == total else f"{shown:,} of {total:,}")

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def eventFilter(self, obj, event) -> bool:
        """Enter edits and Delete deletes the selected row of the table."""
        if obj is self.table and event.type() == QEvent.Type.KeyPress and not event.modifiers():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
        return super().eventFilter(obj, event)

    def _filter_return(self) -> None:
        """Enter in the filter box jumps to the first match."""
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    # editing -----------------------------------------------------------------------------
    def _choices(self) -> dict:
        fn = self.spec.choices_fn
        return fn(self.ctx.db, self.ctx.cohort_id) if fn else {}

    def _confirm_warnings(self, values: dict, own_id: int | None) -> bool:
        if not self.spec.warnings_fn:
            return True
        warnings = self.spec.warnings_fn(self.ctx.db, self.ctx.cohort_id, values, own_id)
        if not warnings:
            return True
        return messages.confirm(self, "Possible duplicate", "\n".join(warnings) + "\n\nSave anyway?", yes="Save anyway")

    def add(self) -> None:
        if self.ctx.cohort_id is None:
            return
        spec, db, cohort_id = self.spec, self.ctx.db, self.ctx.cohort_id

        def submit(values):
            if not self._confirm_warnings(values, None):
                return False
            new_id = undo.add(
                self.ctx, spec.noun,
                lambda: spec.create_fn(db, cohort_id, values),
                lambda rid: spec.delete_fn(db, rid),
                lambda snap: spec.restore_fn(db, snap, cohort_id),
                inline_errors=True,
            )
            if new_id is None:
                return False
            self._select_after_load = new_id
            return new_id

        FormDialog(self, f"Add {spec.noun}", spec.fields, {}, choices=self._choices(), submit=submit).exec()

    def edit_current(self) -> None:
        rec = self.current_record()
        if rec is None:
            return
        spec, db = self.spec, self.ctx.db
        full = self.ctx.call(spec.get_fn, db, rec["id"], parent=self) if spec.get_fn else rec
        if full is None:
            return

        def submit(values):
            if not self._confirm_warnings(values, rec["id"]):
                return False
            before = {f.name: full.get(f.name) for f in spec.fields}
            return undo.edit(
                self.ctx, spec.noun, lambda rid, vals: spec.update_fn(db, rid, vals),
                rec["id"], before, clean(spec.fields, values), inline_errors=True,
            ) or False

        title = f"Edit {spec.noun}: {spec.describe(full)}"
        FormDialog(self, title, spec.fields, full, choices=self._choices(), submit=submit).exec()

    def delete_current(self) -> None:
        rec = self.current_record()
        if rec is None:
            return
        spec, db, cohort_id = self.spec, self.ctx.db, self.ctx.cohort_id
        name = spec.describe(rec)
        if not messages.confirm(self, f"Delete {spec.noun}",
                       f"Delete the {spec.noun} {name!r}?\nYou can undo this with Ctrl+Z."):
            return
        undo.remove(
            self.ctx, spec.noun, lambda rid: spec.delete_fn(db, rid),
            lambda snap: spec.restore_fn(db, snap, cohort_id), rec["id"],
        )

    def _run_extra(self, action) -> None:
        rec = self.current_record()
        if rec is not None:
            action(self, rec)
