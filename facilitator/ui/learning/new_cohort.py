""""Start a new cohort from this one": a name and a start date; the new cohort is made in one
service call (plans moved to the new dates, principles, the looking-back notes as a
checklist, no personal data) and undone by deleting it again."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from facilitator.services.cohort import cohorts
from facilitator.services.fields import FieldSpec
from facilitator.services.learning import looking_back
from facilitator.ui import undo
from facilitator.ui.widgets.form import FormDialog

FIELDS = (
    FieldSpec("name", "Name of the new cohort", required=True, max_length=120),
    FieldSpec("start_date", "It starts on", kind="date", required=True,
              help="Every event moves by as many days as the cohort's start does."),
)


def make_dialog(parent, old_name: str, values: dict, submit=None) -> FormDialog:
    """The form, with what will and will not be copied said above it."""
    dlg = FormDialog(parent, f"Start a new cohort from {old_name}", FIELDS, values, submit=submit)
    intro = QLabel("The new cohort gets this cohort's events with their sessions and agendas, "
                   "moved to the new dates, its description and design principles, and its "
                   "“what we will do differently” notes as a checklist.<br><b>No personal data "
                   "is copied:</b> no participants, organisations, attendance, worksheets, pulse "
                   "answers, diaries or insights.")
    intro.setWordWrap(True)
    dlg.layout().insertWidget(0, intro)
    dlg.resize(560, 260)
    return dlg


def start_new_cohort(parent, ctx) -> int | None:
    cid, db = ctx.cohort_id, ctx.db
    if cid is None:
        return None
    old = ctx.call(cohorts.get_cohort, db, cid, parent=parent)
    if old is None:
        return None
    state: dict = {}

    def submit(values):
        def do():
            result = looking_back.start_new_cohort(db, cid, values)
            state["id"] = result.id
            return result.changes

        def undo_():
            state["snap"], changes = cohorts.delete_cohort(db, state["id"])
            return changes

        return undo.perform(ctx, f"Start a new cohort: {values.get('name', '')}", do, undo_,
                            lambda: cohorts.restore_cohort(db, state["snap"]),
                            inline_errors=True) or False

    year = (old.get("start_date") or date.today()).year + 1
    start = old.get("start_date")
    suggested = start.replace(year=start.year + 1) if start and not (start.month == 2 and start.day == 29) else None
    dlg = make_dialog(parent, old["name"], {"name": old["name"].replace(str(year - 1), str(year)),
                                            "start_date": suggested}, submit=submit)
    dlg.exec()
    return state.get("id") if dlg.result() == QDialog.DialogCode.Accepted else None


class NewCohortButton(QPushButton):
    def __init__(self, ctx, parent=None):
        super().__init__("Start a &new cohort from this one…", parent)
        self.setObjectName("newCohort")
        self.clicked.connect(lambda: start_new_cohort(self, ctx))
