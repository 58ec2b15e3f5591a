"""'What does the crowd know?': the cohort's rules grouped across participants, with beliefs
by organisation, verdicts, the contested and myth flags, hand-made merge and split, and charts.

Grouping runs in a worker so the window stays responsive on big cohorts."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.flex import crowd
from facilitator.ui import undo
from facilitator.ui.flex.charts import BELIEF_COLOURS, BLUE, ORANGE, BarChart
from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.widgets.record_table import Column, RecordFilterProxy, RecordTableModel
from facilitator.ui.workers import run_in_background, while_alive

FLAG_COLOUR = {"contested": "#9b2c2c", "myth": "#b7791f"}
SHOW = ("All groups", "Flagged", "Contested", "Myths", "Held by two or more people")


def _flag_colour(rec: dict) -> str | None:
    return FLAG_COLOUR.get(rec["flags"][0]) if rec["flags"] else None


GROUP_COLUMNS = [
    Column("Rule (name, or most common wording)", "title", width=320, color=_flag_colour),
    Column("Flags", "flags", kind="list", width=110, color=_flag_colour,
           tip="Contested: read as absolute by some and discretionary by others. "
               "Myth: believed absolute, found discretionary on checking"),
    Column("People", "people", kind="number", width=60),
    Column("Absolute", "absolute", kind="number", width=70),
    Column("Discretionary", "discretionary", kind="number", width=95),
    Column("Unsure", "unsure", kind="number", width=60),
    Column("After checking", "verdicts", width=200),
    Column("Organisations", "orgs"),
]
HEADER_TIPS = {
    "orgs": "How each organisation reads the rule. An organisation is split when some of its "
            "people believe the rule absolute and others discretionary. Point at a cell for "
            "one line per organisation.",
}
BELIEFS = ("absolute", "discretionary", "unsure")
ENTRY_COLUMNS = [
    Column("Rule as written", "rule", width=330),
    Column("Participant", "participant", width=150),
    Column("Organisation", "organisation", width=200),
    Column("Believed", "belief", width=100),
    Column("Verdict", "verdict", value=lambda r: r["verdict"] or crowd.UNCHECKED, width=110),
    Column("Checked with", "checked_with", width=160),
    Column("What checking found", "evidence"),
]


def org_reading(beliefs) -> str:
    """How one organisation reads a rule: absolute, discretionary, split (both) or unsure."""
    if beliefs["absolute"] and beliefs["discretionary"]:
        return "split"
    if beliefs["absolute"]:
        return "absolute"
    return "discretionary" if beliefs["discretionary"] else "unsure"


def orgs_cell(by_org: dict) -> str:
    """Short: '3 orgs · 2 absolute · 1 discretionary'."""
    readings = [org_reading(c) for c in by_org.values()]
    parts = [f"{n} org" if (n := len(readings)) == 1 else f"{n} orgs"]
    parts += [f"{readings.count(r)} {r}" for r in ("absolute", "discretionary", "split", "unsure")
              if readings.count(r)]
    return " · ".join(parts)


def orgs_tip(by_org: dict) -> str:
    """One line per organisation: its name and what its people believe."""
    lines = []
    for org, c in sorted(by_org.items(), key=lambda kv: kv[0].casefold()):
        held = ", ".join(f"{c[b]} {b}" for b in BELIEFS if c[b])
        lines.append(f"<b>{escape(org)}</b>: {held}"
                     + (" <i>(split)</i>" if org_reading(c) == "split" else ""))
    return "<p style='white-space:pre'>" + "<br>".join(lines) + "</p>"


def group_row(g: crowd.RuleGroupSummary, n: int) -> dict:
    verdicts = ", ".join(f"{c} {v}" for v, c in g.verdicts.most_common())
    return {"id": n, "key": g.key, "title": g.title, "flags": g.flags, "people": g.people,
            "absolute": g.beliefs["absolute"], "discretionary": g.beliefs["discretionary"],
            "unsure": g.beliefs["unsure"], "verdicts": verdicts,
            "orgs": orgs_cell(g.by_org), "orgs_tip": orgs_tip(g.by_org),
            "title_tip": _title_tip(g), "entry_ids": g.entry_ids, "group": g}


def _title_tip(g: crowd.RuleGroupSummary) -> str | None:
    if not g.name and not g.notes:
        return g.title if len(g.title) > 30 else None
    parts = [f"<b>{escape(g.title)}</b>"]
    if g.name:
        parts.append(f"<span style='color:#555'>Most common wording: {escape(g.wording)}</span>")
    if g.notes:
        parts.append(escape(g.notes).replace("\n", "<br>"))
    return "<br>".join(parts)


class GroupsModel(RecordTableModel):
    """The group table: a record's '<key>_tip' is the tooltip of its cell in that column."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            key = f"{self.columns[index.column()].key}_tip"
            rec = self.records[index.row()]
            if key in rec:
                return rec[key]
        return super().data(index, role)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return HEADER_TIPS.get(self.columns[section].key)
        return super().headerData(section, orientation, role)


