"""Screenshot the Tool library with a search typed and a card open (run under Xvfb):

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python benchmarks/library_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main(out: str) -> int:
    tmp = Path(tempfile.mkdtemp())
    os.environ["FACILITATOR_SETTINGS"] = str(tmp / "settings.ini")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from facilitator.demo import create_demo
    from facilitator.store.database import open_database
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = open_database(tmp / "shot.sqlite", routine_backup=False)
    create_demo(db)
    win = MainWindow()
    win.resize(1400, 860)
    win.attach(AppContext(db, win))
    win.show()
    win.nav.setCurrentRow(list(win.areas).index("library"))
    area = win.areas["library"]

    def settle(ms=400):
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QThreadPool.globalInstance().waitForDone(20)
            app.processEvents()
            time.sleep(0.01)

    settle()
    area.search_box.setText(os.environ.get("SHOT_QUERY", "listening"))
    settle(800)
    win.grab().save(out)
    print(f"saved {out}: {area.model.rowCount()} result(s), card: {(area.current() or {}).get('name')}")
    win.close()
    db.close(backup_on_close=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/library-1.png"))
