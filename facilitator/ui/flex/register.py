"""One participant's rules register: belief first, then checking; unchecked rules in grey;
progress "N of M checked". Insert (anywhere in the register) adds a rule, Enter edits, Delete
deletes (all undoable). The form opens in the rule field and Tab follows it: the rule, what I
believe, checking, the flex; Enter in a one-line field saves, Escape cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from facilitator.services import records
from facilitator.services.errors import NotFound
from facilitator.services.flex import registers
from facilitator.ui.learning.rule_experiments import RuleExperiments
from facilitator.ui.widgets.record_panel import RecordPanel, RecordPanelSpec
from facilitator.ui.widgets.record_table import Column
from facilitator.ui.workers import run_in_background, while_alive

UNCHECKED_COLOUR = "#7a7f87"
MYTH_COLOUR = "#b7791f"


def _verdict(rec: dict) -> str:
    return rec.get("verdict") or "not checked yet"


def _finding(rec: dict) -> str:
    belief, verdict = rec.get("belief"), rec.get("verdict")
    if not verdict:
        return ""
    if belief == "absolute" and verdict == "discretionary":
        return "flex found"
    if belief == verdict:
        return "as believed"
    return "now known"


def _colour(rec: dict) -> str | None:
    if not rec.get("verdict"):
        return UNCHECKED_COLOUR
    return MYTH_COLOUR if _finding(rec) == "flex found" else None


COLUMNS = [
    Column("Rule", "rule", width=330, color=_colour),
    Column("Area", "area", width=170, color=_colour),
    Column("I believed", "belief", width=100, color=_colour),
    Column("Thought to come from", "source_kind", width=190, color=_colour),
    Column("Verdict", "verdict", value=_verdict, width=120, color=_colour),
    Column("Finding", "finding", value=_finding, width=90, color=_colour),
    Column("Who can grant flex", "flex_holder", width=170, color=_colour),
    Column("Status", "status", color=_colour),
]


class RegisterView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.participant_id: int | None = None
        self.people = QComboBox()
        self.people.setObjectName("participant")
        self.people.setMinimumWidth(160)
        self.people.setMaximumWidth(520)
        self.people.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.people.setMinimumContentsLength(14)
        self.people.currentIndexChanged.connect(self._person_chosen)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.progress_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        self.progress.setMinimumWidth(40)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        # before the panel connects, so the panel reloads for the new cohort's person
        ctx.cohort_changed.connect(lambda _c: self.reload_people())
        self.panel = RecordPanel(ctx, self._spec())
        self.panel.add_button.setText("&Add rule…")
        self.panel.add_button.setToolTip("Add a rule (Insert)")
        add = QAction("Add rule", self)
        add.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        add.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add.triggered.connect(self.add_rule)
        self.addAction(add)
        self.add_action = add
        self.panel.loaded.connect(lambda _n: self._update_progress())
        top = QHBoxLayout()
        top.addWidget(QLabel("Participant:"))
        top.addWidget(self.people, 3)
        top.addSpacing(8)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress)
        top.addStretch(2)
        hint = QLabel("Say first what you <b>believe</b> about each rule; then check it, and record "
                      "who you checked with and the verdict. Grey rows are not checked yet.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.panel, 1)
        self.experiments = RuleExperiments(ctx, self.panel)
        layout.addWidget(self.experiments)
        ctx.changed.connect(self._on_changed)
        self.people_loading = False
        self.reload_people()

    def _spec(self) -> RecordPanelSpec:
        return RecordPanelSpec(
            noun="rule",
            kinds=("rule_entries", "participants"),
            columns=COLUMNS,
            fields=registers.FIELDS,
            list_fn=self._list,
            get_fn=registers.get_rule,
            create_fn=self._create,
            update_fn=registers.update_rule,
            delete_fn=registers.delete_rule,
            restore_fn=records.restore_records,
            describe=lambda rec: rec.get("rule", "")[:60],
        )

    def _list(self, db, cohort_id):
        pid = self.participant_id
        return registers.list_rules(db, cohort_id, pid) if pid is not None else []

    def _create(self, db, cohort_id, values):
        if self.participant_id is None:
            raise NotFound("Choose a participant first (add participants in the Cohort area).")
        return registers.create_rule(db, cohort_id, self.participant_id, values)

    # people ------------------------------------------------------------------------------
    def reload_people(self) -> None:
        self._load_people(self._fill_people)

    def _load_people(self, then) -> None:
        """The cohort's people with their progress, read in the background (a big cohort is
        thousands of rows); only the newest request is shown."""
        cid = self.ctx.cohort_id
        self._people_generation = getattr(self, "_people_generation", 0) + 1
        if cid is None:
            then([])
            return
        gen, db = self._people_generation, self.ctx.db
        self.people_loading = True

        def done(people):
            if gen == self._people_generation:
                self.people_loading = False
                then(people)

        def failed(exc):
            self.people_loading = False
            self.ctx.reload_failed(exc, self)

        run_in_background(lambda: registers.register_people(db, cid), while_alive(self, done),
                          while_alive(self, failed))

    def _fill_people(self, people: list[dict]) -> None:
        keep = self.participant_id
        self.people.blockSignals(True)
        self.people.clear()
        for p in people or []:
            org = f" — {p['organisation']}" if p["organisation"] else ""
            self.people.addItem(f"{p['name']}{org}   ({p['checked']} of {p['total']} checked)", p["id"])
        ids = [p["id"] for p in people or []]
        self.participant_id = keep if keep in ids else (ids[0] if ids else None)
        if self.participant_id is not None:
            self.people.setCurrentIndex(ids.index(self.participant_id))
        self.people.blockSignals(False)
        if hasattr(self, "panel") and self.participant_id != keep:
            self.panel.reload()
        self._update_progress()

    def choose(self, participant_id: int) -> None:
        i = self.people.findData(participant_id)
        if i >= 0:
            self.people.setCurrentIndex(i)

    def _person_chosen(self, index: int) -> None:
        self.participant_id = self.people.itemData(index) if index >= 0 else None
        self.panel.reload()

    def _on_changed(self, changes) -> None:
        if changes.touches("participants", "organisations", "*"):
            self.reload_people()
        elif changes.touches("rule_entries"):
            self._refresh_counts()

    def _refresh_counts(self) -> None:
        self._load_people(self._fill_counts)

    def _fill_counts(self, people: list[dict]) -> None:
        for p in people:
            i = self.people.findData(p["id"])
            if i >= 0:
                org = f" — {p['organisation']}" if p["organisation"] else ""
                self.people.setItemText(i, f"{p['name']}{org}   ({p['checked']} of {p['total']} checked)")

    def _update_progress(self) -> None:
        if not hasattr(self, "panel"):
            return
        rows = self.panel.model.records
        total, checked = len(rows), sum(1 for r in rows if r.get("verdict"))
        if self.participant_id is None:
            self.progress_label.setText("No participants in this cohort yet")
        elif total == 0:
            self.progress_label.setText("No rules yet (Insert adds one)")
        else:
            self.progress_label.setText(f"<b>{checked} of {total} checked</b>")
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(checked)

    def add_rule(self) -> None:
        if self.participant_id is not None:
            self.panel.add()
