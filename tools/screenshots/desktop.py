"""Screenshots of the desktop habits, to look at (not a test).

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/desktop.py [OUTDIR]

Writes desktop-file-menu.png (File menu), desktop-recent.png (Open recent, a missing file
greyed), desktop-empty-plans.png (Plans with no cohort yet), desktop-guide.png (the user
guide), desktop-shortcuts.png (Keyboard shortcuts), desktop-minutes.png (the Min cell edited
in place), desktop-pinned.png (the item dialog's pinned start) and desktop-rehearse.png
(Run the day rehearsing day 2)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

from shots import Shots


def _menu(shots, menu, name):
    menu.popup(shots.win.mapToGlobal(shots.win.rect().topLeft()))
    shots.settle(0.3)
    path = shots.save(menu, name)
    menu.hide()
    return path


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    from facilitator.services.plans import events
    from facilitator.store.database import open_database
    from facilitator.ui import recent_files
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.plans.agenda_model import MINUTES_COL
    from facilitator.ui.widgets.form import FormDialog

    db, win = shots.db, shots.win
    folder = db.path.parent
    for name in ("autumn-cohort.sqlite", "moved-away.sqlite"):
        other = open_database(folder / name, routine_backup=False)
        other.close(backup_on_close=False)
        recent_files.remember(folder / name)
    (folder / "moved-away.sqlite").unlink()
    recent_files.remember(db.path)
    win.setWindowTitle(f"{db.path.name} — Facilitator")
    _menu(shots, win.file_menu, "desktop-file-menu.png")
    recent_files.fill_menu(win, win.recent_menu)
    _menu(shots, win.recent_menu, "desktop-recent.png")

    empty_db = open_database(folder / "empty.sqlite", routine_backup=False)
    empty = MainWindow()
    empty.resize(1100, 700)
    empty.attach(AppContext(empty_db, empty))
    empty.show()
    empty.show_area("plans")
    shots.settle()
    shots.save(empty, "desktop-empty-plans.png")
    empty.close()

    win.act_guide.trigger()
    shots.settle(0.3)
    shots.save(win.guide, "desktop-guide.png")
    win.act_shortcuts.trigger()
    shots.settle(0.3)
    shots.save(win.guide, "desktop-shortcuts.png")
    win.guide.close()

    by_title = {e["title"]: e["id"] for e in events.list_events(db, shots.cohort_id)}
    area = shots.area("plans")
    area.timeline.select_event(by_title["Residential 1: getting started"])
    shots.settle()
    table = area.agenda.table
    index = area.agenda.model.index(1, MINUTES_COL)
    table.selectRow(1)
    table.setCurrentIndex(index)
    table.edit(index)
    shots.settle(0.3)
    shots.save(win, "desktop-minutes.png")
    table.closePersistentEditor(index)
    table.setFocus()
    shots.settle(0.2)

    lunch = next(r for r in range(area.agenda.model.rowCount())
                 if area.agenda.model.item(r)["title"] == "Lunch")
    it = area.agenda.model.item(lunch)
    from facilitator.services.plans import agenda

    dlg = FormDialog(win, f"Edit item: {it['title']}", agenda.FIELDS,
                     {f.name: it[f.name] for f in agenda.FIELDS},
                     shown_as={"pinned": "time"})
    shots.dialog(dlg, "desktop-pinned.png")

    area.tabs.setCurrentIndex(1)
    live = area.live
    evening = datetime.combine(live.chosen_date() + timedelta(days=60), datetime.min.time())
    live.now = lambda: evening.replace(hour=20)
    live.choose_day(1)
    live.start_button.setChecked(True)
    live.now = lambda: evening.replace(hour=20, minute=50)
    live.refresh()
    shots.settle()
    shots.save(win, "desktop-rehearse.png")
    live.start_button.setChecked(False)
    empty_db.close(backup_on_close=False)
    return shots.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
