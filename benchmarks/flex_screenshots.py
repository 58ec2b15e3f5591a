"""Screenshots of the Finding the flex area on the demo cohort (run under Xvfb):

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python benchmarks/flex_screenshots.py

Writes worksheets-register.png, -crowd.png, -assessments.png, and the dialogs
worksheets-rule-form.png, -group-notes.png, -scores.png into /tmp, or into the folder given as
the first argument."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FACILITATOR_SETTINGS", str(Path(tempfile.mkdtemp()) / "settings.ini"))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from facilitator import demo
    from facilitator.store.database import open_database
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    db = open_database(tmp / "shots.sqlite", routine_backup=False)
    cid, _ = demo.create_demo(db)
    win = MainWindow()
    win.resize(1440, 900)
    win.attach(AppContext(db, win))
    win.selector.reload(cid)
    win.show_area("flex")
    win.show()
    area = win.areas["flex"]

    def settle(seconds=1.0):
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

    settle()
    area.register.choose(area.register.people.itemData(0))
    settle()
    area.register.panel.table.selectRow(0)
    win.grab().save(str(out / "worksheets-register.png"))
    area.tabs.setCurrentIndex(1)
    settle()
    win.grab().save(str(out / "worksheets-crowd.png"))
    area.tabs.setCurrentIndex(2)
    settle()
    win.grab().save(str(out / "worksheets-assessments.png"))

    from facilitator.services import assessments, crowd, worksheet_data, worksheets
    from facilitator.ui.widgets.form import FormDialog
    from facilitator.ui.worksheets.assessments_view import ScoresDialog

    def shoot(dlg, name):
        dlg.show()
        settle(0.5)
        dlg.grab().save(str(out / name))
        dlg.close()

    reg = area.register
    first = worksheets.list_rules(db, cid, reg.participant_id)[0]
    shoot(FormDialog(win, "Edit rule", worksheets.FIELDS, first), "worksheets-rule-form.png")
    group = area.crowd.view.groups[0]
    shoot(FormDialog(win, f"Rename / notes: {group.wording}", crowd.GROUP_FIELDS,
                     {"name": "Photo ID before a tenancy", "notes": "Ask the lettings manager."}),
          "worksheets-group-notes.png")
    pid = area.assessments.participant_id
    scores, taken = assessments.get_assessment(db, cid, pid, "skills_for_change", "start")
    shoot(ScoresDialog(win, worksheet_data.template("skills_for_change"), "Scores (start)",
                       scores, taken), "worksheets-scores.png")
    win.close()
    db.close(backup_on_close=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
