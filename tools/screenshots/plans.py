"""Screenshots of the Plans area with the demo cohort, to look at (not a test).

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/plans.py [OUTDIR]

Writes plan-1.png (residential agenda with parallel tracks), plan-2.png (a learning lab whose
lunch is crowded out: warnings), plan-3.png (running the day), plan-4.png (attendance),
plan-1280.png (the agenda in a 1280 px window) and plan-templates.png (Manage templates…)."""

from __future__ import annotations

import sys
from datetime import datetime

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    from facilitator.services.plans import events, templates
    from facilitator.ui.plans.template_manager import TemplateManager

    db, win = shots.db, shots.win
    by_title = {e["title"]: e["id"] for e in events.list_events(db, shots.cohort_id)}
    area = shots.area("plans")
    area.timeline.select_event(by_title["Residential 1: getting started"])
    shots.settle()
    tree = area.agenda.tree
    tree.setCurrentItem(tree.topLevelItem(1).child(1))
    shots.settle(0.2)
    shots.save(win, "plan-1.png")
    area.timeline.select_event(by_title["Learning lab: systems prototyping"])
    shots.settle()
    shots.save(win, "plan-2.png")
    area.timeline.select_event(by_title["Residential 1: getting started"])
    shots.settle()
    area.tabs.setCurrentIndex(1)
    area.live.now = lambda: datetime(2026, 9, 15, 14, 12)
    area.live.refresh()
    area.live.nudge(5)
    shots.settle()
    shots.save(win, "plan-3.png")
    area.tabs.setCurrentIndex(2)
    shots.settle()
    shots.save(win, "plan-4.png")
    area.tabs.setCurrentIndex(0)
    win.resize(1280, 800)  # the toolbars and columns at a smaller laptop's width
    shots.settle()
    area.agenda.table.selectRow(1)
    shots.settle(0.2)
    shots.save(win, "plan-1280.png")
    templates.save_as_template(db, by_title["Learning lab: systems prototyping"],
                               "Learning lab (one day)", "Our lab day, with a long lunch.")
    shots.dialog(TemplateManager(win.ctx, win), "plan-templates.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
