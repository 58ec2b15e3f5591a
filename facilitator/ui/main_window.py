"""The main window: side navigation of areas, a cohort chooser, menus and remembered state.

The window shows at once; after the database has opened (attach), each area is built the
first time it is shown or asked for, so start-up pays only for the area on screen."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from facilitator import APP_NAME, __version__
from facilitator.ui.areas import AREAS
from facilitator.ui.settings import settings

AREA_KEYS = [key for key, _title, _target in AREAS]


def _first_size(window) -> tuple[int, int]:
    """Most of the screen on first start (plans want width), but no bigger than 1600×1000."""
    screen = window.screen()
    if screen is None:
        return 1280, 800
    avail = screen.availableGeometry()
    return min(1600, max(800, avail.width() - 40)), min(1000, max(600, avail.height() - 60))


class LazyAreas(dict):
    """Area key -> widget, built on first use (window.areas["plans"] builds the Plans area)."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def __missing__(self, key: str):
        if key not in AREA_KEYS:
            raise KeyError(key)
        self[key] = widget = self._build(key)
        return widget

    def __contains__(self, key) -> bool:
        return key in AREA_KEYS

    def built(self) -> list[str]:
        return list(dict.keys(self))


class MainWindow(QMainWindow):

    def __init__(self):
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("MainWindow")
        self.ctx = None
        self.selector = None
        self.areas = LazyAreas(self._build_area)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(220)
        self.nav.setMinimumWidth(120)
        self.nav.setStyleSheet("QListWidget#nav { font-size: 11pt; } QListWidget#nav::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self.waiting = QLabel("Opening the database…")
        # Centred by style sheet: touching PySide's Qt namespace here would build its few
        # hundred enums (13 ms) before the window can show.
        self.waiting.setStyleSheet("qproperty-alignment: AlignCenter; color: #555;")
        self.stack.addWidget(self.waiting)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([145, 1255])
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self._show_area)
        self.toolbar = QToolBar("Cohort")
        self.toolbar.setObjectName("cohortToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.statusBar().showMessage("Opening the database…")
        self._build_menus()
        self._restore_state()

    # menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.act_new_cohort = self._action(self.file_menu, "&New cohort…", QKeySequence.StandardKey.New)
        self.act_edit_cohort = self._action(self.file_menu, "&Edit cohort…", "Ctrl+E")
        self.act_delete_cohort = self._action(self.file_menu, "&Delete cohort…")
        self.file_menu.addSeparator()
        self.act_demo = self._action(self.file_menu, "Add the &demo cohort")
        self.act_backup = self._action(self.file_menu, "&Back up now", "Ctrl+Shift+B")
        self.file_menu.addSeparator()
        self.act_quit = self._action(self.file_menu, "&Quit", QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        help_menu = bar.addMenu("&Help")
        about = self._action(help_menu, "&About Facilitator")
        about.triggered.connect(self._about)
        for act in (self.act_new_cohort, self.act_edit_cohort, self.act_delete_cohort,
                    self.act_demo, self.act_backup):
            act.setEnabled(False)

    def _action(self, menu, text, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        menu.addAction(act)
        return act

    # attaching the database ---------------------------------------------------------------
    def attach(self, ctx) -> None:
        from facilitator.ui.cohort_selector import CohortSelector

        self.ctx = ctx
        ctx.window = self
        undo_act = ctx.undo_stack.createUndoAction(self, "&Undo")
        undo_act.setShortcut(QKeySequence.StandardKey.Undo)
        redo_act = ctx.undo_stack.createRedoAction(self, "&Redo")
        redo_act.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(undo_act)
        self.edit_menu.addAction(redo_act)
        self.undo_action, self.redo_action = undo_act, redo_act

        self.selector = CohortSelector(ctx, self)
        self.toolbar.addWidget(QLabel(" Cohort: "))
        self.toolbar.addWidget(self.selector)
        self.act_new_cohort.triggered.connect(self.selector.new_cohort)
        self.act_edit_cohort.triggered.connect(self.selector.edit_cohort)
        self.act_delete_cohort.triggered.connect(self.selector.delete_cohort)
        self.act_backup.triggered.connect(self._backup)
        for act in (self.act_new_cohort, self.act_edit_cohort, self.act_delete_cohort,
                    self.act_demo, self.act_backup):
            act.setEnabled(True)
        importlib.import_module("facilitator.ui.workbooks.actions").install(self)

        remembered = settings().value(self._cohort_key())
        ctx.cohort_id = None
        rows = self.selector.reload(int(remembered) if remembered else None)
        self.stack.removeWidget(self.waiting)
        for i, (_key, title, _target) in enumerate(AREAS):
            self.stack.addWidget(QWidget())  # stands in until the area is first shown
            self.nav.addItem(title)
            act = self._action(self.view_menu, title, f"Ctrl+{i + 1}")
            act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
        last = settings().value("window/area", 0)
        self.nav.setCurrentRow(min(int(last or 0), len(AREAS) - 1))
        self._show_area(self.nav.currentRow())
        self.statusBar().showMessage(f"Database: {ctx.db.path}", 8000)
        self.first_run = not rows

    def show_area(self, key: str):
        """Switch to the area registered under `key` and return it."""
        self.nav.setCurrentRow(AREA_KEYS.index(key))
        return self.areas[key]

    def _show_area(self, row: int) -> None:
        if self.ctx is not None and 0 <= row < len(AREAS):
            area = self.areas[AREA_KEYS[row]]
            self.stack.setCurrentWidget(area)

    def _build_area(self, key: str):
        row = AREA_KEYS.index(key)
        module_name, cls_name = AREAS[row][2].split(":")
        area = getattr(importlib.import_module(module_name), cls_name)(self.ctx, self)
        stand_in = self.stack.widget(row)
        self.stack.insertWidget(row, area)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        return area

    def _cohort_key(self) -> str:
        path = str(self.ctx.db.path) if self.ctx else ""
        return "cohort/" + path.replace("/", "|").replace("\\", "|")

    def _backup(self) -> None:
        from facilitator.ui.workers import run_in_background

        self.statusBar().showMessage("Backing up…")
        db = self.ctx.db
        run_in_background(
            lambda: db.backup("manual"),
            lambda dest: self.statusBar().showMessage(f"Backup written and checked: {dest}", 10000),
            lambda exc: self.ctx.show_error(exc, self),
        )

    def _about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>Plans, records and worksheets for cohort "
            "programmes with frontline workers. Everything stays on this computer.</p>",
        )

    # remembered state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*_first_size(self))
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        split = s.value("window/splitter")
        if isinstance(split, QByteArray):
            self.splitter.restoreState(split)

    def save_state(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        if self.ctx is not None:
            s.setValue("window/area", self.nav.currentRow())
            if self.ctx.cohort_id is not None:
                s.setValue(self._cohort_key(), self.ctx.cohort_id)
        s.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        super().closeEvent(event)
