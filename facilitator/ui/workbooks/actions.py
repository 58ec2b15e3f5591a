"""The workbook actions the main window (File menu) and the Cohort area offer. openpyxl and the dialogs
are imported when first used, so they cost nothing at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from facilitator.ui import undo
from facilitator.ui.workers import run_in_background, while_alive

if TYPE_CHECKING:
    from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog


def export_workbook(ctx, parent: QWidget | None = None, kind: str = "cohort",
                    organisation_id: int | None = None) -> ExportWorkbookDialog | None:
    if ctx.cohort_id is None:
        ctx.show_error(ValueError("Choose or create a cohort first."), parent)
        return None
    from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog

    dlg = ExportWorkbookDialog(ctx, parent, kind, organisation_id)
    dlg.open()
    return dlg


def organisation_workbook(panel, record: dict) -> None:
    """The Organisations tab's "Workbook for this organisation…"."""
    export_workbook(panel.ctx, panel, "organisation", record["id"])


def org_questions(ctx, parent: QWidget | None = None, organisation_id: int | None = None):
    """Questions to organisations…: edit the cohort's questions; with `organisation_id`, open
    on that organisation's answers."""
    if ctx.cohort_id is None:
        ctx.show_error(ValueError("Choose or create a cohort first."), parent)
        return None
    from facilitator.ui.workbooks.org_questions_dialog import OrgQuestionsDialog

    dlg = OrgQuestionsDialog(ctx, parent)
    if organisation_id is not None:
        dlg.show_answers_of(organisation_id)
    dlg.open()
    return dlg


def organisation_questions(panel, record: dict) -> None:
    """The questions to organisations, open on this one's answers."""
    org_questions(panel.ctx, panel, record["id"])


EXPORT_ONE = "Export a workbook for this organisation…"
QUESTIONS = "Questions to organisations, and this one's answers…"


def organisation_menu(panel, record: dict) -> None:
    """The Organisations tab's "Workbook…": a small menu under the button (one button, so the
    Cohort area's bar does not grow wider); kept as `panel.workbook_menu` for tests."""
    menu = QMenu(panel)
    menu.addAction(EXPORT_ONE, lambda: organisation_workbook(panel, record))
    menu.addAction(QUESTIONS, lambda: organisation_questions(panel, record))
    panel.workbook_menu = menu
    button = next((b for b in panel.findChildren(QPushButton) if b.text() == "Workbook…"), None)
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()) if button else QCursor.pos())


def import_workbook(ctx, parent: QWidget | None = None, path: str | None = None, *,
                    on_review=None) -> None:
    """Read and compare in the background, then show the review; apply only on Apply."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import a returned workbook", "",
                                              "Excel workbook (*.xlsx);;All files (*)")
        if not path:
            return
    from facilitator.imports.review import review_workbook
    from facilitator.ui.workbooks.review_dialog import ReviewDialog

    db = ctx.db
    if parent is not None and hasattr(parent, "statusBar"):
        parent.statusBar().showMessage(f"Reading {Path(path).name}…")
    owner = parent or ctx.window

    def shown(review) -> None:
        dlg = ReviewDialog(owner, review)
        dlg.accepted.connect(lambda: apply_reviewed(ctx, review))
        if on_review is not None:
            on_review(dlg)
        dlg.open()

    run_in_background(lambda: review_workbook(db, Path(path)), while_alive(owner, shown),
                      while_alive(owner, lambda exc: ctx.show_error(exc, owner)))


def apply_reviewed(ctx, review) -> bool:
    """Apply as one undo step; undo puts back every value it replaced."""
    from facilitator.imports.review import apply_review
    from facilitator.services.returns.apply import apply_writes

    db, state = ctx.db, {}
    wid = review.book.workbook_id

    def do():
        state["applied"] = apply_review(db, review)
        return state["applied"].changes

    def undo_it():
        return apply_writes(db, wid, state["applied"].undo, count_return=False).changes

    def redo():
        return apply_writes(db, wid, review.writes, count_return=False).changes

    return undo.perform(ctx, f"Apply {review.book.name}", do, undo_it, redo)
