"""An event's agenda: its days and sessions on the left, the chosen session's timed items on
the right, with every timing problem shown in words."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.errors import ValidationError
from facilitator.services.fields import clean
from facilitator.services.plans import agenda, plan_view, sessions
from facilitator.services.plans.timing import clock, length
from facilitator.ui import messages, undo
from facilitator.ui.plans import agenda_cards, edits
from facilitator.ui.plans.agenda_model import MINUTES_COL, AgendaModel
from facilitator.ui.plans.dialogs import choose_session
from facilitator.ui.plans.minutes_editor import MinutesDelegate
from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.workers import run_in_background, while_alive

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_STYLE = "color: #9b1c1c;"
# Start, End, Min, Item, Kind, Lead to begin with; the last column (Method / materials)
# stretches. Item and Method share what the short columns leave (see _fit_columns), so both
# show and the table does not scroll sideways in a 1280 px window; full texts are in tooltips.
COLUMN_WIDTHS = (72, 48, 44, 230, 70, 64)
ITEM_SHARE, ITEM_MIN, ITEM_MAX = 0.52, 110, 280
METHOD_MIN = 132  # its header, "Method / materials", in bold
ITEM_EDITORS = {"pinned": "time"}  # "Pinned start" is a clock time that may be left out


class AgendaView(QWidget):
    plan_loaded = Signal(object)  # the event plan (dict) or None

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: int | None = None
        self.plan: dict | None = None
        self.session_id: int | None = None
        self._loading = False
        self._again = False
        self._select_item: int | None = None

        self.tree = QTreeWidget()
        self.tree.setObjectName("days")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(160)
        # a session shows its start only (its end is in the tooltip and the header), a smaller
        # indent, and a title too long for the pane loses its middle, not its end
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.currentItemChanged.connect(self._tree_changed)
        # Two short rows rather than one long one, so no action hides behind the toolbar's »
        self.session_bar = QToolBar()
        self.session_bar2 = QToolBar()
        self.add_session_button = self._action(self.session_bar, "Add session…", self.add_session)
        self.edit_session_button = self._action(self.session_bar, "Edit session…",
                                                self.edit_session)
        self.dup_session_button = self._action(self.session_bar2, "Duplicate session",
                                               self.duplicate_session)
        self.delete_session_button = self._action(self.session_bar2, "Delete session",
                                                  self.delete_session)
        for act, tip in ((self.add_session_button, "Add a session to this event"),
                         (self.edit_session_button, "Edit the chosen session"),
                         (self.dup_session_button, "Copy the chosen session and its items"),
                         (self.delete_session_button, "Delete the chosen session")):
            act.setToolTip(tip)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addActions([self.add_session_button, self.edit_session_button,
                              self.dup_session_button, self.delete_session_button])
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.setSpacing(0)
        lv.addWidget(QLabel("<b>Days and sessions</b>"))
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.session_bar)
        lv.addWidget(self.session_bar2)

        self.header = QLabel()
        self.header.setObjectName("sessionHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.model = AgendaModel(self)
        self.model.item_dropped.connect(self._item_dropped)
        self.model.tool_dropped.connect(self._tool_dropped)
        self.table = QTableView()
        self.table.setObjectName("agenda")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # only the Min cell edits in place (double-click or F2); the rest is in the item dialog
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(MINUTES_COL, MinutesDelegate(self.table))
        self.model.minutes_edited.connect(self._minutes_edited)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)  # Method / materials takes what the others leave
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda i: i.column() != MINUTES_COL and self.edit_item())
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(PROBLEM_STYLE)
        self.problems.hide()

        bar = QToolBar()  # editing the chosen item
        self.item_bar = bar
        self.add_button = self._action(bar, "Add item…", self.add_item)
        self.edit_button = self._action(bar, "Edit item…", self.edit_item)
        self.dup_button = self._action(bar, "Duplicate item", self.duplicate_item)
        self.delete_button = self._action(bar, "Delete item", self.delete_item)
        bar.addSeparator()
        self.up_button = self._action(bar, "Move up", lambda: self.step_item(-1))
        self.down_button = self._action(bar, "Move down", lambda: self.step_item(1))
        # the method cards, then moving to another session; the shortest label comes first, as
        # a toolbar is never narrower than its first button (and the window has to fit 720 px)
        bar2 = QToolBar()
        self.card_bar = bar2
        self.cards_toggle = bar2.addAction("Cards panel")
        self.cards_toggle.setCheckable(True)
        self.cards_toggle.setToolTip("Show the method cards beside the agenda, to drag onto it")
        self.from_card_button = self._action(bar2, "Add from card…",
                                             lambda: agenda_cards.pick_and_add(self))
        self.from_card_button.setToolTip("Add an item made from a card of the tool library")
        self.card_button = self._action(bar2, "Method card…", lambda: agenda_cards.link_card(self))
        self.card_button.setToolTip("Link the item to a card from the tool library")
        bar2.addSeparator()
        self.move_button = self._action(bar2, "Move to session…", self.move_item_to_session)
        self.add_button.setToolTip("Add an item at the end of the session")
        self.edit_button.setToolTip("Edit the chosen item (Enter)")
        self.dup_button.setToolTip("Copy the chosen item")
        self.delete_button.setToolTip("Delete the chosen item (Delete)")
        self.up_button.setToolTip("Move the item up (Alt+Up)")
        self.down_button.setToolTip("Move the item down (Alt+Down)")
        self.move_button.setToolTip("Move the item to another session of this event")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.edit_button, self.dup_button, self.delete_button,
                               self.up_button, self.down_button, self.move_button,
                               self.card_button])

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.header)
        rv.addWidget(self.table, 1)
        rv.addWidget(self.problems)
        rv.addWidget(bar)
        rv.addWidget(bar2)

        self.cards = agenda_cards.cards_panel(self)
        self.cards.hide()
        self.cards_toggle.toggled.connect(self.cards.setVisible)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.addWidget(self.cards)
        split.setStretchFactor(1, 1)
        split.setSizes([315, 755, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)
        ctx.changed.connect(self._on_changed)
        self._update_buttons()

    @staticmethod
    def _action(bar: QToolBar, text: str, slot) -> QAction:
        """A toolbar action labelled exactly `text`: Qt's default icon text drops the "…" that
        says a dialog opens, so it is set explicitly."""
        act = bar.addAction(text)
        act.setIconText(text)
        act.triggered.connect(lambda _=False: slot())
        return act

    # loading -----------------------------------------------------------------------------
    def show_event(self, event_id: int | None) -> None:
        if event_id != self.event_id:
            self.session_id = None
        self.event_id = event_id
        self.reload()

    def reload(self) -> None:
        if self._loading:
            self._again = True
            return
        if self.event_id is None:
            self._show(None)
            return
        self._loading = True
        db, event_id = self.ctx.db, self.event_id
        run_in_background(lambda: plan_view.event_plan(db, event_id), while_alive(self, self._loaded),
                          while_alive(self, self._failed))

    def _loaded(self, plan: dict) -> None:
        self._loading = False
        if self._again or plan["id"] != self.event_id:
            self._again = False
            self.reload()
            return
        self._show(plan)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        if self._again:  # a newer request is waiting: this failure is about an older one
            self._again = False
            self.reload()
            return
        self.event_id = None
        self._show(None)
        self.ctx.reload_failed(exc, self)

    def _on_changed(self, changes) -> None:
        if self.event_id is not None and (
            "*" in changes.kinds or changes.touches("events", "plan_sessions", "agenda_items")
        ):
            self.reload()

    @property
    def loading(self) -> bool:
        return self._loading

    def _show(self, plan: dict | None) -> None:
        self.plan = plan
        keep_item = self._select_item or (self.current_item() or {}).get("id")
        self._select_item = None
        self.tree.blockSignals(True)
        self.tree.clear()
        target = None
        first = None
        for day in (plan or {}).get("days_plan", []):
            span = (f"{clock(day['start_at'])}–{clock(day['end_at'])}"
                    if day["start_at"] is not None else "no sessions yet")
            warn = "  ⚠" if day["problems"] or any(s["problems"] for s in day["sessions"]) else ""
            top = QTreeWidgetItem([f"{day['label']}  {span}{warn}"])
            top.setData(0, SESSION_ROLE, None)
            top.setToolTip(0, "\n".join([f"{day['label']}: {length(day['minutes'])}",
                                         *day["problems"]]))
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            self.tree.addTopLevelItem(top)
            for ps in day["sessions"]:
                mark = "  ⚠" if ps["problems"] else ""
                child = QTreeWidgetItem([f"{clock(ps['start_at'])}  {ps['title']}{mark}"])
                child.setData(0, SESSION_ROLE, ps["id"])
                child.setToolTip(0, "\n".join([
                    ps["title"], f"{clock(ps['start_at'])}–{clock(ps['end_at'])} · "
                    f"{length(ps['minutes'])}", *ps["problems"]]))
                top.addChild(child)
                first = first or child
                if ps["id"] == self.session_id:
                    target = child
            top.setExpanded(True)
        self.tree.blockSignals(False)
        target = target or first
        if target is not None:
            self.tree.setCurrentItem(target)
        self.session_id = target.data(0, SESSION_ROLE) if target is not None else None
        self._show_session(keep_item)
        self.plan_loaded.emit(plan)

    def _tree_changed(self, current, _previous) -> None:
        if current is None:
            return
        sid = current.data(0, SESSION_ROLE)
        if sid is None and current.childCount():
            self.tree.setCurrentItem(current.child(0))
            return
        self.session_id = sid
        self._show_session(None)

    def session(self) -> dict | None:
        for day in (self.plan or {}).get("days_plan", []):
            for ps in day["sessions"]:
                if ps["id"] == self.session_id:
                    return ps | {"day_record": day}
        return None

    def _show_session(self, keep_item: int | None) -> None:
        ps = self.session()
        self.model.set_items(ps["items"] if ps else [])
        if ps is None:
            text = ("<p>Choose or add an event on the left.</p>" if self.plan is None else
                    "<p>This event has no sessions yet: use <b>Add session…</b>.</p>")
            self.header.setText(text)
            self.problems.hide()
            self._update_buttons()
            return
        day = ps["day_record"]
        start_kind = "" if ps["start_minutes"] is not None else " (after the session before)"
        objectives = "".join(f"<li>{escape(o)}</li>" for o in ps["objectives"].splitlines() if o.strip())
        self.header.setText(
            f"<h3 style='margin:0'>{escape(ps['title'])}</h3>"
            f"<span style='color:#444'>{escape(day['label'])} · {clock(ps['start_at'])}–"
            f"{clock(ps['end_at'])}{start_kind} · session {length(ps['minutes'])} · "
            f"day {length(day['minutes'])}</span>"
            + (f"<ul style='margin:2px 0'>{objectives}</ul>" if objectives else "")
            + (f"<span style='color:#555'><i>Notes:</i> {escape(ps['facilitator_notes'])}</span>"
               if ps["facilitator_notes"].strip() else "")
        )
        problems = day["problems"] + ps["problems"]
        self.problems.setText("\n".join(f"⚠ {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        if keep_item is not None:
            self.select_item(keep_item)
        self._update_buttons()

    # selection ---------------------------------------------------------------------------
    def current_item(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)

    def select_session(self, session_id: int) -> None:
        self.session_id = session_id
        self._show(self.plan)

    def _update_buttons(self) -> None:
        has_event = self.event_id is not None
        has_session = self.session() is not None
        has_item = self.current_item() is not None
        self.add_session_button.setEnabled(has_event)
        for b in (self.edit_session_button, self.dup_session_button, self.delete_session_button,
                  self.add_button, self.from_card_button):
            b.setEnabled(has_session)
        for b in (self.edit_button, self.dup_button, self.up_button, self.down_button,
                  self.move_button, self.card_button, self.delete_button):
            b.setEnabled(has_item)

    def _fit_columns(self) -> None:
        """Give Item a share of the width the short columns leave, and Method the rest."""
        fixed = sum(self.table.columnWidth(c) for c in (0, 1, 2, 4, 5))
        free = self.table.viewport().width() - fixed
        item = min(ITEM_MAX, int(free * ITEM_SHARE), free - METHOD_MIN)
        self.table.setColumnWidth(3, max(ITEM_MIN, item))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if obj is self.table and event.type() == QEvent.Type.KeyPress and (
                self.table.state() != QAbstractItemView.State.EditingState):
            # (while the Min cell is being edited, its Enter and Delete are the spin box's)
            mods = event.modifiers()
            if mods == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.step_item(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if not mods and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_item()
                return True
            if not mods and event.key() == Qt.Key.Key_Delete:
                self.delete_item()
                return True
        return super().eventFilter(obj, event)

    # sessions ----------------------------------------------------------------------------
    def _default_day(self):
        ps = self.session()
        if ps is not None:
            return ps["day"]
        return self.plan["start_date"] if self.plan else None

    def add_session(self) -> None:
        if self.event_id is None:
            return
        db, event_id = self.ctx.db, self.event_id

        def submit(values):
            sessions.validate(values)
            new = edits.create(self.ctx, "Add session",
                               lambda: sessions.create_session(db, event_id, values),
                               lambda i: sessions.delete_session(db, i),
                               lambda snap: sessions.restore(db, snap, self.ctx.cohort_id))
            if new is None:
                return False
            self.session_id = new
            return new

        FormDialog(self, "Add session", sessions.FIELDS, {"day": self._default_day()},
                   submit=submit).exec()

    def edit_session(self) -> None:
        ps = self.session()
        if ps is None:
            return
        db = self.ctx.db
        before = {f.name: ps[f.name] for f in sessions.FIELDS}

        def submit(values):
            sessions.validate(values)
            return undo.edit(self.ctx, "session", lambda i, v: sessions.update_session(db, i, v),
                             ps["id"], before, clean(sessions.FIELDS, values)) or False

        FormDialog(self, f"Edit session: {ps['title']}", sessions.FIELDS, before,
                   submit=submit).exec()

    def duplicate_session(self) -> None:
        ps = self.session()
        if ps is None:
            return
        db = self.ctx.db
        new = edits.create(self.ctx, "Duplicate session",
                           lambda: sessions.duplicate_session(db, ps["id"]),
                           lambda i: sessions.delete_session(db, i),
                           lambda snap: sessions.restore(db, snap, self.ctx.cohort_id))
        if new is not None:
            self.session_id = new

    def delete_session(self) -> None:
        ps = self.session()
        if ps is None or not messages.confirm(
            self, "Delete session",
            f"Delete the session {ps['title']!r} and its {count(len(ps['items']), 'item')}?\n"
            "You can undo this with Ctrl+Z.",
        ):
            return
        db = self.ctx.db
        undo.remove(self.ctx, "session", lambda i: sessions.delete_session(db, i),
                    lambda snap: sessions.restore(db, snap, self.ctx.cohort_id), ps["id"])

    # items ---------------------------------------------------------------------------------
    def add_item(self, position: int | None = None) -> None:
        ps = self.session()
        if ps is None:
            return
        db, sid = self.ctx.db, ps["id"]

        def submit(values):
            agenda.validate(values)
            new = edits.create(self.ctx, "Add agenda item",
                               lambda: agenda.create_item(db, sid, values, position),
                               lambda i: agenda.delete_item(db, i),
                               lambda snap: agenda.restore(db, snap, self.ctx.cohort_id))
            if new is None:
                return False
            self._select_item = new
            return new

        FormDialog(self, f"Add an item to {ps['title']}", agenda.FIELDS,
                   {"kind": "activity", "duration": "15"}, submit=submit,
                   shown_as=ITEM_EDITORS).exec()

    def edit_item(self) -> None:
        it = self.current_item()
        if it is None:
            return
        db = self.ctx.db
        before = {f.name: it[f.name] for f in agenda.FIELDS}

        def submit(values):
            agenda.validate(values)
            return undo.edit(self.ctx, "agenda item", lambda i, v: agenda.update_item(db, i, v),
                             it["id"], before, clean(agenda.FIELDS, values)) or False

        FormDialog(self, f"Edit item: {it['title']}", agenda.FIELDS, before, submit=submit,
                   shown_as=ITEM_EDITORS).exec()

    def _minutes_edited(self, item_id: int, minutes: int) -> None:
        row = self.model.row_of(item_id)
        it = self.model.item(row)
        if it is None:
            return
        db, before = self.ctx.db, it["duration_minutes"]
        self._select_item = item_id
        edits.set_value(self.ctx, f"Change {it['title']} to {minutes} min",
                        lambda m: agenda.update_item(db, item_id, {"duration": str(m)}),
                        before, minutes)

    def duplicate_item(self) -> None:
        it = self.current_item()
        if it is None:
            return
        db = self.ctx.db
        new = edits.create(self.ctx, "Duplicate agenda item",
                           lambda: agenda.duplicate_item(db, it["id"]),
                           lambda i: agenda.delete_item(db, i),
                           lambda snap: agenda.restore(db, snap, self.ctx.cohort_id))
        if new is not None:
            self._select_item = new

    def delete_item(self) -> None:
        it = self.current_item()
        if it is None or not messages.confirm(
            self, "Delete item", f"Delete {it['title']!r} from the agenda?\n"
            "You can undo this with Ctrl+Z.",
        ):
            return
        db = self.ctx.db
        undo.remove(self.ctx, "agenda item", lambda i: agenda.delete_item(db, i),
                    lambda snap: agenda.restore(db, snap, self.ctx.cohort_id), it["id"])

    def _move(self, text: str, item_id: int, session_id: int, position: int) -> None:
        db = self.ctx.db
        self._select_item = item_id
        edits.move(self.ctx, text, lambda i, s, p: agenda.move_item(db, i, s, p),
                   item_id, session_id, position)

    def step_item(self, delta: int) -> None:
        it = self.current_item()
        if it is None:
            return
        row = self.model.row_of(it["id"]) + delta
        if 0 <= row < self.model.rowCount():
            self._move("Move item " + ("up" if delta < 0 else "down"), it["id"], it["session_id"],
                       row)

    def move_item_to_session(self) -> None:
        it = self.current_item()
        if it is None or self.plan is None:
            return
        choices = [(f"{day['label']} · {clock(ps['start_at'])} {ps['title']}", ps["id"])
                   for day in self.plan["days_plan"] for ps in day["sessions"]
                   if ps["id"] != it["session_id"]]
        if not choices:
            messages.warn(self, "Move item", "This event has no other session to move it to.")
            return
        target = choose_session(self, f"Move {it['title']!r} to…", choices)
        if target is not None:
            self._move("Move item to another session", it["id"], target, 10**6)
            self.session_id = target

    def _item_dropped(self, item_id: int, row: int) -> None:
        ps = self.session()
        if ps is None:
            return
        current = self.model.row_of(item_id)
        if current < 0:  # dragged from another view of the same cohort: put it here
            self._move("Move item to another session", item_id, ps["id"], row)
            return
        target = row - 1 if row > current else row
        if target != current:
            self._move("Move item", item_id, ps["id"], target)

    def _tool_dropped(self, payload: bytes, row: int) -> None:
        ps = self.session()
        if ps is None:
            return
        try:
            values = agenda.tool_payload(payload)
        except ValidationError as exc:
            self.ctx.show_error(exc, self)
            return
        db, sid = self.ctx.db, ps["id"]
        new = edits.create(self.ctx, f"Add {values['title']} from the library",
                           lambda: agenda.create_item(db, sid, values, row),
                           lambda i: agenda.delete_item(db, i),
                           lambda snap: agenda.restore(db, snap, self.ctx.cohort_id))
        if new is not None:
            self._select_item = new
