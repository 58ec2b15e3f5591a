"""Help → Export log…: every file that has left the app, newest first (loaded in the
background; the log holds names and dates, never the files' contents)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
)

from facilitator.services.privacy.export_log import list_exports
from facilitator.ui.widgets.text_table import TextTable
from facilitator.ui.workers import run_in_background, while_alive

HEADERS = ("When", "Kind", "File", "Cohort", "Organisation", "People")


class ExportLogDialog(QDialog):
    def __init__(self, parent, rows: list[dict]):
        super().__init__(parent)
        self.setWindowTitle("Export log")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        note = QLabel(f"{len(rows)} file(s) have left Facilitator from this database, newest "
                      "first. The log keeps each file's name, never its contents." if rows else
                      "No files have been exported from this database yet.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = TextTable(HEADERS, [
            (row["exported_at"].strftime("%d %b %Y %H:%M"), row["kind_label"], row["file_name"],
             row["cohort"], row["organisation"], ", ".join(row["people"])) for row in rows])
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_export_log(ctx, parent) -> None:
    if ctx is None:
        return
    db = ctx.db
    run_in_background(lambda: list_exports(db),
                      while_alive(parent, lambda rows: ExportLogDialog(parent, rows).exec()),
                      while_alive(parent, lambda exc: ctx.show_error(exc, parent)))
