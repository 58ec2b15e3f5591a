"""The main window: side navigation of areas, a cohort chooser, menus and remembered state.

The window shows at once; after the database has opened (attach), each area is built the
first time it is shown or asked for, so start-up pays only for the area on screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Signal
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

from facilitator import APP_NAME
from facilitator.ui.areas import AREAS
from facilitator.ui.privacy.export_log_dialog import show_export_log
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
    database_requested = Signal(object)  # Path: File → New / Open / Open recent chose this file

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
        self._build_file_menu(self.file_menu)
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        help_menu = bar.addMenu("&Help")
        self.help_menu = help_menu
        self.act_guide = self._action(help_menu, "User &guide", "F1")
        self.act_guide.triggered.connect(lambda: self._show_guide())
        self.act_shortcuts = self._action(help_menu, "&Keyboard shortcuts")
        self.act_shortcuts.triggered.connect(lambda: self._show_guide("shortcuts"))
        help_menu.addSeparator()
        self.act_export_log = self._action(help_menu, "E&xport log…")
        self.act_export_log.triggered.connect(lambda: show_export_log(self.ctx, self))
        about = self._action(help_menu, "&About Facilitator")
        about.triggered.connect(self._about)
        for act in self._needs_database():
            act.setEnabled(False)

    def _build_file_menu(self, menu) -> None:
        """The File menu, top to bottom: databases, cohorts, the demo and backups, Quit.
        New entries (printing, importing, restoring) slot in between the separators here."""
        from facilitator.ui import recent_files

        self.act_new_db = self._action(menu, "New data&base…")
        self.act_new_db.triggered.connect(lambda: recent_files.ask_new_database(self))
        self.act_open_db = self._action(menu, "&Open database…", QKeySequence.StandardKey.Open)
        self.act_open_db.triggered.connect(lambda: recent_files.ask_open_database(self))
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(lambda: recent_files.fill_menu(self, self.recent_menu))
        menu.addSeparator()
        self.act_new_cohort = self._action(menu, "&New cohort…", QKeySequence.StandardKey.New)
        self.act_edit_cohort = self._action(menu, "&Edit cohort…", "Ctrl+E")
        self.act_delete_cohort = self._action(menu, "&Delete cohort…")
        for act, name in ((self.act_new_cohort, "new_cohort"), (self.act_edit_cohort, "edit_cohort"),
                          (self.act_delete_cohort, "delete_cohort")):
            act.triggered.connect(lambda _=False, n=name: self.selector and getattr(self.selector, n)())
        menu.addSeparator()
        self.act_demo = self._action(menu, "Add the &demo cohort")
        self.act_backup = self._action(menu, "&Back up now", "Ctrl+Shift+B")
        self.act_backup.triggered.connect(self._backup)
        self.act_restore = self._action(menu, "&Restore from backup…")
        self.act_restore.triggered.connect(self._restore_from_backup)
        from facilitator.ui.database.encryption import add_encryption_menu

        add_encryption_menu(self, menu)  # Encrypt this database… / Change passphrase… / Remove
        menu.addSeparator()
        self.act_print = self._action(menu, "&Print and export…", QKeySequence.StandardKey.Print)
        self.act_print.triggered.connect(self._print)
        self.act_export_workbook = self._action(menu, "Export &workbook…")
        self.act_export_workbook.triggered.connect(lambda: self._workbooks("export_workbook"))
        self.act_import_workbook = self._action(menu, "&Import a returned workbook…")
        self.act_import_workbook.triggered.connect(lambda: self._workbooks("import_workbook"))
        menu.addSeparator()
        self.act_quit = self._action(menu, "&Quit", "Ctrl+Q")  # the standard key is empty on some desktops
        self.act_quit.triggered.connect(self.close)

    def _needs_database(self) -> tuple[QAction, ...]:
        return (self.act_new_cohort, self.act_edit_cohort, self.act_delete_cohort,
                self.act_demo, self.act_backup, self.act_restore, self.act_print,
                self.act_export_workbook, self.act_import_workbook)

    def _action(self, menu, text, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        menu.addAction(act)
        return act

    # attaching the database ---------------------------------------------------------------
    def attach(self, ctx) -> None:
        from facilitator.ui import recent_files
        from facilitator.ui.cohort_selector import CohortSelector

        self.ctx = ctx
        ctx.window = self
        self.setWindowTitle(f"{ctx.db.path.name} — {APP_NAME}")
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
        for act in self._needs_database():
            act.setEnabled(True)

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
        from facilitator.ui.database.encryption import show_state

        show_state(self)  # the title says "(encrypted)"; the Encryption menu fits the file
        self.first_run = not rows
        recent_files.remember(ctx.db.path)

    def detach(self):
        """Take the open database's views down (before switching to another database); the
        window stays, showing "Opening…". Returns the old context, whose database the caller
        closes once its background jobs are done."""
        ctx = self.ctx
        if ctx is None:
            return None
        self.save_state()
        for act in self._needs_database():
            act.setEnabled(False)
        for act in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(act)
            act.deleteLater()
        self.toolbar.clear()
        self.selector.deleteLater()
        self.selector = None
        self.view_menu.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        while self.stack.count():
            w = self.stack.widget(0)
            self.stack.removeWidget(w)
            w.deleteLater()
        self.areas = LazyAreas(self._build_area)
        self.stack.addWidget(self.waiting)
        self.stack.setCurrentWidget(self.waiting)
        self.ctx = None
        ctx.window = None
        self.setWindowTitle(APP_NAME)
        from facilitator.ui.database.encryption import show_state

        show_state(self)
        self.statusBar().showMessage("Opening the database…")
        return ctx

    def nav_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

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
        area = AREAS[row][2]()(self.ctx, self)
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

        ctx = self.ctx
        if ctx is None:
            return
        self.statusBar().showMessage("Backing up…")
        db = ctx.db
        run_in_background(
            lambda: db.backup("manual"),
            lambda dest: self.statusBar().showMessage(f"Backup written and checked: {dest}", 10000),
            lambda exc: ctx.show_error(exc, self),
        )

    def _restore_from_backup(self) -> None:
        from facilitator.ui.backups.restore_dialog import restore_from_backup

        restore_from_backup(self)

    def _workbooks(self, what: str) -> None:
        """File → Export workbook… / Import a returned workbook… (openpyxl loads on first use)."""
        from facilitator.ui.workbooks import actions

        getattr(actions, what)(self.ctx, self)

    def _print(self):
        from facilitator.ui.exports.print_dialog import open_print_dialog

        return open_print_dialog(self.ctx, self)

    def _show_guide(self, page: str = "index") -> None:
        from facilitator.ui.guide import GuideWindow

        if getattr(self, "guide", None) is None:
            self.guide = GuideWindow(self)
        self.guide.show_page(page)

    def _about(self) -> None:
        from facilitator import __version__

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
