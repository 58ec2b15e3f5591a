"""Starting the desktop app: show the window at once, open the database in the background.

Only Qt is imported before the window shows; SQLAlchemy and the services load in a worker."""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path

_T0 = time.perf_counter()
CARD_SYNC_DELAY_MS = 1500
READY_ENV = "FACILITATOR_EXIT_WHEN_READY"  # "interactive" or "loaded": print timing, then quit
log = logging.getLogger("facilitator")


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(db_arg: str | None = None) -> int:
    if not has_display():
        print(
            "facilitator: no display found, so the window cannot be shown.\n"
            "  On a desktop, run it from the desktop session. On a server, use a virtual screen:\n"
            "    apt-get install xvfb && xvfb-run -a facilitator\n"
            "  (the README's run command does this for you).",
            file=sys.stderr,
        )
        return 3
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from facilitator import APP_NAME
    from facilitator.store.paths import resolve_db_path
    from facilitator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    sys.excepthook = report_unexpected
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    from facilitator.ui.gc_guard import UiThreadCollector

    collector = UiThreadCollector(app)  # noqa: F841 - lives as long as the app
    from PySide6.QtGui import QIcon

    from facilitator.resources import resource

    app.setWindowIcon(QIcon(str(resource("icons", "facilitator.svg"))))
    window = MainWindow()
    starter = Starter(window, resolve_db_path(db_arg))
    window.show()
    # Open the database once the window has painted: the worker's imports would otherwise
    # compete with the first paint for the interpreter.
    QTimer.singleShot(0, starter.window_ready)
    waker = close_on_signals(app, window)  # noqa: F841 - ticks as long as the app runs
    code = app.exec()
    starter.shutdown()
    return code


SIGNAL_WAKE_MS = 200


def close_on_signals(app, window):
    """SIGTERM and SIGINT (a logout, `kill`, Ctrl+C in the terminal) close the app as Quit
    does: the window saves its state, and after the event loop the database is backed up
    and unlocked. Python runs signal handlers only between its own bytecodes, so a timer
    wakes the interpreter while Qt's loop waits."""
    import signal

    from PySide6.QtCore import QTimer

    def close(signum, _frame) -> None:
        log.info("signal %s: closing as Quit does", signum)
        window.close()
        app.quit()  # also ends a dialog's loop, if one is open

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, close)
    waker = QTimer()
    waker.timeout.connect(lambda: None)
    waker.start(SIGNAL_WAKE_MS)
    return waker


def log_path() -> Path:
    from facilitator.store.paths import user_data_dir

    return user_data_dir() / "facilitator.log"


def report_unexpected(kind, exc, tb) -> None:
    """Any error nobody caught: written to the log, told to the user in words, app kept open."""
    details = "".join(traceback.format_exception(kind, exc, tb))
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}")
        where = f"The details were written to {path}."
    except OSError:
        where = ""
    print(details, file=sys.stderr)
    from facilitator.ui import messages

    messages.warn(
        None, "Something went wrong",
        f"Facilitator hit a problem it did not expect ({kind.__name__}: {exc}).\n"
        f"Everything saved before this is safe. {where}",
    )


OPEN_ANOTHER, NEW_DATABASE = "Open another file…", "New database…"
CHOOSE_ANOTHER, START_NEW = "Choose another file…", "Start a new one…"


def refusal_buttons(text: str, escape: str, can_retry: bool = False) -> list[str]:
    """The buttons of a "cannot open this file" question. A message that says "Choose another
    file, or start with a new one" gets exactly those two, in its words."""
    if "start with a new one" in text:
        return [CHOOSE_ANOTHER, START_NEW, escape]
    return (["Try again"] if can_retry else []) + [OPEN_ANOTHER, NEW_DATABASE, escape]


