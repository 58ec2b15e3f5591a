"""The Tool library area: search as you type with filters on the left, the card on the right.

Queries run in a worker (debounced), so typing never waits for the database; a result that
arrives after a newer query has started is dropped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.library import builtin, packs, search, tools
from facilitator.services.library.forms import FORM_FIELDS, blank_form, card_to_form, form_to_card
from facilitator.ui import messages, undo
from facilitator.ui.library.card_view import CardView
from facilitator.ui.library.import_dialog import ImportDialog
from facilitator.ui.library.print_dialog import PrintCardsDialog
from facilitator.ui.library.results_model import RecordRole, ToolListModel
from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.workers import run_in_background, while_alive

DEBOUNCE_MS = 120


FITS = [("Any length", None), ("Fits in 15 min", 15), ("Fits in 30 min", 30), ("Fits in 45 min", 45),
        ("Fits in 60 min", 60), ("Fits in 90 min", 90)]
GROUPS = [("Any group size", None), ("Pairs (2)", 2), ("3–6 people", 4), ("7–12 people", 10),
          ("13–24 people", 18), ("25 or more", 30)]


class LibraryArea(QWidget):
    title = "Tool library"
    results_shown = Signal(int)  # rows shown, after each search

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._busy = False
        self._again = False
        self._current: dict | None = None
        self._select_after: int | None = None

        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText("Search cards: name, summary, steps, tips…")
        self.search_box.setClearButtonEnabled(True)
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.addItem("All themes", "")
        self.fits = QComboBox()
        self.fits.setObjectName("fits")
        for label, value in FITS:
            self.fits.addItem(label, value)
        self.group = QComboBox()
        self.group.setObjectName("group")
        for label, value in GROUPS:
            self.group.addItem(label, value)
        self.favourites_only = QCheckBox("★ Favourites")
        self.favourites_only.setObjectName("favouritesOnly")
        self.count = QLabel()
        self.count.setObjectName("count")

        self.model = ToolListModel(self)
        self.results = QListView()
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setDragEnabled(True)
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(1)
        self.results.setStyleSheet("QListView#results::item { padding: 5px 6px; }")
        self.results.selectionModel().currentChanged.connect(lambda *_: self._show_current())

        self.card = CardView()
        self.new_button = QPushButton("New card…")
        self.edit_button = QPushButton("Edit…")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.favourite_button = QPushButton("☆ Favourite")
        self.favourite_button.setCheckable(True)
        self.reset_button = QPushButton("Reset to built-in")
        self.import_button = QPushButton("Import pack…")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Export the selected cards (or all cards shown) as a tool pack")
        self.print_button = QPushButton("Print cards…")
        self.print_button.setObjectName("printCards")
        self.print_button.setToolTip("A PDF deck of method cards to print and cut: 1, 2 or 4 a sheet")
        for b, fn in ((self.new_button, self.new_card), (self.edit_button, self.edit_card),
                      (self.duplicate_button, self.duplicate_card), (self.delete_button, self.delete_card),
                      (self.favourite_button, self.toggle_favourite), (self.reset_button, self.reset_card),
                      (self.import_button, self.import_pack), (self.export_button, self.export_pack),
                      (self.print_button, self.print_cards)):
            b.clicked.connect(lambda _=False, f=fn: f())

        filters = QHBoxLayout()
        for w in (self.theme, self.fits, self.group):
            filters.addWidget(w, 1)
        filters.addWidget(self.favourites_only)
        exchange = QHBoxLayout()
        exchange.addWidget(self.new_button)
        exchange.addWidget(self.import_button)
        exchange.addWidget(self.export_button)
        exchange.addWidget(self.print_button)
        exchange.addStretch(1)
        exchange.addWidget(self.count)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self.search_box)
        lv.addLayout(filters)
        lv.addWidget(self.results, 1)
        lv.addLayout(exchange)

        actions = QHBoxLayout()
        for b in (self.favourite_button, self.edit_button, self.duplicate_button, self.reset_button,
                  self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.addLayout(actions)
        rv.addWidget(self.card, 1)

        for pane in (left, right):  # let a narrow window squeeze the panes rather than grow
            pane.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        for combo in (self.theme, self.fits, self.group):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.favourites_only.toggled.connect(lambda _on: self.refresh())
        self.search_box.returnPressed.connect(self._first_result)
        ctx.changed.connect(self._on_changed)
        self._update_buttons()
        self._sync_then_search()

    # searching ---------------------------------------------------------------------------
    def _sync_then_search(self) -> None:
        db = self.ctx.db
        run_in_background(lambda: builtin.sync_builtin_cards(db), while_alive(self, self._synced),
                          while_alive(self, self._failed))

    def _synced(self, changes) -> None:
        self.ctx.broadcast(changes)
        if not changes:
            self.refresh()

    def query(self) -> search.Query:
        return search.Query(
            text=self.search_box.text(), theme=self.theme.currentData() or "",
            fits_minutes=self.fits.currentData(), group=self.group.currentData(),
            favourites=self.favourites_only.isChecked(),
        )

    def refresh(self) -> None:
        """Run the current query in the background (one at a time; the newest wins)."""
        self.timer.stop()
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._generation += 1
        gen, db, q = self._generation, self.ctx.db, self.query()
        run_in_background(
            lambda: (search.search_tools(db, q), search.list_themes(db)),
            while_alive(self, lambda result: self._shown(gen, *result)), while_alive(self, self._failed),
        )

    def _shown(self, gen: int, rows: list[dict], themes: list[str]) -> None:
        self._busy = False
        if self._again or gen != self._generation:
            self._again = False
            self.refresh()
            return
        keep = self._select_after or (self._current or {}).get("id")
        self._select_after = None
        self._set_themes(themes)
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and rows and self.search_box.text().strip():
            row = 0
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))
        else:
            self._current = None
            self.card.show_empty("No cards match this search." if not rows else
                                 "Choose a card on the left to read it here.")
        self.count.setText(count(len(rows), 'card') + (" (first 200)" if len(rows) >= search.LIMIT else ""))
        self._update_buttons()
        self.results_shown.emit(len(rows))

    def _set_themes(self, themes: list[str]) -> None:
        current = self.theme.currentData()
        wanted = [""] + themes
        if [self.theme.itemData(i) for i in range(self.theme.count())] == wanted:
            return
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem("All themes", "")
        for t in themes:
            self.theme.addItem(t[:1].upper() + t[1:], t)
        self.theme.setCurrentIndex(max(self.theme.findData(current), 0))
        self.theme.blockSignals(False)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.ctx.reload_failed(exc, self)

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches("tools", "agenda_items"):
            self.refresh()  # agenda edits change how often a card is used

    def _first_result(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0))

    # the open card ---------------------------------------------------------------------------
    def _show_current(self) -> None:
        rec = self.results.currentIndex().data(RecordRole)
        if rec is None:
            self._current = None
            self.card.show_empty()
            self._update_buttons()
            return
        full = self.ctx.call(tools.get_tool, self.ctx.db, rec["id"], parent=self)
        self._current = full
        if full is not None:
            self.card.show_card(full, builtin.newer_builtin(full))
        self._update_buttons()

    def current(self) -> dict | None:
        return self._current

    def select_key(self, key: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.record(row)["key"] == key:
                self.results.setCurrentIndex(self.model.index(row))
                return

    def _update_buttons(self) -> None:
        rec = self._current
        for b in (self.edit_button, self.duplicate_button, self.favourite_button):
            b.setEnabled(rec is not None)
        self.delete_button.setEnabled(rec is not None and not rec["builtin"])
        self.delete_button.setToolTip(
            "Built-in cards cannot be deleted; edit or duplicate them instead."
            if rec and rec["builtin"] else ""
        )
        self.reset_button.setVisible(bool(rec and rec["builtin"]))
        self.reset_button.setEnabled(bool(rec and rec["user_modified"]))
        fav = bool(rec and rec["favourite"])
        self.favourite_button.setChecked(fav)
        self.favourite_button.setText("★ Favourite" if fav else "☆ Favourite")
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # editing ------------------------------------------------------------------------------
    def new_card(self) -> None:
        db = self.ctx.db

        def submit(values):
            form_to_card(values, "new-card")  # a ValidationError shows under its field
            new_id = undo.add(
                self.ctx, "card", lambda: tools.create_tool(db, values),
                lambda tid: tools.delete_tool(db, tid), lambda snap: tools.restore_tools(db, snap),
            )
            if new_id is None:
                return False
            self._select_after = new_id
            return new_id

        self._card_form("New card", blank_form(), submit).exec()

    def edit_card(self) -> None:
        rec = self._current
        if rec is None:
            return
        db, tid = self.ctx.db, rec["id"]
        before = self.ctx.call(tools.tool_state, db, tid, parent=self)
        if before is None:
            return
        note = " (built-in: your edit becomes your version)" if rec["builtin"] and not rec["user_modified"] else ""

        def submit(values):
            form_to_card(values, rec["key"])  # a ValidationError shows under its field
            if values == card_to_form(rec):
                return True
            return undo.perform(
                self.ctx, f"Edit card {rec['name']}",
                lambda: tools.update_tool(db, tid, values),
                lambda: tools.put_state(db, tid, before),
            ) or False

        self._card_form(f"Edit card: {rec['name']}{note}", card_to_form(rec), submit).exec()

    def _card_form(self, title: str, values: dict, submit) -> FormDialog:
        """The shared form, made roomy enough for a card's steps and lists."""
        dlg = FormDialog(self, title, FORM_FIELDS, values, submit=submit)
        dlg.editors["steps"].widget.setMinimumHeight(170)
        dlg.editors["steps"].widget.setMaximumHeight(260)
        for name in ("purpose", "tips", "considerations"):
            dlg.editors[name].widget.setMaximumHeight(140)
        dlg.resize(820, 860)
        return dlg

    def duplicate_card(self) -> None:
        rec = self._current
        if rec is None:
            return
        db = self.ctx.db
        new_id = undo.add(
            self.ctx, "copy of a card", lambda: tools.duplicate_tool(db, rec["id"]),
            lambda tid: tools.delete_tool(db, tid), lambda snap: tools.restore_tools(db, snap),
        )
        if new_id is not None:
            self._select_after = new_id

    def delete_card(self) -> None:
        rec = self._current
        if rec is None:
            return
        if not messages.confirm(self, "Delete card", f"Delete the card {rec['name']!r}?\nYou can undo this with Ctrl+Z."):
            return
        db = self.ctx.db
        undo.remove(self.ctx, "card", lambda tid: tools.delete_tool(db, tid),
                    lambda snap: tools.restore_tools(db, snap), rec["id"])

    def toggle_favourite(self) -> None:
        rec = self._current
        if rec is None:
            return
        db, tid, on = self.ctx.db, rec["id"], not rec["favourite"]
        undo.perform(
            self.ctx, ("Favourite " if on else "Unfavourite ") + rec["name"],
            lambda: tools.set_favourite(db, tid, on), lambda: tools.set_favourite(db, tid, not on),
        )

    def reset_card(self) -> None:
        rec = self._current
        if rec is None or not rec["builtin"]:
            return
        if not messages.confirm(self, "Reset to built-in",
                                f"Put the built-in text of {rec['name']!r} back, replacing your edits?\n"
                                "You can undo this with Ctrl+Z.", yes="Reset"):
            return
        db, tid = self.ctx.db, rec["id"]
        before = self.ctx.call(tools.tool_state, db, tid, parent=self)
        if before is not None:
            undo.perform(self.ctx, f"Reset {rec['name']}", lambda: builtin.reset_to_builtin(db, tid),
                         lambda: tools.put_state(db, tid, before))

    # exchange ------------------------------------------------------------------------------
    def chosen_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.results.selectionModel().selectedIndexes())
        if not rows:
            rows = list(range(self.model.rowCount()))
        return [self.model.record(r)["key"] for r in rows]

    def export_pack(self, path: str | None = None) -> None:
        keys = self.chosen_keys()
        if not keys:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, f"Export {count(len(keys), 'card')} as a tool pack", "tool-pack.json", "Tool pack (*.json)"
            )
            if not path:
                return
        db, window = self.ctx.db, self.window()

        def done(n):
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"Exported {count(n, 'card')} to {path}", 8000)
            self.exported.emit(n)

        run_in_background(lambda: packs.export_pack(db, Path(path), keys), while_alive(self, done),
                          while_alive(self, lambda exc: self.ctx.show_error(exc, self)))

    exported = Signal(int)

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.results.selectionModel().selectedIndexes())
        return [self.model.record(r)["key"] for r in rows]

    def print_cards(self) -> PrintCardsDialog:
        """Print cards…: the dialog opens with the selected cards (if any) as the choice."""
        dlg = PrintCardsDialog(self.ctx, self.selected_keys(), self)
        dlg.open()
        return dlg

    def import_pack(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import a tool pack", "", "Tool pack (*.json);;All files (*)")
            if not path:
                return
        db = self.ctx.db

        def read():
            cards = packs.read_pack(Path(path))
            return cards, packs.plan_import(db, cards)

        run_in_background(read, while_alive(self, lambda r: self._confirm_import(Path(path).name, *r)),
                          while_alive(self, lambda exc: self.ctx.show_error(exc, self)))

    def _confirm_import(self, name: str, cards: list[dict], plan) -> None:
        dlg = ImportDialog(self, name, plan)
        if dlg.exec() != ImportDialog.DialogCode.Accepted:
            return
        how, db, state = dlg.resolution(), self.ctx.db, {}

        def do():
            state["result"] = packs.apply_import(db, cards, how)
            return state["result"].changes

        undo.perform(self.ctx, f"Import {name}", do, lambda: packs.undo_import(db, state["result"]),
                     lambda: packs.redo_import(db, state["result"]))
