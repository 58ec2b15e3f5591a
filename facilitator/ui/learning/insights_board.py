"""The Insights board: four columns (individual, organisation, services, systems), filters by
theme, source and event, and add / edit / delete / merge, each one undoable. The insights are
read in the background."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.learning import insights, refs
from facilitator.services.records import restore_records
from facilitator.ui import messages, undo
from facilitator.ui.learning.insight_form import add_insight, edit_insight
from facilitator.ui.workers import run_in_background, while_alive

KINDS = ("insights", "events", "participants", "rule_entries", "experiments", "diary_entries")
ID = Qt.ItemDataRole.UserRole


def load(db, cohort_id: int, theme, source, event_id):
    return {"insights": insights.list_insights(db, cohort_id, theme=theme, source=source,
                                               event_id=event_id),
            "themes": insights.themes_in_use(db, cohort_id),
            "events": refs.choices(db, cohort_id)["events"]}


class MergeDialog(QDialog):
    def __init__(self, parent, keep: dict, others: list[dict]):
        super().__init__(parent)
        self.setWindowTitle("Merge two insights")
        self.other = QComboBox()
        self.other.setObjectName("other")
        for rec in others:
            self.other.addItem(f"{rec['level'].title()}: {rec['title']}", rec["id"])
        text = QLabel(f"Fold another insight that says the same thing into <b>{escape(keep['title'])}"
                      "</b>. Its themes, text, quote and links are added to this one; it leaves "
                      "the board (Undo brings it back).")
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Merge in", self.other)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(600, 220)


class InsightsBoard(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.records: list[dict] = []
        self.loading = False
        self._generation = 0
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.source = QComboBox()
        self.source.setObjectName("source")
        self.event_choice = QComboBox()
        self.event_choice.setObjectName("event")
        self.event_choice.setMinimumContentsLength(24)
        self.event_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.addItem("Any source", None)
        for s in insights.SOURCES:
            self.source.addItem(s, s)
        self.add_button = QPushButton("&Add insight…")
        self.edit_button = QPushButton("Edit…")
        self.merge_button = QPushButton("&Merge…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(lambda: add_insight(self, ctx))
        self.edit_button.clicked.connect(self.edit_current)
        self.merge_button.clicked.connect(self.merge_current)
        self.delete_button.clicked.connect(self.delete_current)
        bar = QHBoxLayout()
        for label, combo in (("Theme:", self.theme), ("Source:", self.source), ("Event:", self.event_choice)):
            bar.addWidget(QLabel(label))
            bar.addWidget(combo)
        self.count = QLabel()
        self.count.setObjectName("count")
        bar.addWidget(self.count)
        bar.addStretch(1)
        for b in (self.add_button, self.edit_button, self.merge_button, self.delete_button):
            bar.addWidget(b)
        columns = QHBoxLayout()
        self.lists: dict[str, QListWidget] = {}
        self.headers: dict[str, QLabel] = {}
        for level in insights.LEVELS:
            col = QVBoxLayout()
            head = QLabel()
            head.setWordWrap(True)
            head.setToolTip(insights.LEVEL_HELP[level])
            head.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            head.setMinimumHeight(head.fontMetrics().height() * 3 + 4)  # the lists line up
            lst = QListWidget()
            lst.setObjectName(f"level_{level}")
            lst.setWordWrap(True)
            lst.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            lst.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            lst.setStyleSheet("QListWidget::item { border-bottom: 1px solid #e2e4e8; padding: 6px; }"
                              "QListWidget::item:selected { background: #2b6cb0; color: white; }")
            lst.itemSelectionChanged.connect(lambda lv=level: self._selected_in(lv))
            lst.itemDoubleClicked.connect(lambda _i: self.edit_current())
            col.addWidget(head)
            col.addWidget(lst, 1)
            columns.addLayout(col, 1)
            self.lists[level], self.headers[level] = lst, head
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(60)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(columns, 1)
        layout.addWidget(self.detail)
        for combo in (self.theme, self.source, self.event_choice):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.cohort_changed.connect(lambda _c: self._reset_filters())
        ctx.changed.connect(lambda ch: ("*" in ch.kinds or ch.touches(*KINDS)) and self.reload())
        self._filling = False
        self._update_buttons()
        self.reload()

    # loading -----------------------------------------------------------------------------
    def _reset_filters(self) -> None:
        self._filling = True
        self.theme.setCurrentIndex(0)
        self.source.setCurrentIndex(0)
        self.event_choice.setCurrentIndex(0)
        self._filling = False
        self.reload()

    def reload(self) -> None:
        if self._filling:
            return
        self._generation += 1
        gen, cid, db = self._generation, self.ctx.cohort_id, self.ctx.db
        if cid is None:
            self._show(gen, {"insights": [], "themes": [], "events": []})
            return
        theme, source, event_id = self.theme.currentData(), self.source.currentData(), self.event_choice.currentData()
        self.loading = True
        run_in_background(lambda: load(db, cid, theme, source, event_id),
                          while_alive(self, lambda d: self._show(gen, d)),
                          while_alive(self, self._failed))

    def _failed(self, exc) -> None:
        self.loading = False
        self.ctx.show_error(exc, self)

    def _refill(self, combo: QComboBox, anything: str, items: list[tuple[str, object]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def _show(self, gen: int, data: dict) -> None:
        if gen != self._generation:
            return
        self.loading = False
        keep = (self.current() or {}).get("id")
        self._refill(self.theme, "Any theme", [(t, t) for t in data["themes"]])
        self._refill(self.event_choice, "Any event", data["events"])
        self.records = data["insights"]
        for level, lst in self.lists.items():
            lst.blockSignals(True)
            lst.clear()
            mine = [r for r in self.records if r["level"] == level]
            self.headers[level].setText(f"<b>{level.title()}</b> ({len(mine)})<br>"
                                        f"<span style='color:#666'>{escape(insights.LEVEL_HELP[level])}</span>")
            for r in mine:
                lines = [r["title"]]
                if r["themes"]:
                    lines.append(f"# {r['themes']}")
                where = r["source_kind"] + (f": {r['event']}" if r["event"] else "")
                extra = [where]
                if not r["shareable"]:
                    extra.append("not for sharing")
                if r["merged"]:
                    extra.append(f"{r['merged']} merged in")
                lines.append(" · ".join(extra))
                item = QListWidgetItem("\n".join(lines))
                item.setData(ID, r["id"])
                item.setToolTip(r["text"] or r["title"])
                lst.addItem(item)
                if r["id"] == keep:
                    item.setSelected(True)
                    lst.setCurrentItem(item)
            lst.blockSignals(False)
        self.count.setText(f"{len(self.records)} insights")
        self._show_detail()
        self._update_buttons()

    # selection ---------------------------------------------------------------------------
    def _selected_in(self, level: str) -> None:
        if self.lists[level].selectedItems():
            for other, lst in self.lists.items():
                if other != level:
                    lst.blockSignals(True)
                    lst.clearSelection()
                    lst.blockSignals(False)
        self._show_detail()
        self._update_buttons()

    def current(self) -> dict | None:
        for lst in self.lists.values():
            items = lst.selectedItems()
            if items:
                rid = items[0].data(ID)
                return next((r for r in self.records if r["id"] == rid), None)
        return None

    def select_id(self, insight_id: int) -> None:
        for lst in self.lists.values():
            for i in range(lst.count()):
                if lst.item(i).data(ID) == insight_id:
                    lst.setCurrentItem(lst.item(i))
                    lst.item(i).setSelected(True)
                    return

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.add_button.setEnabled(self.ctx.cohort_id is not None)
        for b in (self.edit_button, self.merge_button, self.delete_button):
            b.setEnabled(has)

    def _show_detail(self) -> None:
        rec = self.current()
        if rec is None:
            self.detail.setText("<span style='color:#666'>Choose an insight to read it; double-click "
                                "to edit it.</span>")
            return
        quote = f"<br><i>“{escape(rec['quote'])}”</i>" if rec["quote"] else ""
        self.detail.setText(f"<b>{escape(rec['title'])}</b> — {escape(rec['text'])}{quote}")

    # editing -----------------------------------------------------------------------------
    def edit_current(self) -> None:
        rec = self.current()
        if rec is not None:
            edit_insight(self, self.ctx, rec["id"])

    def delete_current(self) -> None:
        rec, db, cid = self.current(), self.ctx.db, self.ctx.cohort_id
        if rec is None or not messages.confirm(
                self, "Delete insight", f"Delete the insight {rec['title']!r}?\nYou can undo this with Ctrl+Z."):
            return
        undo.remove(self.ctx, "insight", lambda rid: insights.delete_insight(db, rid),
                    lambda snap: restore_records(db, snap, cid), rec["id"])

    def merge_current(self) -> None:
        rec = self.current()
        if rec is None:
            return
        others = [r for r in self.records if r["id"] != rec["id"]]
        if not others:
            return
        others.sort(key=lambda r: (r["level"] != rec["level"], r["level"], r["title"]))
        dlg = MergeDialog(self, rec, others)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self.merge(rec["id"], dlg.other.currentData())

    def merge(self, keep_id: int, other_id: int) -> bool:
        db, state = self.ctx.db, {}

        def do():
            state["merge"], changes = insights.merge(db, keep_id, other_id)
            return changes

        return undo.perform(self.ctx, "Merge insights", do,
                            lambda: insights.unmerge(db, state["merge"]),
                            lambda: insights.merge(db, keep_id, other_id)[1])
