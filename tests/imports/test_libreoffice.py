"""A workbook re-saved by LibreOffice Calc imports the same way: ids, lists and metadata survive
(hidden sheets may become visible), formula-looking text stays text."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import export_participant
from facilitator.imports.review import apply_review, review_workbook
from facilitator.services.cohort import participants
from tests.exports.xlsx.helpers import column_of, demo_cohort, edit, org_with_both

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                       "installer/dev.sh test installs libreoffice-calc-nogui"),
]


def resave(path, folder):
    """What a partner does by opening the file in Calc and saving it as .xlsx."""
    out = folder / "resaved"
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(path)], check=True, capture_output=True, timeout=180)
    return out / path.name


def _summary(review):
    return sorted((c.sheet, c.row, c.field, c.status, c.theirs) for c in review.changes)


def test_resaved_organisation_workbook_imports_the_same(db, tmp_path):
    cohort = demo_cohort(db)
    org = org_with_both(db, cohort)
    out = tmp_path / "org.xlsx"
    export_organisation(db, cohort, org["id"], out)
    edited = tmp_path / "edited.xlsx"
    role = column_of(out, "Our people", "Role")
    ours = column_of(out, "Rules we meet", "Is this rule ours?")
    edit(out, edited, {"Our people": {f"{role}3": "=Team lead"},
                       "Rules we meet": {f"{ours}3": "No, it comes from elsewhere"}})
    direct = _summary(review_workbook(db, edited))
    again = resave(edited, tmp_path)
    wb = openpyxl.load_workbook(again)
    assert {"_meta", "_baseline", "_lists"} <= set(wb.sheetnames)
    assert "list_is_ours" in wb.defined_names
    assert wb["Rules we meet"].protection.sheet
    wb.close()
    review = review_workbook(db, again)
    assert review.problems == [] and _summary(review) == direct
    assert ("Our people", 3, "role", "update", "=Team lead") in direct
    apply_review(db, review)
    assert review_workbook(db, again).changes == []


def test_resaved_participant_workbook_keeps_dates_and_blank_row_ids(db, tmp_path):
    cohort = demo_cohort(db)
    pid = participants.list_participants(db, cohort)[0]["id"]
    out = tmp_path / "p.xlsx"
    done = export_participant(db, cohort, pid, out)
    row = 3 + done["rules"]
    edited = tmp_path / "edited.xlsx"
    edit(out, edited, {"My rules": {f"A{row}": "-Only one visit a week", f"C{row}": "unsure",
                                    f"G{row}": "03/02/2026"}})
    again = resave(edited, tmp_path)
    review = review_workbook(db, again)
    assert review.problems == []
    new = {c.field: c.theirs for c in review.changes}
    assert new == {"rule": "-Only one visit a week", "belief": "unsure",
                   "checked_on": "2026-02-03"}


def test_resaved_pulse_and_questions_sheets_import_the_same(db, tmp_path):
    from facilitator.exports.xlsx.cohort import export_cohort
    from tests.exports.xlsx.helpers import rows

    cohort = demo_cohort(db)
    pid = participants.list_participants(db, cohort)[0]["id"]
    out = tmp_path / "p.xlsx"
    export_participant(db, cohort, pid, out)
    pulse_rows = rows(out, "Pulse")
    header = pulse_rows[0]
    energy = next(i for i, h in enumerate(header) if h.startswith("How much energy"))
    noticed = next(i for i, h in enumerate(header) if h.startswith("One thing you noticed"))
    row = 3
    score = 1 if pulse_rows[row - 1][energy] != 1 else 2
    letter = {i: chr(ord("A") + i) for i in (energy, noticed)}
    edited = tmp_path / "edited.xlsx"
    edit(out, edited, {"Pulse": {f"{letter[energy]}{row}": score,
                                 f"{letter[noticed]}{row}": "=the panel said yes"}})
    direct = _summary(review_workbook(db, edited))
    assert len(direct) == 2
    again = resave(edited, tmp_path)
    wb = openpyxl.load_workbook(again)
    assert "list_scores" in wb.defined_names
    assert any(dv.formula1 == "list_scores" for dv in wb["Pulse"].data_validations.dataValidation)
    assert wb["Pulse"].protection.sheet
    wb.close()
    review = review_workbook(db, again)
    assert review.problems == [] and _summary(review) == direct
    apply_review(db, review)
    assert review_workbook(db, again).changes == []

    org = org_with_both(db, cohort)
    out = tmp_path / "org.xlsx"
    export_organisation(db, cohort, org["id"], out)
    answer = column_of(out, "Questions for you", "Your answer")
    edited = tmp_path / "org-edited.xlsx"
    edit(out, edited, {"Questions for you": {f"{answer}3": "It fits\nwell"}})
    again = resave(edited, tmp_path)
    review = review_workbook(db, again)
    assert review.problems == [] and _summary(review) == _summary(review_workbook(db, edited))
    assert [c.theirs for c in review.changes] == ["It fits\nwell"]

    out = tmp_path / "cohort.xlsx"
    export_cohort(db, cohort, out)
    again = resave(out, tmp_path)
    for sheet in ("Insights", "Pulse trends"):
        assert [r for r in rows(again, sheet) if any(v is not None for v in r)] == \
            [r for r in rows(out, sheet) if any(v is not None for v in r)]
