"""Screenshots of the Finding the flex area on the demo cohort.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/flex.py [OUTDIR]

Writes flex-register.png, -crowd.png, -assessments.png, and the dialogs flex-rule-form.png,
-group-notes.png, -scores.png."""

from __future__ import annotations

import sys

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    from facilitator.services.flex import assessments, crowd, data_files, registers
    from facilitator.ui.flex.assessments_view import ScoresDialog
    from facilitator.ui.widgets.form import FormDialog

    db, win, cid = shots.db, shots.win, shots.cohort_id
    area = shots.area("flex")
    area.register.choose(area.register.people.itemData(0))
    shots.settle()
    area.register.panel.table.selectRow(0)
    shots.save(win, "flex-register.png")
    area.tabs.setCurrentIndex(1)
    shots.settle(1.0)
    shots.save(win, "flex-crowd.png")
    area.tabs.setCurrentIndex(2)
    shots.settle(1.0)
    shots.save(win, "flex-assessments.png")

    reg = area.register
    first = registers.list_rules(db, cid, reg.participant_id)[0]
    shots.dialog(FormDialog(win, "Edit rule", registers.FIELDS, first), "flex-rule-form.png")
    group = area.crowd.view.groups[0]
    shots.dialog(FormDialog(win, f"Rename / notes: {group.wording}", crowd.GROUP_FIELDS,
                            {"name": "Photo ID before a tenancy",
                             "notes": "Ask the lettings manager."}),
                 "flex-group-notes.png")
    pid = area.assessments.participant_id
    scores, taken = assessments.get_assessment(db, cid, pid, "skills_for_change", "start")
    shots.dialog(ScoresDialog(win, data_files.template("skills_for_change"), "Scores (start)",
                              scores, taken), "flex-scores.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
