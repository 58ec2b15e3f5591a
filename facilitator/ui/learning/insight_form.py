"""Adding and editing an insight in the form built from the service's fields, with undo; used
by the board and wherever an insight is captured straight from its source (a call, an
experiment)."""

from __future__ import annotations

from facilitator.services.fields import clean
from facilitator.services.learning import insights, refs
from facilitator.services.records import restore_records
from facilitator.ui import undo
from facilitator.ui.widgets.form import FormDialog


def add_insight(parent, ctx, prefill: dict | None = None, title: str = "Capture an insight"):
    """Open the form (with `prefill`); on save create the insight as one undoable step.
    Returns the dialog (already closed)."""
    cid, db = ctx.cohort_id, ctx.db
    if cid is None:
        return None
    choices = ctx.call(refs.choices, db, cid, parent=parent)
    if choices is None:
        return None

    def submit(values):
        new_id = undo.add(ctx, "insight", lambda: insights.create_insight(db, cid, values),
                          lambda rid: insights.delete_insight(db, rid),
                          lambda snap: restore_records(db, snap, cid), inline_errors=True)
        return new_id or False

    dlg = FormDialog(parent, title, insights.FIELDS, {"level": "individual", **(prefill or {})},
                     choices=choices, submit=submit)
    dlg.exec()
    return dlg


def edit_insight(parent, ctx, insight_id: int):
    cid, db = ctx.cohort_id, ctx.db
    full = ctx.call(insights.get_insight, db, insight_id, parent=parent)
    choices = ctx.call(refs.choices, db, cid, parent=parent) if full else None
    if full is None or choices is None:
        return None

    def submit(values):
        before = {f.name: full.get(f.name) for f in insights.FIELDS}
        return undo.edit(ctx, "insight", lambda rid, vals: insights.update_insight(db, rid, vals),
                         insight_id, before, clean(insights.FIELDS, values),
                         inline_errors=True) or False

    dlg = FormDialog(parent, f"Edit insight: {full['title'][:60]}", insights.FIELDS, full,
                     choices=choices, submit=submit)
    dlg.exec()
    return dlg
