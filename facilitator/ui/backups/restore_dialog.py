"""File → Restore from backup…: the same list as `facilitator backups` (when, size, cohorts,
participants, why), read in a worker with progress and Cancel; restoring runs in a worker too.

The current file is kept beside the database (never deleted) before the backup is put in its
place. A restore replaces every record at once, so it is not an Edit → Undo step: the undo
history is cleared and every view is told that everything changed."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from facilitator.services.changes import Changes
from facilitator.store import backup
from facilitator.ui import messages
from facilitator.ui.workers import run_in_background, while_alive

COLUMNS = ("Made", "Size", "Cohorts", "Participants", "Why")


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):,.1f} MB"


def _count(n) -> str:
    return "–" if n is None else f"{n:,}"


class RestoreDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.infos: list[backup.BackupInfo] = []
        self.restored_from = None
        self.moved = []
        self._job = None
        self.setWindowTitle("Restore from backup")
        self.resize(760, 460)
        lay = QVBoxLayout(self)
        self.intro = QLabel(
            f"Choose a backup to put in place of <b>{ctx.db.path.name}</b>. The file as it is now "
            "is kept beside it (not deleted), so you can go back to it the same way.")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        lay.addWidget(self.table, 1)
        self.status = QLabel("Reading the backups…")
        lay.addWidget(self.status)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        lay.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._load()

    # reading the list ---------------------------------------------------------------------
    def _load(self) -> None:
        path = self.ctx.db.path

        def work(progress, cancelled):
            paths = backup.list_backups(path)
            out = []
            for n, p in enumerate(paths):
                if cancelled():
                    break
                progress(n, len(paths), p.name)
                out.append(backup.describe(p))
            return out

        self._job = run_in_background(work, while_alive(self, self._loaded),
                                      while_alive(self, self._failed),
                                      on_progress=while_alive(self, self._progress), cancellable=True)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"Reading backup {done + 1} of {total}…")

    def _loaded(self, infos) -> None:
        self._job = None
        self.infos = infos
        self.progress.hide()
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            cells = (time.strftime("%a %d %b %Y  %H:%M", time.localtime(info.when)), _size(info.size),
                     _count(info.cohorts) if info.readable else
                     ("encrypted (another passphrase)" if info.encrypted else "unreadable"),
                     _count(info.participants), info.reason.replace("-", " "))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in range(len(COLUMNS) - 1):  # room to breathe between the columns
            self.table.setColumnWidth(col, self.table.columnWidth(col) + 24)
        if infos:
            self.status.setText(f"{len(infos)} backup(s) in {self.ctx.db.path.name}.backups, newest first.")
            self.table.selectRow(0)
        else:
            self.status.setText("There are no backups of this database yet.")

    def _failed(self, exc: Exception) -> None:
        self._job = None
        self.progress.hide()
        self.restore_button.setEnabled(bool(self.infos) and self.table.currentRow() >= 0)
        self.status.setText("Something went wrong; nothing was changed.")
        self.ctx.show_error(exc, self)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self._job is None and self.table.currentRow() >= 0)

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            if self.restored_from is not None:  # a restore is under way: let it finish
                return
        super().reject()

    # restoring ----------------------------------------------------------------------------
    def selected(self) -> backup.BackupInfo | None:
        row = self.table.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or self._job is not None:
            return
        when = time.strftime("%d %b %Y %H:%M", time.localtime(info.when))
        if not messages.confirm(
            self, "Restore this backup?",
            f"Put the backup from {when} ({_count(info.participants)} participants) in place of "
            f"{self.ctx.db.path.name}?\n\nThe file as it is now is kept beside it, not deleted. "
            "This cannot be undone with Edit → Undo.", yes="Restore"):
            return
        self.restored_from = info
        self.restore_button.setEnabled(False)
        self.table.setEnabled(False)
        self.status.setText("Checking and restoring the backup…")
        self.progress.setRange(0, 0)
        self.progress.show()
        db = self.ctx.db
        self._job = run_in_background(lambda: db.restore(info.path), self._restored, self._restore_failed)

    def _restored(self, moved) -> None:
        self._job = None
        self.moved = moved
        ctx = self.ctx
        ctx.undo_stack.clear()
        ctx.broadcast(Changes.of(*ctx.db.table_names()))
        self.accept()

    def _restore_failed(self, exc: Exception) -> None:
        self._job = None
        self.restored_from = None
        self.progress.hide()
        self.table.setEnabled(True)
        self._selection_changed()
        self.status.setText("The backup was not restored; nothing was changed.")
        self.ctx.show_error(exc, self)


def restore_from_backup(window) -> RestoreDialog:
    """What File → Restore from backup… does: the dialog, then the window shows the result."""
    dialog = RestoreDialog(window.ctx, window)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.restored_from is not None:
            window.selector.reload()
            kept = f" The file it replaced is kept as {dialog.moved[0].name}." if dialog.moved else ""
            window.statusBar().showMessage(
                f"Restored the backup {dialog.restored_from.path.name}.{kept}", 15000)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
