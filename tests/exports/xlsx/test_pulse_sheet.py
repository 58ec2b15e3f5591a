"""The participant workbook's Pulse sheet: one row per week so far, a column per question,
1–5 drop-downs from the lists sheet, and the answers coming back through the three-way review."""

from __future__ import annotations

import json
from datetime import date, timedelta

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from facilitator.commands.xlsx_import import run_import
from facilitator.exports.xlsx.participant import export_participant
from facilitator.imports.review import CONFLICT, NEW, UPDATE, apply_review, review_workbook
from facilitator.imports.safe_reader import WorkbookRefused
from facilitator.services.cohort import cohorts, participants
from facilitator.services.learning import pulse
from facilitator.services.returns.apply import apply_writes
from tests.exports.xlsx.helpers import edit, rows


@pytest.fixture
def person(db):
    """A cohort whose pulse started three weeks and two days ago, with one person who
    answered week 1 (energy 2, a note) and nothing else."""
    cid = cohorts.create_cohort(db, {"name": "Pulse cohort"}).id
    pid = participants.create_participant(db, cid, {"given_name": "Ada", "family_name": "Quill"}).id
    start = date.today() - timedelta(days=23)
    pulse.start_survey(db, cid, start)
    pulse.save_answers(db, cid, pid, 1, {"energy": (2, ""), "noticed": (None, "Forms, forms")})
    return {"cohort": cid, "id": pid, "start": start}


def _export(db, person, tmp_path):
    out = tmp_path / "ada.xlsx"
    done = export_participant(db, person["cohort"], person["id"], out)
    return out, done


def _col(path, header: str) -> str:
    return get_column_letter(rows(path, "Pulse")[0].index(header) + 1)


def _prompt(key: str) -> str:
    return next(q["prompt"] for q in pulse.question_set.builtin() if q["key"] == key)


def test_the_pulse_sheet_has_a_row_per_week_so_far_and_a_column_per_question(db, person, tmp_path):
    out, done = _export(db, person, tmp_path)
    assert done["pulse_weeks"] == 4  # weeks 1..4: day 23 is in week 4
    got = rows(out, "Pulse")
    questions = pulse.get_survey(db, person["cohort"])["questions"]
    assert list(got[0]) == ["Week", "Starts", "Ends", *(q["prompt"] for q in questions),
                            "Record id (do not change)"]
    body = got[2:]
    assert [r[0] for r in body] == [1, 2, 3, 4]
    assert body[1][1].date() == person["start"] + timedelta(days=7)
    assert body[1][2].date() == person["start"] + timedelta(days=13)
    energy = 3 + [q["key"] for q in questions].index("energy")
    noticed = 3 + [q["key"] for q in questions].index("noticed")
    assert (body[0][energy], body[0][noticed]) == (2, "Forms, forms")
    assert all(v is None for v in body[1][3:-1])
    assert len({r[-1] for r in body}) == 4 and all("/pulse/" in r[-1] for r in body)


def test_scale_columns_drop_down_1_to_5_and_only_answers_are_unlocked(db, person, tmp_path):
    out, _ = _export(db, person, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb["Pulse"]
    energy, noticed = _col(out, _prompt("energy")), _col(out, _prompt("noticed"))
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
             for dv in ws.data_validations.dataValidation}
    dv = lists[energy]
    assert dv.type == "list" and dv.formula1 == "list_scores" and dv.showErrorMessage
    assert str(dv.sqref) == f"{energy}3:{energy}6"
    assert noticed not in lists  # free text: no list
    names = wb.defined_names["list_scores"].attr_text
    lists_ws = wb["_lists"]
    col = [c.value for c in lists_ws[1]].index("scores") + 1
    assert [lists_ws.cell(r, col).value for r in range(2, 7)] == [1, 2, 3, 4, 5]
    assert names.endswith("$2:$" + get_column_letter(col) + "$6")
    assert ws.protection.sheet
    assert ws["A3"].protection.locked and ws["B3"].protection.locked
    assert not ws[f"{energy}3"].protection.locked  # a filled answer
    assert ws.column_dimensions[noticed].protection.locked is False  # empty cells to fill
    assert ws.column_dimensions["A"].protection.locked is not False
    assert ws[f"{energy}3"].fill.fgColor.rgb.endswith("FFF4C2")
    assert wb["_meta"].sheet_state == "veryHidden"
    meta = {r[0].value: r[1].value for r in wb["_meta"].iter_rows()}
    assert '"energy"' in meta["pulse_questions"]
    base = wb["_baseline"]
    assert base.sheet_state == "veryHidden"
    pulse_base = {}
    for sheet, chunk in base.iter_rows(min_row=2, values_only=True):
        if sheet == "Pulse":
            pulse_base |= json.loads(chunk)
    keys = [ws.cell(r, ws.max_column).value for r in range(3, 7)]
    assert sorted(pulse_base) == sorted(keys)
    assert pulse_base[keys[0]][1][:1] == [2]  # week 1's energy as exported, first question
    wb.close()


