"""Screenshots of the Learning area on the demo cohort.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/learning.py [OUTDIR]

Writes learning-pulse.png (with one person's line), -calls.png, -experiments.png,
-diaries.png, -insights.png, -looking-back.png, and the dialogs learning-answers.png,
-questions.png, -insight-form.png, -merge.png, -new-cohort.png."""

from __future__ import annotations

import sys
from datetime import date

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    from facilitator.demo.cohort_demo import demo_name
    from facilitator.demo.dates import calendar
    from facilitator.services.learning import insights, pulse, refs
    from facilitator.ui.learning.insights_board import MergeDialog
    from facilitator.ui.learning.new_cohort import make_dialog
    from facilitator.ui.learning.pulse_dialogs import AnswersDialog, QuestionsDialog
    from facilitator.ui.widgets.form import FormDialog

    db, win, cid = shots.db, shots.win, shots.cohort_id
    area = shots.area("learning")
    view = area.pulse
    view.week.setValue(12)  # the demo's latest week ("this week" follows the calendar)
    shots.settle(1.0)
    flagged = view.data["drops"][0].participant_id
    view.person.setCurrentIndex(view.person.findData(flagged))
    shots.settle(1.0)
    shots.save(win, "learning-pulse.png")
    for i, name in enumerate(("calls", "experiments", "diaries", "insights", "looking-back"), 1):
        area.tabs.setCurrentIndex(i)
        shots.settle(1.0)
        if name == "insights":
            area.insights.select_id(area.insights.records[0]["id"])
        if name in ("experiments", "diaries", "looking-back"):
            panel = {"experiments": area.experiments, "diaries": area.diaries,
                     "looking-back": area.looking_back}[name].panel
            panel.table.selectRow(0)
        shots.settle(0.3)
        shots.save(win, f"learning-{name}.png")

    survey = pulse.get_survey(db, cid)
    answers = pulse.get_answers(db, cid, flagged, view.week.value())
    shots.dialog(AnswersDialog(win, "Jordan Price: pulse for week 12", survey["questions"], answers),
                 "learning-answers.png")
    shots.dialog(QuestionsDialog(win, survey["questions"]), "learning-questions.png")
    first = insights.list_insights(db, cid)[0]
    shots.dialog(FormDialog(win, "Edit insight", insights.FIELDS, first,
                            choices=refs.choices(db, cid)), "learning-insight-form.png")
    others = insights.list_insights(db, cid)[1:]
    shots.dialog(MergeDialog(win, first, others), "learning-merge.png")
    shots.dialog(make_dialog(win, demo_name(calendar().start),
                             {"name": "Systems Changers 2027", "start_date": date(2027, 9, 13)}),
                 "learning-new-cohort.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
