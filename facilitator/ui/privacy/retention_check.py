"""At start: cohorts past their keep-until date are named, and erasing each is offered (the
same erasure as for a person: the database, its WAL, every backup, the files kept aside)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from facilitator.services.privacy import erasure, retention
from facilitator.ui import messages
from facilitator.ui.workers import run_in_background, while_alive

ERASE_REWRITE = "Erase cohort, rewrite backups"
ERASE_DELETE = "Erase cohort, delete backups"
LATER = "Not now"


def check_retention(ctx, parent) -> None:
    """Look for overdue cohorts in the background; ask about each one found."""
    db = ctx.db
    run_in_background(lambda: retention.overdue(db),
                      while_alive(parent, lambda rows: _ask(ctx, parent, list(rows))),
                      while_alive(parent, lambda exc: ctx.show_error(exc, parent)))


def _ask(ctx, parent, rows: list[dict]) -> None:
    if not rows:
        return
    row, rest = rows[0], rows[1:]
    text = (f"<p>The keep-until date of <b>{escape(row['name'])}</b> was "
            f"{row['keep_until']:%d %b %Y}: its records have been kept as long as planned.</p>"
            "<p>Erasing the cohort removes it and everyone and everything in it from this "
            "database and its backups. <b>This cannot be undone.</b></p>")
    pressed = messages.choose(parent, "Keep-until date passed", text,
                              [ERASE_REWRITE, ERASE_DELETE, LATER],
                              detail="Choose Not now to keep it for the moment; you will be "
                                     "asked again next time Facilitator starts.")
    if pressed not in (0, 1):
        _ask(ctx, parent, rest)
        return
    how = erasure.REWRITE if pressed == 0 else erasure.DELETE
    progress = QProgressDialog(f"Erasing {row['name']}…", "", 0, 1, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    db, cid = ctx.db, row["cohort_id"]

    def on_progress(done: int, total: int, label: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(label)

    def done(result: erasure.ErasureResult) -> None:
        progress.reset()
        ctx.undo_stack.clear()
        if ctx.cohort_id == cid:
            ctx.set_cohort(None)
        ctx.broadcast(result.changes)
        said = (f"{row['name']} has been erased ({sum(result.counts.values())} records; "
                f"backups {'deleted' if how == erasure.DELETE else 'rewritten'}: "
                f"{result.backups_done}).\nReference for your records: {result.reference}")
        if result.problems:
            said += "\n\nSome copies could not be rewritten:\n" + "\n".join(result.problems)
        messages.warn(parent, "Cohort erased", said)
        _ask(ctx, parent, rest)

    def failed(exc: Exception) -> None:
        progress.reset()
        ctx.show_error(exc, parent)

    run_in_background(lambda report, _c: erasure.erase_cohort(db, cid, backups=how, set_aside=how,
                                                              progress=report),
                      while_alive(parent, done), while_alive(parent, failed),
                      on_progress=while_alive(parent, on_progress))
