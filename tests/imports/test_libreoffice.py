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