def test_no_pulse_no_sheet(db, tmp_path):
    cid = cohorts.create_cohort(db, {"name": "No pulse"}).id
    pid = participants.create_participant(db, cid, {"given_name": "Bo", "family_name": "Ng"}).id
    out = tmp_path / "bo.xlsx"
    assert export_participant(db, cid, pid, out)["pulse_weeks"] == 0
    assert "Pulse" not in openpyxl.load_workbook(out, read_only=True).sheetnames
    assert review_workbook(db, out).changes == []


def test_round_trip_new_changed_applied_and_again_a_no_op(db, person, tmp_path):
    out, _ = _export(db, person, tmp_path)
    energy, noticed = _col(out, _prompt("energy")), _col(out, _prompt("noticed"))
    support = _col(out, _prompt("support"))
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Pulse": {f"{energy}3": 4, f"{energy}5": 5, f"{support}5": "3",
                               f"{noticed}5": "The panel said yes"}})
    review = review_workbook(db, back)
    assert review.problems == []
    assert {c.row: c.label for c in review.changes} == {3: "week 1", 5: "week 3"}
    got = sorted((c.row, c.field, c.status, c.base, c.theirs) for c in review.changes)
    assert got == [(3, "pulse:energy", UPDATE, 2, 4),
                   (5, "pulse:energy", NEW, None, 5),
                   (5, "pulse:noticed", NEW, None, "The panel said yes"),
                   (5, "pulse:support", NEW, None, 3)]
    applied = apply_review(db, review)
    cid, pid = person["cohort"], person["id"]
    assert pulse.get_answers(db, cid, pid, 1) == {"energy": (4, ""), "noticed": (None, "Forms, forms")}
    assert pulse.get_answers(db, cid, pid, 3) == {"energy": (5, ""), "support": (3, ""),
                                                  "noticed": (None, "The panel said yes")}
    assert review_workbook(db, back).changes == []
    apply_writes(db, review.book.workbook_id, applied.undo, count_return=False)
    assert pulse.get_answers(db, cid, pid, 1) == {"energy": (2, ""), "noticed": (None, "Forms, forms")}
    assert pulse.get_answers(db, cid, pid, 3) == {}


def test_changed_on_both_sides_is_a_conflict(db, person, tmp_path):
    out, _ = _export(db, person, tmp_path)
    energy = _col(out, _prompt("energy"))
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Pulse": {f"{energy}3": 4, f"{energy}4": 1}})
    cid, pid = person["cohort"], person["id"]
    pulse.save_answers(db, cid, pid, 1, {"energy": (3, ""), "noticed": (None, "Forms, forms")})
    pulse.save_answers(db, cid, pid, 2, {"energy": (1, "")})  # the same as theirs: nothing
    review = review_workbook(db, back)
    assert [(c.row, c.status, c.base, c.theirs, c.ours) for c in review.changes] == [
        (3, CONFLICT, 2, 4, 3)]


@pytest.mark.parametrize(("value", "message"), [
    (0, "must be between 1 and 5 ('0')"), (6, "must be between 1 and 5 ('6')"),
    ("abc", "must be a whole number ('abc')")])
