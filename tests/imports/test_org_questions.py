"""The programme's questions to organisations: the built-in set, editing it per cohort (what
changed, undo), the organisation workbook's "Questions for you" sheet, and the answers coming
back through the three-way review, stored per cohort and organisation."""

from __future__ import annotations

import openpyxl
import pytest

from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.imports.review import CONFLICT, UPDATE, apply_review, review_workbook
from facilitator.services.cohort import cohorts, organisations
from facilitator.services.errors import ValidationError
from facilitator.services.returns import questions
from facilitator.services.returns.apply import apply_writes
from tests.exports.xlsx.helpers import column_of, edit, rows

SHEET = "Questions for you"


@pytest.fixture
def org(db):
    cid = cohorts.create_cohort(db, {"name": "Questions cohort"}).id
    oid = organisations.create_organisation(db, cid, {"name": "Northside Housing"}).id
    other = organisations.create_organisation(db, cid, {"name": "Eastgate Recovery"}).id
    return {"cohort": cid, "id": oid, "other": other}


def test_the_builtin_set_asks_about_the_new_role_and_involvement(db, org):
    got = questions.get_questions(db, org["cohort"])
    assert got["builtin"] is True and got["answered"] == {}
    keys = [q["key"] for q in got["questions"]]
    assert keys[:2] == ["new_role", "involvement"] and len(keys) == len(questions.builtin())
    assert "new role" in got["questions"][0]["prompt"]


def test_saving_returns_what_was_there_and_undo_puts_the_builtin_set_back(db, org):
    cid = org["cohort"]
    mine = [{"prompt": "What does a good week look like for your team?", "help": ""},
            dict(questions.builtin()[1])]
    before, changes = questions.save_questions(db, cid, mine)
    assert before is None and changes.touches("organisation_questions")
    got = questions.get_questions(db, cid)
    assert got["builtin"] is False
    assert [q["prompt"] for q in got["questions"]] == [mine[0]["prompt"], mine[1]["prompt"]]
    assert got["questions"][0]["key"] == "what_does_a"
    again, _ = questions.save_questions(db, cid, list(reversed(got["questions"])))
    assert again == got["questions"]
    assert [q["key"] for q in questions.get_questions(db, cid)["questions"]] == [
        "involvement", "what_does_a"]
    questions.save_questions(db, cid, before)
    assert questions.get_questions(db, cid)["builtin"] is True


@pytest.mark.parametrize(("bad", "message"), [
    ([], "at least one question"),
    ([{"prompt": ""}], "Question 1 has no wording"),
    ([{"prompt": "x" * 301}], "Question 1 is too long: 301 characters"),
    ([{"prompt": "Fine", "help": "h" * 201}], "the hint is too long"),
    ([{"prompt": "Same"}, {"prompt": "same"}], "Question 2 asks the same as another"),
    ([{"prompt": "Bell\x07"}], "control characters"),
    ([{"prompt": f"Q{n}"} for n in range(16)], "At most 15 questions"),
])
def test_bad_question_sets_are_refused_and_nothing_changes(db, org, bad, message):
    with pytest.raises(ValidationError, match=message):
        questions.save_questions(db, org["cohort"], bad)
    assert questions.get_questions(db, org["cohort"])["builtin"] is True


def _export(db, org, tmp_path, which="id"):
    out = tmp_path / f"{which}.xlsx"
    export_organisation(db, org["cohort"], org[which], out)
    return out


def test_the_sheet_asks_each_question_with_a_yellow_answer_cell(db, org, tmp_path):
    out = _export(db, org, tmp_path)
    got = rows(out, SHEET)
    assert got[0] == ("Our question", "What would help", "Your answer", "Record id (do not change)")
    assert [r[0] for r in got[2:]] == [q["prompt"] for q in questions.builtin()]
    assert all(r[2] is None and r[3].endswith("/question/" + q["key"])
               for r, q in zip(got[2:], questions.builtin(), strict=True))
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET]
    assert ws.protection.sheet and ws["A3"].protection.locked
    assert ws.column_dimensions["C"].protection.locked is False
    assert ws.column_dimensions["A"].protection is None or ws.column_dimensions["A"].protection.locked
    wb.close()


