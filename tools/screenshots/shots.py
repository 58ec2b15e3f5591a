"""What every screenshot script shares: a throwaway settings file and database holding the
demo cohort, the main window at a laptop's size, a way to let workers finish, and saving PNGs
into the folder given on the command line.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/plans.py OUTDIR

(QT_QPA_PLATFORM=offscreen works too; the test suite runs every script that way.)"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


class Shots:
    """The demo in a main window; `save(widget, name)` writes OUT/name."""

    def __init__(self, argv: list[str], width: int = 1440, height: int = 900):
        self.out = Path(argv[1]) if len(argv) > 1 else Path(tempfile.gettempdir())
        self.out.mkdir(parents=True, exist_ok=True)
        self._tmp = Path(tempfile.mkdtemp(prefix="facilitator-shots-"))
        os.environ["FACILITATOR_SETTINGS"] = str(self._tmp / "settings.ini")
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(argv[:1])
        from facilitator import demo
        from facilitator.store.database import open_database
        from facilitator.ui.context import AppContext
        from facilitator.ui.main_window import MainWindow

        self.db = open_database(self._tmp / "shots.sqlite", routine_backup=False)
        self.cohort_id, _ = demo.create_demo(self.db)
        self.win = MainWindow()
        self.win.resize(width, height)
        self.win.attach(AppContext(self.db, self.win))
        self.win.selector.reload(self.cohort_id)
        self.win.show()
        self.saved: list[Path] = []

    def area(self, key: str):
        area = self.win.show_area(key)
        self.settle()
        return area

    def settle(self, seconds: float = 0.6) -> None:
        """Let background loads finish and the event loop paint."""
        from PySide6.QtCore import QThreadPool

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QThreadPool.globalInstance().waitForDone(20)
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, widget, name: str) -> Path:
        path = self.out / name
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        self.saved.append(path)
        return path

    def dialog(self, dlg, name: str) -> Path:
        dlg.show()
        self.settle(0.4)
        path = self.save(dlg, name)
        dlg.close()
        return path

    def close(self) -> int:
        self.win.close()
        self.db.close(backup_on_close=False)
        for path in self.saved:
            print(f"saved {path}")
        return 0
