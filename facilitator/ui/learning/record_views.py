"""The three tabs that are lists of one kind of record, each on the shared RecordPanel (filter,
sort, add / edit / delete with undo): experiments (with the cohort overview), diaries (with
the privacy rule said where entries are written) and the looking-back notes."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.services.learning import diaries, experiments, looking_back, refs
from facilitator.services.records import restore_records
from facilitator.ui.learning.insight_form import add_insight
from facilitator.ui.widgets.record_panel import RecordPanel, RecordPanelSpec
from facilitator.ui.widgets.record_table import Column
from facilitator.ui.workers import run_in_background, while_alive

OUTCOME_COLOURS = {"the rule flexed": "#2f855a", "did not flex": "#c53030", "not tried yet": "#7a7f87",
                   "not tried": "#7a7f87"}


def _month(key: str) -> str:
    """ "2026-10" as "Oct 2026" ("undated" stays)."""
    try:
        return date.fromisoformat(f"{key}-01").strftime("%b %Y")
    except ValueError:
        return key


def _restore(db, snap, cohort_id):
    return restore_records(db, snap, cohort_id)


def _choices(db, cohort_id):
    return refs.choices(db, cohort_id)


EXPERIMENT_COLUMNS = [
    Column("When", "planned_on", kind="date", width=110),
    Column("Who", "person", width=150),
    Column("What I will try", "title", width=330),
    Column("Rule it tests", "rule", width=280),
    Column("Outcome", "outcome", width=120, color=lambda r: OUTCOME_COLOURS.get(r["outcome"])),
    Column("What I learnt", "learnt"),
]


class ExperimentsView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        self.overview.setStyleSheet("color:#333")
        self.panel = RecordPanel(ctx, RecordPanelSpec(
            noun="experiment", kinds=("experiments", "rule_entries", "participants"),
            columns=EXPERIMENT_COLUMNS, fields=experiments.FIELDS,
            list_fn=experiments.list_experiments, get_fn=experiments.get_experiment,
            create_fn=experiments.create_experiment, update_fn=experiments.update_experiment,
            delete_fn=experiments.delete_experiment, restore_fn=_restore, choices_fn=_choices,
            describe=lambda r: r.get("title", "")[:60],
            extra_actions=[("Capture an &insight…", self._capture)]))
        self.panel.loaded.connect(lambda _n: self._load_overview())
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.overview)

    def _capture(self, _panel, rec: dict) -> None:
        add_insight(self, self.ctx, {"source_kind": "experiment", "experiment_id": rec["id"],
                                     "participant_id": rec["participant_id"],
                                     "rule_id": rec["rule_id"], "noted_on": rec["planned_on"]},
                    title=f"Capture an insight from: {rec['title'][:50]}")

    def _load_overview(self) -> None:
        cid, db = self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self.overview.clear()
            return
        run_in_background(lambda: (experiments.overview(db, cid),
                                   experiments.contested_tested(db, cid)),
                          while_alive(self, self._show_overview),
                          while_alive(self, lambda exc: self.ctx.show_error(exc, self)))

    def _show_overview(self, result) -> None:
        ov, contested = result
        months = sorted({m for _p, m in ov["per_month"]})
        people = sorted({p for p, _m in ov["per_month"]})
        if not people:
            self.overview.setText("No experiments yet: one small experiment a month, ideally on "
                                  "a rule from the person's register.")
            return
        head = "".join(f"<th style='padding:0 8px'>{escape(_month(m))}</th>" for m in months)
        rows = "".join(
            f"<tr><td>{escape(p)}</td>" + "".join(
                f"<td align='center'>{ov['per_month'].get((p, m), '') or '·'}</td>" for m in months)
            + "</tr>" for p in people)
        tested = "; ".join(f"{escape(c['title'])} ({c['experiments']})" for c in contested) or "none yet"
        outcomes = ", ".join(f"{k}: {v}" for k, v in ov["outcomes"].most_common())
        self.overview.setText(
            f"<table cellspacing=0><tr><th align='left'>Experiments per month</th>{head}</tr>{rows}"
            f"</table><p><b>Contested rules tested:</b> {tested}<br><b>Outcomes:</b> {outcomes}</p>")


DIARY_COLUMNS = [
    Column("Written", "written_on", kind="date", width=110),
    Column("Who", "person", width=150),
    Column("What happened", "what_happened", width=300),
    Column("What I noticed", "what_i_noticed", width=300),
    Column("May use for insights", "may_use", kind="bool", width=140),
    Column("What I will do", "what_i_will_do"),
]


class DiariesView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.privacy = QLabel(f"<b>Private.</b> {diaries.PRIVACY_NOTE} An entry is the source of an insight "
                              "only when its writer has said it may be.")
        self.privacy.setObjectName("privacy")
        self.privacy.setWordWrap(True)
        self.privacy.setStyleSheet("background:#fff8e1; border:1px solid #e6c200; padding:6px;"
                                   " color:#5c4a00")
        self.panel = RecordPanel(ctx, RecordPanelSpec(
            noun="diary entry", kinds=("diary_entries", "participants"), columns=DIARY_COLUMNS,
            fields=diaries.FIELDS, list_fn=diaries.list_entries, get_fn=diaries.get_entry,
            create_fn=diaries.create_entry, update_fn=diaries.update_entry,
            delete_fn=diaries.delete_entry, restore_fn=_restore, choices_fn=_choices,
            describe=lambda r: f"{r.get('person', '')} {r.get('written_on') or ''}".strip()))
        self.panel.add_button.setToolTip(diaries.PRIVACY_NOTE)
        self.panel.filter.setPlaceholderText("Filter diary entries…  (Ctrl+F)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.privacy)
        layout.addWidget(self.panel, 1)


NOTE_COLUMNS = [
    Column("Theme", "theme", width=200),
    Column("What we will do differently", "text", width=620),
    Column("From", "carried_from", value=lambda r: r.get("carried_from") or "this cohort", width=200),
    Column("Done", "done", kind="bool"),
]


class LookingBackView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        from facilitator.ui.learning.new_cohort import NewCohortButton

        hint = QLabel("What we will do differently next time, by theme. <b>Start a new cohort "
                      "from this one</b> copies the plans (moved to new dates), the design "
                      "principles and these notes as a checklist, and no personal data.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        self.panel = RecordPanel(ctx, RecordPanelSpec(
            noun="note", kinds=("looking_back_notes",), columns=NOTE_COLUMNS,
            fields=looking_back.FIELDS, list_fn=looking_back.list_notes,
            get_fn=looking_back.get_note, create_fn=looking_back.create_note,
            update_fn=looking_back.update_note, delete_fn=looking_back.delete_note,
            restore_fn=_restore, describe=lambda r: r.get("text", "")[:60]))
        self.new_cohort = NewCohortButton(ctx, self)
        self.panel.layout().itemAt(0).layout().addWidget(self.new_cohort)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.panel, 1)
