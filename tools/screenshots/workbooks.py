"""Screenshot the workbook dialogs on the demo: the export dialog opened from the
Organisations tab, and the review of a returned workbook with a conflict, an update and a
value kept here.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/workbooks.py [OUTDIR]

Writes workbooks-export.png, workbooks-review.png, workbooks-review-all.png and the
Questions to organisations… dialog: workbooks-questions.png, workbooks-answers.png."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from shots import Shots


def main(argv: list[str]) -> int:
    import openpyxl

    from facilitator.exports.xlsx.organisation import export_organisation
    from facilitator.imports.review import review_workbook
    from facilitator.services.cohort import organisations, participants
    from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog
    from facilitator.ui.workbooks.review_dialog import ReviewDialog

    shots = Shots(argv)
    ctx = shots.win.ctx
    org = next(o for o in organisations.list_organisations(shots.db, shots.cohort_id)
               if o["name"].startswith("Riverside"))
    dlg = ExportWorkbookDialog(ctx, shots.win, "organisation", org["id"])
    dlg.path.setText(str(Path.home() / "Riverside-Housing-Association.xlsx"))
    shots.dialog(dlg, "workbooks-export.png")

    folder = Path(tempfile.mkdtemp(prefix="facilitator-wb-"))
    out = folder / "org.xlsx"
    export_organisation(shots.db, shots.cohort_id, org["id"], out)
    wb = openpyxl.load_workbook(out)
    people, rules = wb["Our people"], wb["Rules we meet"]
    people["C3"], people["E3"] = "Housing officer (team lead)", "0161 555 0123"
    rules["G3"], rules["H3"] = "Partly ours", "Funder or contract requirement"
    rules["I3"], rules["J3"] = "With conditions", "Head of housing"
    wb.save(folder / "back.xlsx")
    first = next(p for p in participants.list_participants(shots.db, shots.cohort_id)
                 if p["organisation_id"] == org["id"])
    participants.update_participant(shots.db, first["id"], {"role": "Senior housing officer",
                                                            "email": "new@example.org"})
    review = review_workbook(shots.db, folder / "back.xlsx")
    dlg = ReviewDialog(shots.win, review)
    shots.dialog(dlg, "workbooks-review.png")
    dlg = ReviewDialog(shots.win, review)
    dlg.status_filter.setCurrentIndex(0)
    dlg.table.selectRow(0)
    shots.dialog(dlg, "workbooks-review-all.png")

    from facilitator.services.returns import questions
    from facilitator.ui.workbooks.org_questions_dialog import OrgQuestionsDialog

    with shots.db.session() as s:
        questions.write_answer(s, org["id"], "new_role", "It fits: our officers already bend "
                               "the visiting rules for tenants who work shifts.\nWe would like "
                               "that written down.")
        questions.write_answer(s, org["id"], "involvement", "Host a field trip in the spring.")
    dlg = OrgQuestionsDialog(ctx, shots.win)
    dlg.table.setCurrentCell(1, 0)
    shots.dialog(dlg, "workbooks-questions.png")
    dlg = OrgQuestionsDialog(ctx, shots.win)
    dlg.show_answers_of(org["id"])
    shots.dialog(dlg, "workbooks-answers.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
