"""The organisation workbook: one partner organisation's own people. Worksheets only for those
who consented to share with their organisation; for the others, their name and attendance.
The return sheets ask, for each rule their people meet, whether it is the organisation's own,
where it really comes from, whether it can be flexed and who can grant flex; and the
programme's own questions to the organisation (services/returns/questions.py: built in,
editable per cohort), each with the answer given so far."""

from __future__ import annotations

from pathlib import Path

from facilitator.exports.xlsx.book import Progress, SheetRows, write_workbook
from facilitator.exports.xlsx.recorded import new_scope, record
from facilitator.exports.xlsx.schema import Column, Sheet, WorkbookSpec
from facilitator.services.flex.data_files import choices
from facilitator.services.privacy.export_log import log_export
from facilitator.services.returns import sources
from facilitator.store.database import Database

IS_OURS = ("Yes, it is ours", "Partly ours", "No, it comes from elsewhere", "Don't know")
CAN_FLEX = ("Yes", "With conditions", "No", "Don't know")

PEOPLE = Sheet("Our people", (
    Column("Name", "person", width=24),
    Column("Pronouns", "pronouns", width=11),
    Column("Role", "role", editable=True, width=28, max_length=120,
           guidance="correct if it has changed"),
    Column("E-mail", "email", type="email", editable=True, width=30, max_length=254,
           guidance="a work address"),
    Column("Phone", "phone", type="phone", editable=True, width=18, max_length=40,
           guidance="digits, spaces, + ( ) -"),
), intro="your people on the programme who agreed to share: confirm or correct their role "
         "and contact details.")

RULES = Sheet("Rules we meet", (
    Column("Person", "person", width=20),
    Column("The rule", "rule", width=44),
    Column("Area", "area", width=20),
    Column("They believed it was", "belief", width=13),
    Column("Checking found", "verdict", width=13),
    Column("They think flex is granted by", "their_flex_holder", width=20),
    Column("Is this rule ours?", "is_ours", type="choice", list="is_ours", editable=True,
           width=18, guidance="choose from the list"),
    Column("Where it really comes from", "real_source", type="choice", list="source_kinds",
           free=True, editable=True, width=26, max_length=200,
           guidance="choose, or type the Act / policy"),
    Column("Can it be flexed?", "can_flex", type="choice", list="can_flex", editable=True,
           width=15, guidance="choose from the list"),
    Column("Who can grant flex", "flex_holder", editable=True, width=22, max_length=200,
           guidance="a role, not a name"),
    Column("Comment", "comment", type="multiline", editable=True, width=40, max_length=2000,
           guidance="anything that would help"),
), intro="the return sheet: for each rule your people meet, tell us whose rule it is and "
         "where the flex is.")

QUESTIONS = Sheet("Questions for you", (
    Column("Our question", "prompt", type="multiline", width=50),
    Column("What would help", "help", width=30),
    Column("Your answer", "answer", type="multiline", editable=True, width=70, max_length=4000,
           guidance="in your own words, as long or short as you like"),
), intro="the programme's questions to you: how you see your people's new role fitting your "
         "work, how you would like to be involved, and more.", row_lines=6, align_top=True)

ASSESSMENTS = Sheet("Self-assessments", (
    Column("Person", "person", width=20), Column("Assessment", "assessment", width=24),
    Column("When", "point", width=8), Column("Item", "item", width=36),
    Column("Score", "score", type="int", width=7), Column("Note", "note", width=40),
), intro="how your people rated themselves at the start and the end (for reading).", keyed=False)

ATTENDANCE = Sheet("Attendance", (
    Column("Person", "person", width=22), Column("Event", "event", width=28),
    Column("Date", "date", type="date", width=13), Column("Session", "session", width=30),
    Column("Mark", "mark", width=10),
), intro="who came to what, for everyone from your organisation (for reading).", keyed=False)


def spec() -> WorkbookSpec:
    return WorkbookSpec(
        kind="organisation", title="Facilitator · workbook for your organisation",
        audience="The partner organisation named above: whoever looks after your people on "
                 "the programme (a manager, a lead for learning).",
        how_to_fill="Fill in the yellow cells only: on 'Our people', correct any role or "
                    "contact detail; on 'Rules we meet', answer the five questions for each "
                    "rule (drop-downs where there is a list); on 'Questions for you', answer "
                    "the programme's questions in your own words. Save the file as it is (.xlsx, "
                    "any name) and send it back to the programme team, who will read it in: "
                    "nothing changes on their side until they have seen every change.",
        sheets=(PEOPLE, RULES, QUESTIONS, ASSESSMENTS, ATTENDANCE),
        lists={"is_ours": IS_OURS, "can_flex": CAN_FLEX,
               "source_kinds": choices()["source_kinds"]},
    )


def _rows(sheet: Sheet, recs, key: str | None = "uuid"):
    fields = [c.field for c in sheet.columns]
    for r in recs:
        yield [r.get(f) for f in fields], (r[key] if key else ""), r.get("person", "")


def export_organisation(db: Database, cohort_id: int, organisation_id: int, path: Path,
                        progress: Progress | None = None) -> dict:
    book = sources.organisation_book(db, organisation_id)
    scope = new_scope(db, "organisation", cohort_id, organisation_id=organisation_id)
    subject = book["organisation"]
    if book["withheld"]:
        subject += (f" · {book['withheld']} of your people have not agreed to share their "
                    "worksheets: only their names and attendance are here")
    s = spec()
    write_workbook(path, s, scope, subject, [
        SheetRows(PEOPLE, _rows(PEOPLE, book["people"]), len(book["people"])),
        SheetRows(RULES, _rows(RULES, book["rules"]), len(book["rules"])),
        SheetRows(QUESTIONS, _rows(QUESTIONS, book["questions"], "key"), len(book["questions"])),
        SheetRows(ASSESSMENTS, _rows(ASSESSMENTS, book["assessments"], None)),
        SheetRows(ATTENDANCE, _rows(ATTENDANCE, book["attendance"], None)),
    ], progress)
    record(db, scope, cohort_id, organisation_id=organisation_id)
    log_export(db, "workbook", path, cohort_id=cohort_id, organisation_id=organisation_id,
               participant_ids=sources.people_ids(db, cohort_id, organisation_id))
    return {"path": path, "people": len(book["people"]), "rules": len(book["rules"]),
            "withheld": book["withheld"], "organisation": book["organisation"],
            "questions": len(book["questions"])}