def _table(model, proxy) -> QTableView:
    t = QTableView()
    proxy.setSourceModel(model)
    t.setModel(proxy)
    t.setSortingEnabled(True)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(24)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.columns):
        if col.width:
            t.setColumnWidth(i, col.width)
    return t


class CrowdView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: crowd.CrowdView | None = None
        self._generation = 0
        self.loading = False
        self.threshold = QSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(30, 100)
        self.threshold.setSingleStep(5)
        self.threshold.setSuffix(" %")
        self.threshold.setValue(int(crowd.DEFAULT_THRESHOLD * 100))
        self.threshold.setToolTip("How alike two rules' words must be to count as the same rule.")
        self.threshold.valueChanged.connect(lambda _v: self.reload())
        self.show_filter = QComboBox()
        self.show_filter.addItems(SHOW)
        self.show_filter.setToolTip("Which groups to show")
        self.show_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_filter.setMinimumContentsLength(10)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._fill_groups())
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.merge_button = QPushButton("&Merge groups")
        self.merge_button.setToolTip("Keep the selected groups together from now on (undoable).")
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button = QPushButton("&Split rules off")
        self.split_button.setToolTip("Take the selected rules out of this group into their own (undoable).")
        self.split_button.clicked.connect(self.split_selected)
        self.describe_button = QPushButton("&Rename / notes…")
        self.describe_button.setToolTip("Give the selected group a name and notes; its rules are "
                                        "then kept together (undoable).")
        self.describe_button.clicked.connect(self.describe_selected)

        self.groups_model = GroupsModel(GROUP_COLUMNS, self)
        self.groups_proxy = RecordFilterProxy(self)
        self.groups = _table(self.groups_model, self.groups_proxy)
        self.groups.setObjectName("groups")
        self.groups.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.groups.selectionModel().selectionChanged.connect(lambda *_: self._group_selected())
        self.entries_model = RecordTableModel(ENTRY_COLUMNS, self)
        self.entries_proxy = RecordFilterProxy(self)
        self.entries = _table(self.entries_model, self.entries_proxy)
        self.entries.setObjectName("entries")
        self.entries.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)

        self.org_chart = BarChart("Beliefs by organisation (all rules)")
        self.source_chart = BarChart("Where people think rules come from")
        self.condition_chart = BarChart("Conditions of change")
        charts = QWidget()
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        for c in (self.org_chart, self.source_chart, self.condition_chart):
            row.addWidget(c, 1)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Alike at:"))
        bar.addWidget(self.threshold)
        bar.addWidget(self.show_filter)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.merge_button)
        entries_box = QWidget()
        eb = QVBoxLayout(entries_box)
        eb.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.detail, 1)
        top.addWidget(self.describe_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        eb.addLayout(top)
        eb.addWidget(self.entries, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.groups)
        split.addWidget(entries_box)
        split.addWidget(charts)
        split.setSizes([250, 180, 330])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        ctx.changed.connect(self._on_changed)
        ctx.cohort_changed.connect(lambda _c: self.reload())
        self._update_buttons()
        self.reload()

    # loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        gen, cid, db = self._generation, self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self._show(gen, None)
            return
        self.loading = True
        threshold = self.threshold.value() / 100
        self.summary.setText("Grouping…")
        run_in_background(lambda: crowd.crowd_view(db, cid, threshold),
                          while_alive(self, lambda view: self._show(gen, view)),
                          while_alive(self, self._failed))

    def _failed(self, exc) -> None:
        self.loading = False
        self.ctx.reload_failed(exc, self)

    def _on_changed(self, changes) -> None:
        if changes.touches("rule_entries", "rule_groups", "participants", "organisations", "*"):
            self.reload()

    def _show(self, gen: int, view) -> None:
        if gen != self._generation:
            return  # a newer reload is on its way
        self.loading = False
        self.view = view
        self._fill_groups()
        self._fill_charts()

    def _fill_groups(self) -> None:
        keep = {i for g in self.selected_groups() for i in g["entry_ids"][:1]}
        groups = self.view.groups if self.view else []
        rows = [group_row(g, n) for n, g in enumerate(groups)]
        mode = self.show_filter.currentText()
        if mode == "Flagged":
            rows = [r for r in rows if r["flags"]]
        elif mode == "Contested":
            rows = [r for r in rows if "contested" in r["flags"]]
        elif mode == "Myths":
            rows = [r for r in rows if "myth" in r["flags"]]
        elif mode.startswith("Held by two"):
            rows = [r for r in rows if r["people"] >= 2]
        self.groups_model.set_records(rows)
        contested = sum(1 for g in groups if g.contested)
        myths = sum(1 for g in groups if g.myth)
        n_rules = sum(len(g.entry_ids) for g in groups)
        self.summary.setText(
            f"{count(len(groups), 'group')} from {count(n_rules, 'rule')} · "
            f"<span style='color:{FLAG_COLOUR['contested']}'><b>{contested} contested</b></span> · "
            f"<span style='color:{FLAG_COLOUR['myth']}'><b>{count(myths, 'myth')}</b></span>"
        )
        again = next((r for r, rec in enumerate(rows) if keep.intersection(rec["entry_ids"])), None)
        if again is not None:
            self.groups.selectRow(self.groups_proxy.mapFromSource(self.groups_model.index(again, 0)).row())
        elif rows:
            self.groups.selectRow(0)
        self._group_selected()

    def _fill_charts(self) -> None:
        v = self.view
        if v is None:
            for c in (self.org_chart, self.source_chart, self.condition_chart):
                c.set_data([], [])
            return
        orgs = sorted(v.beliefs_by_org)
        self.org_chart.set_data(orgs, [
            (b, [v.beliefs_by_org[o][b] for o in orgs], BELIEF_COLOURS[b])
            for b in ("absolute", "discretionary", "unsure")
        ])
        sources = v.source_kinds.most_common()
        self.source_chart.set_data([s for s, _ in sources], [("rules", [c for _, c in sources], BLUE)])
        conditions = v.conditions.most_common()
        self.condition_chart.set_data([s for s, _ in conditions],
                                      [("rules", [c for _, c in conditions], ORANGE)])

    # selection ---------------------------------------------------------------------------
    def selected_groups(self) -> list[dict]:
        rows = self.groups.selectionModel().selectedRows()
        return [self.groups_model.record(self.groups_proxy.mapToSource(i).row()) for i in rows]

    def selected_entries(self) -> list[dict]:
        rows = self.entries.selectionModel().selectedRows()
        return [self.entries_model.record(self.entries_proxy.mapToSource(i).row()) for i in rows]

    def _group_selected(self) -> None:
        chosen = self.selected_groups()
        if len(chosen) == 1 and self.view is not None:
            g = chosen[0]["group"]
            self.entries_model.set_records([self.view.entries[i] for i in g.entry_ids])
            flags = " ".join(
                f"<span style='color:white;background:{FLAG_COLOUR[f]}'>&nbsp;{f}&nbsp;</span>"
                for f in g.flags)
            wording = (f"<br><span style='color:#555'>Most common wording: {escape(g.wording)}</span>"
                       if g.name else "")
            notes = (f"<br><i>{escape(g.notes).replace(chr(10), '<br>')}</i>" if g.notes else "")
            self.detail.setText(
                f"<b>{escape(g.title)}</b> {flags}{wording}<br><span style='color:#555'>"
                f"{g.people} people · {escape(g.area or 'no area given')} · "
                f"{g.myths} checked and found discretionary by the person who believed it absolute"
                f"</span>{notes}")
        else:
            self.entries_model.set_records([])
            self.detail.setText(f"{count(len(chosen), 'group')} selected: merge them to keep them together."
                                if chosen else "Choose a group to see its rules.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(len(self.selected_groups()) >= 2)
        self.describe_button.setEnabled(len(self.selected_groups()) == 1)
        n = len(self.selected_entries())
        self.split_button.setEnabled(0 < n < self.entries_model.rowCount())

    # hand-made grouping ------------------------------------------------------------------
    def merge_selected(self) -> None:
        chosen = self.selected_groups()
        if len(chosen) < 2:
            return
        db, cid = self.ctx.db, self.ctx.cohort_id
        lists = [list(g["entry_ids"]) for g in chosen]
        state: dict = {}

        def do():
            state["before"], changes = crowd.merge(db, cid, lists)
            return changes

        undo.perform(self.ctx, f"Merge {len(lists)} rule groups", do,
                     lambda: crowd.restore(db, state["before"]))

    def split_selected(self) -> None:
        chosen, take = self.selected_groups(), [e["id"] for e in self.selected_entries()]
        if len(chosen) != 1 or not take:
            return
        db, cid, ids = self.ctx.db, self.ctx.cohort_id, list(chosen[0]["entry_ids"])
        state: dict = {}

        def do():
            state["before"], changes = crowd.split(db, cid, ids, take)
            return changes

        undo.perform(self.ctx, f"Split {count(len(take), 'rule')} off a group", do,
                     lambda: crowd.restore(db, state["before"]))

    def describe_selected(self) -> None:
        """Rename / notes…: a name shown instead of the most common wording, and notes."""
        chosen = self.selected_groups()
        if len(chosen) != 1:
            return
        g = chosen[0]["group"]
        db, cid, ids = self.ctx.db, self.ctx.cohort_id, list(g.entry_ids)
        state: dict = {}

        def submit(values):
            def do():
                state["before"], changes = crowd.describe_group(db, cid, ids, values)
                return changes

            return undo.perform(self.ctx, "Rename rule group", do,
                                lambda: crowd.restore(db, state["before"])) or False

        dlg = FormDialog(self, f"Rename / notes: {g.wording[:60]}", crowd.GROUP_FIELDS,
                         {"name": g.name, "notes": g.notes}, submit=submit)
        dlg.editors["name"].widget.setPlaceholderText(g.wording)
        dlg.exec()