def test_out_of_range_answers_are_refused_with_the_place_named(db, person, tmp_path, capsys,
                                                               value, message):
    out, _ = _export(db, person, tmp_path)
    energy = _col(out, _prompt("energy"))
    noticed = _col(out, _prompt("noticed"))
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Pulse": {f"{energy}4": value, f"{noticed}4": "fine otherwise"}})
    review = review_workbook(db, back)
    assert [str(p) for p in review.problems] == [
        f"Pulse, row 4, column {energy} · {_prompt('energy')}: {message}"]

    class Args:
        file, apply, take = str(back), True, "theirs"

    assert run_import(Args, db) == 1
    assert f"Pulse, row 4, column {energy}" in capsys.readouterr().out
    assert pulse.get_answers(db, person["cohort"], person["id"], 2) == {}


def test_questions_edited_since_the_export_still_read_back(db, person, tmp_path):
    out, _ = _export(db, person, tmp_path)
    cid = person["cohort"]
    questions = pulse.get_survey(db, cid)["questions"]
    pulse.save_questions(db, cid, [{**q, "prompt": q["prompt"] + " (new wording)"}
                                   for q in questions])
    energy = _col(out, _prompt("energy"))
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Pulse": {f"{energy}4": 3}})
    review = review_workbook(db, back)
    assert [(c.field, c.status, c.theirs) for c in review.changes] == [("pulse:energy", NEW, 3)]
    apply_review(db, review)
    assert pulse.get_answers(db, cid, person["id"], 2) == {"energy": (3, "")}


def test_damaged_pulse_metadata_is_refused(db, person, tmp_path):
    out, _ = _export(db, person, tmp_path)
    wb = openpyxl.load_workbook(out)
    for row in wb["_meta"].iter_rows():
        if row[0].value == "pulse_questions":
            row[1].value = '[{"key": "energy", "kind": "rainbow", "prompt": "x"}]'
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(WorkbookRefused, match="pulse questions in the metadata are damaged"):
        review_workbook(db, bad)


def test_a_row_id_pointing_at_someone_else_changes_nothing(db, person, tmp_path):
    """A hand-edited workbook whose Pulse row (and its baseline) names another person's week
    is refused when applied: the pulse target only writes this workbook's own person."""
    other = participants.create_participant(db, person["cohort"],
                                            {"given_name": "Cy", "family_name": "Rook"}).id
    from facilitator.models import Participant

    with db.read() as s:
        mine, theirs = (s.get(Participant, person["id"]).uuid, s.get(Participant, other).uuid)
    out, _ = _export(db, person, tmp_path)
    energy = _col(out, _prompt("energy"))
    wb = openpyxl.load_workbook(out)
    ws = wb["Pulse"]
    key_col = ws.max_column
    old = ws.cell(4, key_col).value
    ws.cell(4, key_col).value = old.replace(mine, theirs)
    ws[f"{energy}4"] = 5
    for row in wb["_baseline"].iter_rows(min_row=2):
        row[1].value = row[1].value.replace(old, old.replace(mine, theirs))
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    review = review_workbook(db, bad)
    assert [(c.key, c.status) for c in review.changes] == [(old.replace(mine, theirs), NEW)]
    from facilitator.services.errors import ValidationError

    with pytest.raises(ValidationError, match="not this participant's"):
        apply_review(db, review)
    assert pulse.get_answers(db, person["cohort"], other, 2) == {}
    assert pulse.get_answers(db, person["cohort"], person["id"], 2) == {}


def test_weeks_run_to_the_last_answered_week_and_stop_at_the_most(db, person, tmp_path):
    cid, pid = person["cohort"], person["id"]
    pulse.save_answers(db, cid, pid, 7, {"energy": (3, "")})  # answered ahead (start moved)
    out, done = _export(db, person, tmp_path)
    assert done["pulse_weeks"] == 7 and rows(out, "Pulse")[-1][0] == 7
    pulse.set_start_date(db, cid, date.today() - timedelta(days=7 * 300))
    out, done = _export(db, person, tmp_path)
    assert done["pulse_weeks"] == pulse.MAX_WEEK
