"""Under a rules register: the experiments that test the chosen rule (from the Learning
area's experiments), read in the background when the selection changes."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

from facilitator.services.learning import experiments
from facilitator.ui.workers import run_in_background, while_alive


class RuleExperiments(QLabel):
    def __init__(self, ctx, panel, parent=None):
        super().__init__(parent)
        self.ctx, self.panel = ctx, panel
        self.setObjectName("ruleExperiments")
        self.setWordWrap(True)
        self.setStyleSheet("color:#333")
        self.rule_id: int | None = None
        self._generation = 0
        panel.table.selectionModel().selectionChanged.connect(lambda *_: self.reload())
        panel.loaded.connect(lambda _n: self.reload())
        ctx.changed.connect(lambda ch: ch.touches("experiments") and self.reload())

    def reload(self) -> None:
        rec = self.panel.current_record()
        self.rule_id = rec["id"] if rec else None
        self._generation += 1
        gen, rid, db = self._generation, self.rule_id, self.ctx.db
        if rid is None:
            self.clear()
            return
        run_in_background(lambda: experiments.for_rule(db, rid),
                          while_alive(self, lambda rows: self._show(gen, rows)),
                          while_alive(self, lambda exc: self.ctx.show_error(exc, self)))

    def _show(self, gen: int, rows: list[dict]) -> None:
        if gen != self._generation:
            return
        if not rows:
            self.setText("<b>Experiments on this rule:</b> none yet (add one in Learning → "
                         "Experiments).")
            return
        items = "; ".join(
            f"{escape(r['title'])} ({r['planned_on']:%b %Y}: {escape(r['outcome'])})" if r["planned_on"]
            else f"{escape(r['title'])} ({escape(r['outcome'])})" for r in rows)
        self.setText(f"<b>Experiments on this rule:</b> {items}")
