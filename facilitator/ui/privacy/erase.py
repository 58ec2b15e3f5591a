"""Erase this person… : what would go, a confirmation that says it cannot be undone, then the
erasure in a worker with progress (no Cancel: stopping half-way would leave some backups
still holding the person; the job is short and says how far it has got)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from facilitator.services.privacy import erasure
from facilitator.ui import messages
from facilitator.ui.workers import run_in_background, while_alive

REWRITE_LABEL = "Erase, rewrite backups"
DELETE_LABEL = "Erase, delete backups"


def erase_person(ctx, panel, rec: dict) -> None:
    """Start with the plan (a dry run, in the background), then ask."""
    db, pid = ctx.db, rec["id"]
    run_in_background(lambda: erasure.plan_erasure(db, pid),
                      while_alive(panel, lambda plan: _confirm(ctx, panel, plan)),
                      while_alive(panel, lambda exc: ctx.show_error(exc, panel)))


def _confirm(ctx, panel, plan: erasure.ErasurePlan) -> None:
    items = "".join(f"<li>{escape(line)}</li>" for line in plan.describe())
    text = (f"<p>Erase <b>{escape(plan.name)}</b> and everything about them?</p>"
            f"<p><b>This cannot be undone</b> (it is not the same as Delete).</p><ul>{items}</ul>")
    detail = ("Backups, and any files kept aside beside the database (.damaged-, .replaced-), "
              "are either rewritten without them (each checked), or deleted.")
    pressed = messages.choose(panel, "Erase this person", text,
                              [REWRITE_LABEL, DELETE_LABEL, "Cancel"], detail=detail,
                              critical=True)
    if pressed not in (0, 1):
        return
    how = erasure.REWRITE if pressed == 0 else erasure.DELETE
    _run(ctx, panel, plan, how)


def _run(ctx, panel, plan: erasure.ErasurePlan, how: str) -> None:
    progress = QProgressDialog("Erasing…", "", 0, 1 + len(plan.backups) + len(plan.set_aside),
                               panel)
    progress.setCancelButton(None)
    progress.setWindowTitle("Erase this person")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    panel.erase_progress = progress
    db, pid = ctx.db, plan.participant_id

    def job(report, _cancelled):
        return erasure.erase_participant(db, pid, backups=how, set_aside=how, progress=report)

    def on_progress(done: int, total: int, text: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(text)

    def done(result: erasure.ErasureResult) -> None:
        progress.reset()
        ctx.undo_stack.clear()  # an undo must not bring back what was erased
        ctx.broadcast(result.changes)
        went = "deleted" if how == erasure.DELETE else "rewritten without them"
        text = (f"{plan.name} has been erased ({sum(result.counts.values())} records). "
                f"Backups {went}: {result.backups_done}; files kept aside: "
                f"{result.set_aside_done}.\nReference for your records: {result.reference}")
        if result.problems:
            text += "\n\nSome copies could not be rewritten:\n" + "\n".join(result.problems)
        messages.warn(panel, "Erased", text)

    def failed(exc: Exception) -> None:
        progress.reset()
        ctx.show_error(exc, panel)

    run_in_background(job, while_alive(panel, done), while_alive(panel, failed),
                      on_progress=while_alive(panel, on_progress))
