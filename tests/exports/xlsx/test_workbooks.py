"""The three workbooks, reopened and checked: sheets, lists, protection, metadata, baseline,
consent, numbers and dates as such, and text that stays text."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select, update

from facilitator.exports.xlsx.book import BASELINE_SHEET, LISTS_SHEET, META_SHEET, README_SHEET
from facilitator.exports.xlsx.cells import ExportRefused
from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import BLANK_RULES, export_participant
from facilitator.exports.xlsx.schema import KEY_HEADER
from facilitator.models import Event, Participant, PlanSession, RuleEntry
from facilitator.services.cohort import participants
from facilitator.services.returns import exported
from tests.exports.xlsx.helpers import demo_cohort, org_with_both, rows


@pytest.fixture
def demo(db):
    return demo_cohort(db)


def _meta(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True)}
    finally:
        wb.close()


def test_cohort_workbook_has_every_part(db, demo, tmp_path):
    out = tmp_path / "cohort.xlsx"
    done = export_cohort(db, demo, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == README_SHEET
    for name in ("Participants", "Organisations", "Peer groups", "Events", "Agenda",
                 "Attendance", "Attendance matrix", "Rules registers", "Rule groups",
                 "Self-assessments"):
        assert name in wb.sheetnames, name
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert wb[BASELINE_SHEET].sheet_state == "veryHidden"
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert "list_marks" in wb.defined_names
    att = wb["Attendance"]
    assert att.protection.sheet and att.freeze_panes == "B3"
    dv = att.data_validations.dataValidation
    assert [d.formula1 for d in dv] == ["list_marks"]
    assert att.column_dimensions["F"].protection.locked is False  # empty cells to fill
    filled = next(r[5] for r in att.iter_rows(min_row=3) if r[5].value)
    assert filled.protection.locked is False and att["A3"].protection.locked is True
    assert att.cell(1, 8).value == KEY_HEADER
    with db.read() as s:
        n_sessions = len(s.scalars(select(PlanSession.id)).all())
        n_people = len(s.scalars(select(Participant.id)).all())
        n_events = len(s.scalars(select(Event.id)).all())
    assert done["sessions"] == n_sessions
    assert att.max_row - 2 == n_people * (n_sessions + n_events)  # sessions and whole events
    marks = [r[5].value for r in att.iter_rows(min_row=3) if r[4].value == "(whole event)"]
    assert any(marks)  # the demo's marks, kept for whole events
    agenda = wb["Agenda"]
    assert isinstance(agenda["B3"].value, date | None) or agenda["B3"].is_date
    assert isinstance(agenda["H3"].value, int)  # minutes as a number
    meta = _meta(out)
    assert meta["kind"] == "cohort" and meta["schema_version"] == 1
    assert exported.find_export(db, meta["workbook_id"])["kind"] == "cohort"


def test_cohort_workbook_keeps_worksheets_of_people_without_consent_out(db, demo, tmp_path):
    out = tmp_path / "cohort.xlsx"
    export_cohort(db, demo, out)
    with db.read() as s:
        withheld = {p.full_name for p in s.scalars(select(Participant))
                    if not (p.consent_share_org and p.consent_share_org_date)}
    assert withheld
    people_in_rules = {r[0] for r in rows(out, "Rules registers")[2:]}
    people_in_scores = {r[0] for r in rows(out, "Self-assessments")[2:]}
    assert people_in_rules and not people_in_rules & withheld
    assert not people_in_scores & withheld
    assert withheld <= {r[0] for r in rows(out, "Participants")[2:]}


def test_matrix_totals_match_the_marks(db, demo, tmp_path):
    out = tmp_path / "cohort.xlsx"
    export_cohort(db, demo, out)
    matrix = rows(out, "Attendance matrix")
    head = matrix[0]
    p_col = head.index("P")
    for line in matrix[2:]:
        marks = line[1:p_col]
        assert line[p_col:p_col + 4] == tuple(marks.count(t) for t in "PLEA")


def test_organisation_workbook_is_its_own_people_by_consent(db, demo, tmp_path):
    org = org_with_both(db, demo)
    out = tmp_path / "org.xlsx"
    done = export_organisation(db, demo, org["id"], out)
    assert done["withheld"] == len(org["withheld"])
    people = {r[0] for r in rows(out, "Our people")[2:]}
    assert people == set(org["sharing"])
    rule_people = {r[0] for r in rows(out, "Rules we meet")[2:]}
    assert rule_people <= set(org["sharing"])
    attendance_people = {r[0] for r in rows(out, "Attendance")[2:]}
    assert set(org["withheld"]) & attendance_people  # names and attendance only
    with db.read() as s:
        others = {p.full_name for p in s.scalars(select(Participant)
                                                 .where(Participant.organisation_id != org["id"]))}
    for sheet in ("Our people", "Rules we meet", "Self-assessments", "Attendance"):
        assert not {r[0] for r in rows(out, sheet)[2:]} & others
    wb = openpyxl.load_workbook(out)
    formulas = sorted(d.formula1 for d in wb["Rules we meet"].data_validations.dataValidation)
    assert formulas == ["list_can_flex", "list_is_ours", "list_source_kinds"]
    assert _meta(out)["organisation_uuid"]


def test_participant_workbook_has_blank_rows_with_their_own_ids(db, demo, tmp_path):
    pid = participants.list_participants(db, demo)[0]["id"]
    out = tmp_path / "p.xlsx"
    done = export_participant(db, demo, pid, out)
    got = rows(out, "My rules")[2:]
    assert len(got) == done["rules"] + BLANK_RULES
    keys = [r[-1] for r in got]
    assert len(set(keys)) == len(keys) and all(keys)
    wb = openpyxl.load_workbook(out, read_only=True)
    base = {}
    for sheet, chunk in list(wb[BASELINE_SHEET].iter_rows(values_only=True))[1:]:
        if sheet == "My rules":
            base |= json.loads(chunk)
    wb.close()
    assert set(base) == set(keys)
    assert all(base[k][1] == [None] * len(base[k][1]) for k in keys[done["rules"]:])


@pytest.mark.parametrize("typed", ["=1+1", "+44 20", "-not a number", "@SUM(A1)", "\tindented",
                                   "=HYPERLINK(\"http://x\")"])
def test_typed_text_stays_text(db, demo, tmp_path, typed):
    org = org_with_both(db, demo)
    pid = org["sharing_ids"][0]
    with db.session() as s:
        s.execute(update(Participant).where(Participant.id == pid).values(role=typed))
    out = tmp_path / "org.xlsx"
    export_organisation(db, demo, org["id"], out)
    wb = openpyxl.load_workbook(out)
    cell = next(c for row in wb["Our people"].iter_rows(min_row=3) for c in row if c.value == typed)
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("bad,says", [("bell\x07", "control character"),
                                      ("x" * 40_000, "at most 32,767")])
def test_unholdable_text_is_refused_with_the_record_named(db, demo, tmp_path, bad, says):
    with db.session() as s:
        rule = s.scalar(select(RuleEntry).order_by(RuleEntry.id))
        s.execute(update(RuleEntry).where(RuleEntry.id == rule.id).values(evidence=bad))
        person = s.get(Participant, rule.participant_id)
        name, pid = person.full_name, person.id
    out = tmp_path / "p.xlsx"
    out.write_bytes(b"the old file")
    with pytest.raises(ExportRefused) as err:
        export_participant(db, demo, pid, out)
    assert says in str(err.value) and name in str(err.value) and "What checking found" in str(err.value)
    assert out.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".facilitator-")] == []
