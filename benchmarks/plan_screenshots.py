"""Screenshots of the Plans area with the demo cohort, to look at (not a test).

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python benchmarks/plan_screenshots.py [OUTDIR]

Writes plan-1.png (residential agenda with parallel tracks), plan-2.png (a learning lab whose
lunch is crowded out: warnings), plan-3.png (running the day), plan-4.png (attendance),
plan-1280.png (the agenda in a 1280 px window) and plan-templates.png (Manage templates…)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(out: Path) -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ["FACILITATOR_SETTINGS"] = str(tmp / "settings.ini")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from facilitator import demo
    from facilitator.services import events
    from facilitator.store.database import open_database
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    db = open_database(tmp / "shot.sqlite", routine_backup=False)
    cid, _ = demo.create_demo(db)
    by_title = {e["title"]: e["id"] for e in events.list_events(db, cid)}
    win = MainWindow()
    win.resize(1440, 900)
    win.attach(AppContext(db, win))
    win.show()
    win.show_area("plans")
    area = win.areas["plans"]

    def spin(seconds=0.6):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    spin()  # the timeline loads off the UI thread
    area.timeline.select_event(by_title["Residential 1: getting started"])
    spin()
    tree = area.agenda.tree
    tree.setCurrentItem(tree.topLevelItem(1).child(1))
    spin(0.2)
    win.grab().save(str(out / "plan-1.png"))
    area.timeline.select_event(by_title["Learning lab: systems prototyping"])
    spin()
    win.grab().save(str(out / "plan-2.png"))
    area.timeline.select_event(by_title["Residential 1: getting started"])
    spin()
    area.tabs.setCurrentIndex(1)
    area.live.now = lambda: datetime(2026, 9, 15, 14, 12)
    area.live.refresh()
    area.live.nudge(5)
    spin()
    win.grab().save(str(out / "plan-3.png"))
    area.tabs.setCurrentIndex(2)
    spin()
    win.grab().save(str(out / "plan-4.png"))
    area.tabs.setCurrentIndex(0)
    win.resize(1280, 800)  # the toolbars and columns at a smaller laptop's width
    spin()
    area.agenda.table.selectRow(1)
    spin(0.2)
    win.grab().save(str(out / "plan-1280.png"))
    from facilitator.services import templates
    from facilitator.ui.plan.template_manager import TemplateManager

    templates.save_as_template(db, by_title["Learning lab: systems prototyping"],
                               "Learning lab (one day)", "Our lab day, with a long lunch.")
    manager = TemplateManager(win.ctx, win)
    manager.show()
    spin(0.3)
    manager.grab().save(str(out / "plan-templates.png"))
    manager.close()
    win.close()
    db.close(backup_on_close=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp"))