def test_answers_round_trip_and_a_second_import_is_a_no_op(db, org, tmp_path):
    out = _export(db, org, tmp_path)
    answer = column_of(out, SHEET, "Your answer")
    back = tmp_path / "back.xlsx"
    edit(out, back, {SHEET: {f"{answer}3": "It fits: they already bend the rules for tenants",
                             f"{answer}4": "=A sponsor on the board"}})
    review = review_workbook(db, back)
    assert review.problems == []
    assert sorted((c.row, c.status, c.base, c.theirs) for c in review.changes) == [
        (3, UPDATE, None, "It fits: they already bend the rules for tenants"),
        (4, UPDATE, None, "=A sponsor on the board")]
    applied = apply_review(db, review)
    assert applied.changes.touches("organisation_answers")
    got = {o["name"]: o for o in questions.answers(db, org["cohort"])}
    mine = {a["key"]: a["answer"] for a in got["Northside Housing"]["answers"]}
    assert mine["new_role"].startswith("It fits") and mine["involvement"] == "=A sponsor on the board"
    assert got["Northside Housing"]["answered"] == 2 and got["Eastgate Recovery"]["answered"] == 0
    assert review_workbook(db, back).changes == []
    # the other organisation's workbook carries none of these answers
    assert all(r[2] is None for r in rows(_export(db, org, tmp_path, "other"), SHEET)[2:])
    # and a new workbook for this one shows them as answered so far
    assert rows(_export(db, org, tmp_path), SHEET)[2][2].startswith("It fits")
    apply_writes(db, review.book.workbook_id, applied.undo, count_return=False)
    assert questions.answers(db, org["cohort"])[1]["answered"] == 0


def test_an_answered_question_cannot_be_removed_but_its_wording_can_change(db, org, tmp_path):
    out = _export(db, org, tmp_path)
    back = tmp_path / "back.xlsx"
    edit(out, back, {SHEET: {"C3": "Well"}})
    apply_review(db, review_workbook(db, back))
    cid = org["cohort"]
    qs = questions.get_questions(db, cid)["questions"]
    with pytest.raises(ValidationError, match="already has 1 answer"):
        questions.save_questions(db, cid, qs[1:])
    qs[0]["prompt"] = "How does the new role fit?"
    questions.save_questions(db, cid, qs)
    first = questions.answers(db, cid)[1]["answers"][0]
    assert (first["prompt"], first["answer"]) == ("How does the new role fit?", "Well")


def test_changed_on_both_sides_is_a_conflict_and_a_removed_question_a_note(db, org, tmp_path):
    out = _export(db, org, tmp_path)
    back = tmp_path / "back.xlsx"
    edit(out, back, {SHEET: {"C3": "Theirs", "C7": "About a removed question"}})
    first = review_workbook(db, tmp_path / "back.xlsx")
    assert len(first.changes) == 2
    with db.session() as s:  # typed in here since the export
        questions.write_answer(s, org["id"], "new_role", "Ours")
    questions.save_questions(db, org["cohort"], list(questions.builtin())[:4])
    review = review_workbook(db, back)
    assert [(c.row, c.status, c.ours, c.theirs) for c in review.changes] == [
        (3, CONFLICT, "Ours", "Theirs")]
    assert [n.row for n in review.notes] == [7]
    assert "no longer in the database" in str(review.notes[0])


def test_an_over_long_answer_is_refused_by_place(db, org, tmp_path):
    out = _export(db, org, tmp_path)
    back = tmp_path / "back.xlsx"
    edit(out, back, {SHEET: {"C5": "x" * 4001}})
    review = review_workbook(db, back)
    assert [str(p).split(" (")[0] for p in review.problems] == [
        f"{SHEET}, row 5, column C · Your answer: is too long: 4,001 characters, the most is 4,000"]


def test_a_row_id_naming_another_organisation_changes_nothing(db, org, tmp_path):
    """A hand-edited workbook whose question row (and baseline) names another organisation
    is not read as that organisation's answer: the record is not in this workbook's scope."""
    from facilitator.models import Organisation

    with db.read() as s:
        mine, theirs = s.get(Organisation, org["id"]).uuid, s.get(Organisation, org["other"]).uuid
    out = _export(db, org, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET]
    old = ws["D3"].value
    ws["D3"].value = old.replace(mine, theirs)
    ws["C3"] = "Written into the wrong organisation"
    for row in wb["_baseline"].iter_rows(min_row=2):
        row[1].value = row[1].value.replace(old, old.replace(mine, theirs))
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    review = review_workbook(db, bad)
    assert review.changes == [] and "no longer in the database" in str(review.notes[0])
    assert all(o["answered"] == 0 for o in questions.answers(db, org["cohort"]))
