"""The cohort chooser in the toolbar, and New / Edit / Delete cohort."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from facilitator.services.cohort import cohorts
from facilitator.ui import messages, undo
from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import FormDialog


class CohortSelector(QComboBox):
    chosen = Signal(object)  # cohort id or None

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cohortSelector")
        self.setMinimumWidth(300)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setToolTip("The cohort you are working on")
        self.currentIndexChanged.connect(self._index_changed)
        ctx.changed.connect(self._on_changed)
        self._quiet = False

    def reload(self, select_id: int | None = None) -> list[dict]:
        rows = self.ctx.call(cohorts.list_cohorts, self.ctx.db) or []
        want = select_id if select_id is not None else self.ctx.cohort_id
        ids = [r["id"] for r in rows]
        if want not in ids:
            want = ids[0] if ids else None
        self._quiet = True
        self.clear()
        for r in rows:
            self.addItem(f"{r['name']}  ({count(r['participants'], 'participant')})", r["id"])
        self._quiet = False
        self.setCurrentIndex(ids.index(want) if want in ids else -1)
        self.ctx.set_cohort(want)
        return rows

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches("cohorts"):
            self.reload(changes.cohort_id)
        elif changes.touches("participants"):  # the "(12 participants)" counts follow
            self.reload()

    def _index_changed(self, index: int) -> None:
        if not self._quiet:
            self.ctx.set_cohort(self.itemData(index) if index >= 0 else None)

    # actions -------------------------------------------------------------------------------
    def new_cohort(self) -> None:
        db = self.ctx.db

        def submit(values):
            return undo.add(
                self.ctx, "cohort",
                lambda: cohorts.create_cohort(db, values),
                lambda cid: cohorts.delete_cohort(db, cid),
                lambda snap: cohorts.restore_cohort(db, snap), inline_errors=True,
            ) or False

        dlg = FormDialog(self.window(), "New cohort", cohorts.FIELDS, {}, submit=submit)
        if dlg.exec() and dlg.result_value:
            self.reload(dlg.result_value)

    def edit_cohort(self) -> None:
        cid = self.ctx.cohort_id
        if cid is None:
            return
        db = self.ctx.db
        rec = self.ctx.call(cohorts.get_cohort, db, cid)
        if rec is None:
            return

        def submit(values):
            from facilitator.services.fields import clean

            before = {f.name: rec[f.name] for f in cohorts.FIELDS}
            return undo.edit(
                self.ctx, "cohort", lambda i, v: cohorts.update_cohort(db, i, v), cid, before,
                clean(cohorts.FIELDS, values), inline_errors=True,
            ) or False

        FormDialog(self.window(), f"Edit cohort: {rec['name']}", cohorts.FIELDS, rec, submit=submit).exec()

    def delete_cohort(self) -> None:
        cid = self.ctx.cohort_id
        if cid is None:
            return
        rec = self.ctx.call(cohorts.get_cohort, self.ctx.db, cid)
        if rec is None or not messages.confirm(
            self.window(), "Delete cohort",
            f"Delete the cohort {rec['name']!r} with all its participants, organisations and "
            "plans?\nYou can undo this with Ctrl+Z.",
        ):
            return
        db = self.ctx.db
        undo.remove(self.ctx, "cohort", lambda i: cohorts.delete_cohort(db, i),
                    lambda snap: cohorts.restore_cohort(db, snap), cid)
