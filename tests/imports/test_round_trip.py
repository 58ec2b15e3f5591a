"""Export → edit with openpyxl as the organisation or participant would → import: exactly the
intended changes, conflicts held back until decided, and a second apply changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import export_participant
from facilitator.imports.review import (
    CONFLICT,
    KEPT,
    NEW,
    UPDATE,
    NotReady,
    apply_review,
    review_workbook,
)
from facilitator.models import (
    Assessment,
    AssessmentScore,
    Attendance,
    OrganisationRuleResponse,
    Participant,
    PlanSession,
    RuleEntry,
)
from facilitator.services.cohort import participants
from facilitator.services.returns.apply import apply_writes
from tests.exports.xlsx.helpers import column_of, demo_cohort, edit, org_with_both, rows


@pytest.fixture
def demo(db):
    return demo_cohort(db)


@pytest.fixture
def org_book(db, demo, tmp_path):
    org = org_with_both(db, demo)
    out = tmp_path / "org.xlsx"
    export_organisation(db, demo, org["id"], out)
    return org, out


def _summary(review):
    return sorted((c.sheet, c.row, c.field, c.status, c.theirs) for c in review.changes)


def test_unchanged_round_trip_changes_nothing(db, org_book):
    _org, out = org_book
    review = review_workbook(db, out)
    assert review.changes == [] and review.problems == [] and review.notes == []


def test_organisation_edits_come_back_exactly(db, org_book, tmp_path):
    org, out = org_book
    back = tmp_path / "back.xlsx"
    role = column_of(out, "Our people", "Role")
    ours = column_of(out, "Rules we meet", "Is this rule ours?")
    holder = column_of(out, "Rules we meet", "Who can grant flex")
    comment = column_of(out, "Rules we meet", "Comment")
    edit(out, back, {"Our people": {f"{role}3": "=Team lead"},
                     "Rules we meet": {f"{ours}3": "partly ours", f"{holder}3": "Head of service",
                                       f"{comment}3": "Ask the café—über policy\nline two"}})
    review = review_workbook(db, back)
    assert review.problems == []
    assert _summary(review) == [
        ("Our people", 3, "role", UPDATE, "=Team lead"),
        ("Rules we meet", 3, "comment", UPDATE, "Ask the café—über policy\nline two"),
        ("Rules we meet", 3, "flex_holder", UPDATE, "Head of service"),
        ("Rules we meet", 3, "is_ours", UPDATE, "Partly ours"),
    ]
    applied = apply_review(db, review)
    assert applied.changes.touches("participants", "organisation_rule_responses")
    rule_key = rows(back, "Rules we meet")[2][-1]
    with db.read() as s:
        p = s.scalar(select(Participant).where(Participant.uuid == rows(back, "Our people")[2][-1]))
        assert p.role == "=Team lead"
        resp = s.scalar(select(OrganisationRuleResponse).join(RuleEntry)
                        .where(RuleEntry.uuid == rule_key))
        assert (resp.is_ours, resp.flex_holder) == ("Partly ours", "Head of service")
    again = review_workbook(db, back)
    assert again.changes == [] and again.writes == []
    # the formula-looking role is text in the next export too, and comes back unchanged
    out2 = tmp_path / "org2.xlsx"
    export_organisation(db, p.cohort_id, org["id"], out2)
    assert review_workbook(db, out2).changes == []


def test_undo_puts_every_value_back(db, org_book, tmp_path):
    _org, out = org_book
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Our people": {f"{column_of(out, 'Our people', 'Phone')}3": "0161 555 0101"}})
    review = review_workbook(db, back)
    key = review.changes[0].key
    applied = apply_review(db, review)
    apply_writes(db, review.book.workbook_id, applied.undo, count_return=False)
    with db.read() as s:
        assert s.scalar(select(Participant.phone).where(Participant.uuid == key)) == ""
    assert _summary(review_workbook(db, back)) == [("Our people", 3, "phone", UPDATE,
                                                   "0161 555 0101")]


def test_changed_here_only_is_kept_and_both_sides_is_a_conflict(db, org_book, tmp_path):
    _org, out = org_book
    key = rows(out, "Our people")[2][-1]
    with db.session() as s:
        p = s.scalar(select(Participant).where(Participant.uuid == key))
        p.role, p.phone = "Senior practitioner", "0200"
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Our people": {f"{column_of(out, 'Our people', 'Role')}3": "Team manager"}})
    review = review_workbook(db, back)
    got = {(c.field, c.status): (c.base, c.theirs, c.ours) for c in review.changes}
    assert got[("role", CONFLICT)] == (rows(out, "Our people")[2][2], "Team manager",
                                       "Senior practitioner")
    assert got[("phone", KEPT)] == (None, None, "0200")
    with pytest.raises(NotReady, match="1 conflict"):
        apply_review(db, review)
    with db.read() as s:
        assert s.scalar(select(Participant.role).where(Participant.uuid == key)) == \
            "Senior practitioner"
    review.edit(review.conflicts[0], "  Team manager (interim) ")
    apply_review(db, review)
    with db.read() as s:
        p = s.scalar(select(Participant).where(Participant.uuid == key))
        assert (p.role, p.phone) == ("Team manager (interim)", "0200")


def test_invalid_values_are_reported_by_sheet_row_and_column(db, org_book, tmp_path):
    _org, out = org_book
    back = tmp_path / "back.xlsx"
    email = column_of(out, "Our people", "E-mail")
    ours = column_of(out, "Rules we meet", "Is this rule ours?")
    edit(out, back, {"Our people": {f"{email}3": "not an address"},
                     "Rules we meet": {f"{ours}4": "Maybe"}})
    review = review_workbook(db, back)
    msgs = sorted(str(p) for p in review.problems)
    assert msgs[0].startswith(f"Our people, row 3, column {email} · E-mail: does not look like")
    assert "'not an address'" in msgs[0]
    assert msgs[1].startswith(f"Rules we meet, row 4, column {ours} · Is this rule ours?: "
                              "must be one of")
    with pytest.raises(NotReady):
        apply_review(db, review)


def test_unknown_and_copied_ids_are_refused_by_row(db, org_book, tmp_path):
    _org, out = org_book
    back = tmp_path / "back.xlsx"
    key_col = column_of(out, "Rules we meet", "Record id (do not change)")
    first = rows(out, "Rules we meet")[2][-1]
    edit(out, back, {"Rules we meet": {f"{key_col}3": "00000000-0000-0000-0000-000000000000",
                                       f"{key_col}4": first}})
    review = review_workbook(db, back)
    msgs = [str(p) for p in review.problems]
    assert any("row 3" in m and "was not in the workbook as exported" in m for m in msgs)
    review2_rows = [p.row for p in review.problems]
    assert 3 in review2_rows


def test_deleted_here_since_export_is_reported_not_revived(db, demo, tmp_path):
    pid = participants.list_participants(db, demo)[0]["id"]
    out = tmp_path / "p.xlsx"
    export_participant(db, demo, pid, out)
    key = rows(out, "My rules")[2][-1]
    with db.session() as s:
        s.delete(s.scalar(select(RuleEntry).where(RuleEntry.uuid == key)))
    back = tmp_path / "back.xlsx"
    edit(out, back, {"My rules": {"B3": "Housing and tenancy"}})
    review = review_workbook(db, back)
    assert review.changes == [] and "deleted here since the export" in str(review.notes[0])


def test_participant_adds_a_rule_and_scores_typed_as_text(db, demo, tmp_path):
    pid = participants.list_participants(db, demo)[0]["id"]
    out = tmp_path / "p.xlsx"
    done = export_participant(db, demo, pid, out)
    blank = 3 + done["rules"]
    back = tmp_path / "back.xlsx"
    sheet = rows(out, "My rules")[0]
    col = {h: chr(ord("A") + i) for i, h in enumerate(sheet)}
    skills = "Skills for change"
    edit(out, back, {
        "My rules": {f"{col['The rule']}{blank}": "Two signatures for any grant over £50",
                     f"{col['I believe it is']}{blank}": "Absolute",
                     f"{col['Checked with']}{blank}": "Finance manager",
                     f"{col['Checked on']}{blank}": "14/03/2026",
                     f"{col['Verdict after checking']}{blank}": "discretionary"},
        skills: {"C3": "4", "D3": "Better than I thought"},
    })
    review = review_workbook(db, back)
    assert review.problems == []
    new = {c.field: c.theirs for c in review.changes if c.status == NEW}
    assert new["rule"] == "Two signatures for any grant over £50"
    assert new["belief"] == "absolute" and new["checked_on"] == "2026-03-14"
    apply_review(db, review)
    key = rows(out, "My rules")[blank - 1][-1]
    with db.read() as s:
        r = s.scalar(select(RuleEntry).where(RuleEntry.uuid == key))
        assert (r.participant_id, r.checked_on, r.verdict) == (pid, date(2026, 3, 14),
                                                               "discretionary")
        a = s.scalar(select(Assessment).where(Assessment.participant_id == pid,
                                              Assessment.template == "skills_for_change",
                                              Assessment.point == "start"))
        scores = {x.item: (x.score, x.note) for x in s.scalars(
            select(AssessmentScore).where(AssessmentScore.assessment_id == a.id))}
    assert (4, "Better than I thought") in scores.values()
    assert review_workbook(db, back).changes == []


def test_out_of_scale_score_is_a_problem(db, demo, tmp_path):
    pid = participants.list_participants(db, demo)[0]["id"]
    out = tmp_path / "p.xlsx"
    export_participant(db, demo, pid, out)
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Skills for change": {"C4": 9}})
    review = review_workbook(db, back)
    assert [str(p) for p in review.problems] == [
        "Skills for change, row 4, column C · Score at the start: must be between 1 and 5 ('9')"]


def test_cohort_attendance_marks_come_back(db, demo, tmp_path):
    out = tmp_path / "cohort.xlsx"
    export_cohort(db, demo, out)
    got = rows(out, "Attendance")
    row = next(i for i, r in enumerate(got[2:], start=3)
               if r[5] is None and r[4] != "(whole event)")
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Attendance": {f"F{row}": "Late", f"G{row}": "train delayed"}})
    review = review_workbook(db, back)
    assert _summary(review) == [("Attendance", row, "mark", UPDATE, "late"),
                                ("Attendance", row, "note", UPDATE, "train delayed")]
    apply_review(db, review)
    puuid, suuid = got[row - 1][-1].split(":")
    with db.read() as s:
        a = s.scalar(select(Attendance).join(Participant).join(
            PlanSession, PlanSession.id == Attendance.session_id)
            .where(Participant.uuid == puuid, PlanSession.uuid == suuid))
    assert (a.status, a.note) == ("late", "train delayed")
    assert review_workbook(db, back).changes == []


def test_whole_event_marks_come_back_too(db, demo, tmp_path):
    out = tmp_path / "cohort.xlsx"
    export_cohort(db, demo, out)
    got = rows(out, "Attendance")
    row = next(i for i, r in enumerate(got[2:], start=3)
               if r[4] == "(whole event)" and r[5] == "present")
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Attendance": {f"F{row}": "excused"}})
    review = review_workbook(db, back)
    assert _summary(review) == [("Attendance", row, "mark", UPDATE, "excused")]
    before = _count_marks(db)
    apply_review(db, review)
    assert _count_marks(db) == before  # changed in place, not added
    puuid = got[row - 1][-1].split(":")[0]
    with db.read() as s:
        statuses = [a.status for a in s.scalars(select(Attendance).join(Participant)
                                                .where(Participant.uuid == puuid,
                                                       Attendance.session_id.is_(None)))]
    assert "excused" in statuses


def _count_marks(db) -> int:
    with db.read() as s:
        return len(s.scalars(select(Attendance.id)).all())
