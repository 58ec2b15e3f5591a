"""Everything we hold about this person… : choose where, then the subject access folder
(a PDF, a JSON file, a README) is gathered and written in a worker, with progress and
Cancel; the message at the end names the folder. Nothing in the database changes except
the export log's new entry, so there is nothing to undo."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from facilitator.exports import sar
from facilitator.exports.pdf.document import ExportCancelled
from facilitator.services.changes import Changes
from facilitator.ui import messages
from facilitator.ui.settings import settings
from facilitator.ui.workers import run_in_background, while_alive

TITLE = "Everything we hold about this person"
KEY = "privacy/sar_folder"
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def folder_name(name: str, on: date | None = None) -> str:
    """The folder made inside the place chosen: 'Subject access - Given Family - 2026-12-01'."""
    safe = " ".join(UNSAFE.sub(" ", name).split()).strip(" .") or "participant"
    return f"Subject access - {safe} - {(on or date.today()).isoformat()}"


def ask_location(parent, name: str) -> Path | None:
    """Where to put the folder (None if the chooser was closed). Tests replace this."""
    start = str(settings().value(KEY, str(Path.home())))
    chosen = QFileDialog.getExistingDirectory(
        parent, f"Where to put the subject access folder for {name}", start)
    return Path(chosen) if chosen else None


def export_subject_access(ctx, panel, rec: dict) -> None:
    name = f"{rec.get('given_name', '')} {rec.get('family_name', '')}".strip()
    where = ask_location(panel, name)
    if where is None:
        return
    settings().setValue(KEY, str(where))
    start(ctx, panel, rec["id"], where / folder_name(name))


def start(ctx, panel, participant_id: int, out: Path):
    """Write the folder `out` in a worker; returns the job (its progress dialog is
    `panel.sar_progress`)."""
    progress = QProgressDialog("Gathering the records…", "Cancel", 0, sar.STEPS, panel)
    progress.setWindowTitle(TITLE)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    panel.sar_progress = progress
    db = ctx.db

    def job(report, cancelled):
        return sar.write_sar(db, participant_id, out, report, cancelled)

    def on_progress(done: int, total: int, text: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(text)

    def done(result: sar.SarResult) -> None:
        progress.reset()
        ctx.broadcast(Changes.of("export_log"))
        messages.warn(panel, "Subject access written",
                      f"Everything held about {result.name} ({result.records} records of "
                      f"{result.kinds} kinds) is in the folder:\n{result.folder}\n\n"
                      f"It holds {', '.join(sar.FILES)}. Give it only to them.")

    def failed(exc: Exception) -> None:
        progress.reset()
        if isinstance(exc, ExportCancelled):
            messages.warn(panel, TITLE, "Cancelled: no folder was written.")
            return
        ctx.show_error(exc, panel)

    job_ = run_in_background(job, while_alive(panel, done), while_alive(panel, failed),
                             on_progress=while_alive(panel, on_progress), cancellable=True)
    progress.canceled.connect(job_.cancel)
    return job_