class Starter:
    """Opens a database off the UI thread and handles every way that can go wrong: at start-up,
    and when File → New / Open / Open recent switch to another file (the open one is closed,
    backed up and unlocked only once the new one has opened)."""

    def __init__(self, window, path: Path):
        self.window = window
        self.path = path
        self.ctx = None
        self.pending_db = None  # opened by the worker, not yet handed to the window
        self.opening = False
        self.empty_after_damage = False  # set when the user chose an empty file over a backup
        self.ready_mode = os.environ.get(READY_ENV, "")
        window.database_requested.connect(self.switch_to)
        window.act_demo.triggered.connect(self.add_demo)

    def window_ready(self) -> None:
        if self.ready_mode == "interactive":
            self._report_ready("interactive")
            return
        self.open()

    def _report_ready(self, what: str) -> None:
        from PySide6.QtWidgets import QApplication

        print(f"ready-{what} {time.perf_counter() - _T0:.4f}", flush=True)
        QApplication.instance().quit()

    def open(self, passphrase: str | None = None) -> None:
        """Open self.path in a worker; an encrypted one first asks for its passphrase (see
        _ask_passphrase), which is handed to the store and not kept here."""
        from facilitator.ui.workers import run_in_background

        path, empty = self.path, self.empty_after_damage
        self.empty_after_damage = False
        self.opening = True

        def work():
            from facilitator.store.database import open_database

            self.pending_db = open_database(path, passphrase=passphrase,
                                            empty_after_damage=empty)
            return self.pending_db

        run_in_background(work, self._opened, self._failed)

    def switch_to(self, path: Path) -> None:
        """Open `path` instead of the database open now (File → New / Open / Open recent)."""
        path = Path(path)
        if self.opening:
            self.window.statusBar().showMessage("Still opening a database; try again in a moment.", 5000)
            return
        if self.ctx is not None and path.resolve() == self.ctx.db.path.resolve():
            self.window.statusBar().showMessage(f"{path.name} is the database open now.", 5000)
            return
        self.path = path
        self.window.statusBar().showMessage(f"Opening {path}…")
        self.open()

    def _opened(self, db) -> None:
        from PySide6.QtCore import QTimer

        from facilitator.ui.context import AppContext

        self.opening = False
        self.pending_db = None
        if self.ctx is not None:
            self._close_in_background(self.window.detach())
        self.ctx = AppContext(db, self.window)
        self.window.attach(self.ctx)
        # New built-in cards can wait a moment: the area on screen loads its rows first.
        QTimer.singleShot(CARD_SYNC_DELAY_MS, self.sync_cards)
        report = db.report
        if report.upgraded_from:
            self.window.statusBar().showMessage(
                f"Database upgraded from schema {report.upgraded_from}; a backup was kept first.", 10000
            )
        if self.ready_mode == "loaded":
            panel = self.window.areas["cohort"].participants
            panel.loaded.connect(lambda _n: self._report_ready("loaded"))
            return
        if not self.ready_mode:  # cohorts past their keep-until date: say so, offer erasure
            from facilitator.ui.privacy.retention_check import check_retention

            QTimer.singleShot(CARD_SYNC_DELAY_MS, lambda: check_retention(self.ctx, self.window))
        if self.window.first_run and not self.ready_mode:
            self.offer_demo()

    def _close_in_background(self, old_ctx) -> None:
        """Close the database we switched away from once the jobs started on it have
        finished: backed up on close and unlocked, as when quitting."""
        from facilitator.ui.workers import run_in_background, running_jobs

        others, db = running_jobs(), old_ctx.db
        backup_on_close = not self.ready_mode

        def work():
            for job in others:
                job.finished.wait(60)
            db.close(backup_on_close=backup_on_close)

        run_in_background(work, lambda _r: old_ctx.deleteLater(),
                          lambda exc: self.window.ctx and self.window.ctx.show_error(exc, self.window))

    def sync_cards(self) -> None:
        """Load new or updated built-in method cards, whichever area is on screen."""
        from facilitator.ui.workers import run_in_background, while_alive

        db, ctx = self.ctx.db, self.ctx

        def work():
            from facilitator.services.library.builtin import sync_builtin_cards

            return sync_builtin_cards(db)

        run_in_background(work, while_alive(ctx, ctx.broadcast),
                          while_alive(ctx, lambda exc: ctx.show_error(exc, self.window)))

    def offer_demo(self) -> None:
        from facilitator.ui import messages

        if messages.ask_yes_no(
            self.window, "Welcome to Facilitator",
            "This database is empty.\n\nWould you like a demo cohort to explore? It has twelve "
            "participants from six organisations, peer groups and a team, and you can delete it "
            "whenever you like.",
        ):
            self.add_demo()

    def add_demo(self) -> None:
        from facilitator.ui.workers import run_in_background, while_alive

        db, ctx = self.ctx.db, self.ctx
        self.window.statusBar().showMessage("Creating the demo cohort…")

        def work():
            from facilitator.demo import create_demo

            return create_demo(db)

        def done(result):
            cohort_id, changes = result
            ctx.broadcast(changes)
            self.window.selector.reload(cohort_id)
            self.window.statusBar().showMessage("Demo cohort ready.", 5000)

        run_in_background(work, while_alive(ctx, done),
                          while_alive(ctx, lambda exc: ctx.show_error(exc, self.window)))

    def _failed(self, exc: Exception) -> None:
        from facilitator.store.errors import DamagedDatabase, PassphraseRequired, StoreError

        self.opening = False
        self.pending_db = None
        if isinstance(exc, PassphraseRequired) and not self.ready_mode:
            self._ask_passphrase(wrong=type(exc).__name__ == "WrongPassphrase")
            return
        if isinstance(exc, DamagedDatabase):
            self._offer_restore(exc)
            return
        if not isinstance(exc, StoreError):
            log.error("opening %s failed: %s", self.path, "".join(traceback.format_exception(exc)))
            text = f"Facilitator could not open {self.path}:\n{exc}"
            title = "Cannot open the database"
        else:
            text, title = str(exc), exc.title
        if self.ready_mode:  # scripted start (benchmarks, tests): report and stop
            print(f"open-failed {title}: {text}", flush=True)
            if self.ctx is None:
                self.window.close()
            return
        self._refuse(title, text, type(exc).__name__ == "AlreadyOpen")

    def _ask_passphrase(self, wrong: bool) -> None:
        """The passphrase dialog for self.path: Open tries it (a wrong one comes back here
        with the dialog saying so), Cancel keeps the database open now, or quits at start."""
        from facilitator.ui.database.passphrase_dialogs import PassphraseDialog

        dialog = PassphraseDialog(self.path, self.window, wrong=wrong)
        self.passphrase_dialog = dialog
        dialog.accepted.connect(lambda: self.open(dialog.passphrase()))
        dialog.rejected.connect(self._give_up)
        dialog.finished.connect(dialog.deleteLater)
        self.window.statusBar().showMessage(f"{self.path.name} is encrypted: waiting for its "
                                            "passphrase.")
        dialog.open()

    def _escape(self) -> str:
        return "Keep the current database" if self.ctx is not None else "Quit"

    def _refuse(self, title: str, text: str, can_retry: bool = False) -> None:
        """Say why the file cannot be opened and offer exactly what the message names."""
        from facilitator.ui import messages, recent_files

        escape = self._escape()
        buttons = refusal_buttons(text, escape, can_retry)
        index = messages.choose(self.window, title, text, buttons, critical=True)
        choice = buttons[index]
        folder = str(self.path.parent)
        path = None
        if choice == "Try again":
            self.open()
            return
        if choice in (OPEN_ANOTHER, CHOOSE_ANOTHER):
            path = recent_files.choose_existing(self.window, folder)
        elif choice in (NEW_DATABASE, START_NEW):
            path = recent_files.choose_new(self.window, folder)
        if path is not None:
            self.path = path
            self.open()
        elif choice != escape:  # the file dialog was cancelled: back to the question
            self._refuse(title, text, can_retry)
        else:
            self._give_up()

    def _give_up(self) -> None:
        if self.ctx is None:
            self.window.close()
        else:
            self.path = self.ctx.db.path
            self.window.statusBar().showMessage(f"Still working on {self.path.name}.", 5000)

    def _offer_restore(self, exc) -> None:
        from facilitator.store import backup
        from facilitator.store.errors import StoreError
        from facilitator.ui import messages

        good = backup.newest_good_backup(self.path)
        buttons, detail = ["Start an empty database", self._escape()], ""
        if good:
            stamp = time.strftime("%d %b %Y %H:%M", time.localtime(good.stat().st_mtime))
            detail = f"The newest good backup is from {stamp}."
            buttons.insert(0, "Restore that backup")
        choice = buttons[messages.choose(self.window, exc.title, str(exc), buttons, detail=detail)]
        if choice == "Restore that backup":
            try:
                backup.restore_backup(good, self.path)
            except (StoreError, OSError) as err:
                messages.warn(self.window, "Could not restore the backup", str(err))
                self._give_up()
                return
            self.open()
        elif choice == "Start an empty database":
            self.empty_after_damage = True  # the user chose it, knowing the damaged file is aside
            self.open()
        else:
            self._give_up()

    def shutdown(self) -> None:
        """Close the database once background jobs (a demo being written, cards being
        loaded) have finished, so it is never backed up or unlocked mid-write."""
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(60_000)
        for db in (self.ctx.db if self.ctx is not None else None, self.pending_db):
            if db is not None and db.engine is not None:
                db.close(backup_on_close=not self.ready_mode)
