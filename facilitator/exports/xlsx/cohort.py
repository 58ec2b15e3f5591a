"""The cohort workbook, for the team or a funder: participants, organisations, peer groups,
events, agenda items with their computed times, attendance (one row per participant × session,
whose mark and note can be filled in offline, and a matrix with P/L/E/A totals), rules
registers, rule groups with their flags, self-assessment scores, the shareable insights by
level and the pulse's trends. Worksheets only for participants whose consent to share is
recorded; no diary's words, ever."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from facilitator.exports.xlsx.book import Progress, SheetRows, write_workbook
from facilitator.exports.xlsx.recorded import new_scope, record
from facilitator.exports.xlsx.schema import Column, Sheet, WorkbookSpec
from facilitator.models.attendance import ATTENDANCE_STATUSES
from facilitator.services.flex.registers import FIELDS as RULE_FIELDS
from facilitator.services.privacy.export_log import log_export
from facilitator.services.privacy.pseudonyms import Pseudonyms
from facilitator.services.returns import sources
from facilitator.store.database import Database

LETTERS = {"present": "P", "late": "L", "excused": "E", "absent": "A"}

PARTICIPANTS = Sheet("Participants", (
    Column("Name", "person", width=24), Column("Pronouns", "pronouns", width=10),
    Column("Organisation", "organisation", width=30), Column("Role", "role", width=26),
    Column("E-mail", "email", width=30), Column("Phone", "phone", width=16),
    Column("Status", "status", width=11), Column("Shares worksheets", "shares", width=10),
), intro="everyone on the cohort (no access or dietary needs, no notes).", keyed=False)

ORGANISATIONS = Sheet("Organisations", (
    Column("Organisation", "name", width=32), Column("Sector", "sector", width=18),
    Column("Region", "region", width=16), Column("Contact", "contact_name", width=20),
    Column("Contact e-mail", "contact_email", width=28),
    Column("Contact phone", "contact_phone", width=16),
    Column("Participants", "participants", type="int", width=11),
), intro="the partner organisations and how many people each has on the cohort.", keyed=False)

PEER_GROUPS = Sheet("Peer groups", (
    Column("Group", "name", width=20), Column("Members", "members", width=60),
    Column("Size", "size", type="int", width=7),
), intro="the peer-coaching groups.", keyed=False)

EVENTS = Sheet("Events", (
    Column("Event", "title", width=34), Column("Kind", "kind", width=14),
    Column("Starts", "start_date", type="date", width=13),
    Column("Ends", "end_date", type="date", width=13), Column("Venue", "venue", width=28),
    Column("Sessions", "sessions", type="int", width=9),
), intro="residentials, learning labs, field trips and learning calls.", keyed=False)

AGENDA = Sheet("Agenda", (
    Column("Event", "event", width=26), Column("Date", "date", type="date", width=13),
    Column("Session", "session", width=24), Column("Starts", "start", width=7),
    Column("Ends", "end", width=7), Column("Item", "title", width=34),
    Column("Kind", "kind", width=11), Column("Minutes", "minutes", type="int", width=8),
    Column("Track", "track", width=12), Column("Lead", "lead", width=16),
    Column("Method", "method", width=22),
), intro="every agenda item with its computed start and end (minutes as numbers).", keyed=False)

ATTENDANCE = Sheet("Attendance", (
    Column("Person", "person", width=22), Column("Organisation", "organisation", width=26),
    Column("Event", "event", width=26), Column("Date", "date", type="date", width=13),
    Column("Session", "session", width=24),
    Column("Mark", "mark", type="choice", list="marks", editable=True, width=11,
           guidance="present / late / excused / absent"),
    Column("Note", "note", type="multiline", editable=True, width=30, max_length=2000,
           guidance="optional"),
), intro="one row per participant and session (and per event as a whole); the marks and "
         "notes can be filled in.")

RULES = Sheet("Rules registers", (
    Column("Person", "person", width=20), Column("Organisation", "organisation", width=24),
    *(Column(f.label, f.name, type="date" if f.kind == "date" else "text",
             width=40 if f.name == "rule" else 18) for f in RULE_FIELDS),
), intro="the rules registers of participants who consented to share.", keyed=False)

RULE_GROUPS = Sheet("Rule groups", (
    Column("Rule (most common wording)", "title", width=44), Column("Area", "area", width=22),
    Column("People", "people", type="int", width=8), Column("Entries", "entries", type="int", width=8),
    Column("Absolute", "absolute", type="int", width=9),
    Column("Discretionary", "discretionary", type="int", width=12),
    Column("Unsure", "unsure", type="int", width=8), Column("Flags", "flags", width=18),
), intro="alike rules grouped across people; 'contested' and 'myth' flags.", keyed=False)

ASSESSMENTS = Sheet("Self-assessments", (
    Column("Person", "person", width=20), Column("Assessment", "assessment", width=24),
    Column("When", "point", width=8), Column("Item", "item", width=36),
    Column("Score", "score", type="int", width=7), Column("Note", "note", width=40),
), intro="self-assessment scores of participants who consented to share.", keyed=False)


INSIGHTS = Sheet("Insights", (
    Column("Level", "level", width=13), Column("Title", "title", width=30),
    Column("The insight", "text", type="multiline", width=60),
    Column("Themes", "themes", width=22), Column("Came from", "source", width=24),
    Column("Quote", "quote", type="multiline", width=40),
), intro="what was learnt, by level (individual, organisation, services, systems): only "
         "insights marked as shareable, and never a diary's words.", keyed=False,
         align_top=True)

PULSE_TRENDS = Sheet("Pulse trends", (
    Column("Question", "question", width=58), Column("Week", "week", type="int", width=7),
    Column("Starts", "starts", type="date", width=12),
    Column("Answered", "answers", type="int", width=10),
    Column("Median", "median", type="number", width=9),
    Column("Lower quartile", "lower", type="number", width=9),
    Column("Upper quartile", "upper", type="number", width=9),
    Column("Lowest", "lowest", type="int", width=8), Column("Highest", "highest", type="int", width=8),
), intro="the weekly pulse's 1–5 questions, week by week: how many answered, the median and "
         "the middle half (quartiles), for the cohort as a whole.", keyed=False, align_top=True)


def matrix_sheet(sessions: list[dict]) -> Sheet:
    cols = [Column("Person", "person", width=24)]
    for i, ps in enumerate(sessions):
        cols.append(Column(f"{ps['date']:%d %b} {ps['title']}"[:60], f"s{i}", width=9))
    cols += [Column(t, t, type="int", width=5) for t in ("P", "L", "E", "A")]
    return Sheet("Attendance matrix", tuple(cols), keyed=False,
                 intro="participants by sessions: P present, L late, E excused, A absent, "
                       "with totals.")


def spec(sessions: list[dict] | None = None) -> WorkbookSpec:
    return WorkbookSpec(
        kind="cohort", title="Facilitator · cohort workbook",
        audience="The programme team, and a funder or evaluator the team chooses to share it "
                 "with. Worksheets appear only for participants who consented to share.",
        how_to_fill="Almost everything here is for reading. On 'Attendance' the yellow Mark "
                    "and Note cells can be filled in (on a laptop at a venue with no "
                    "connection, say) and the workbook read back in with File → Import a "
                    "returned workbook.",
        sheets=(PARTICIPANTS, ORGANISATIONS, PEER_GROUPS, EVENTS, AGENDA, ATTENDANCE,
                matrix_sheet(sessions or []), RULES, RULE_GROUPS, ASSESSMENTS, INSIGHTS,
                PULSE_TRENDS),
        lists={"marks": ATTENDANCE_STATUSES},
    )


def _plain(sheet: Sheet, recs) -> Iterator:
    fields = [c.field for c in sheet.columns]
    for r in recs:
        yield [r.get(f) for f in fields], "", r.get("person", "")


def attendance_rows(rows: Iterator[dict]) -> Iterator:
    for r in rows:
        yield ([r["person"], r["organisation"], r["event"], r["date"], r["session"],
                r["mark"] or None, r["note"] or None], r["key"], r["person"])


def _matrix_rows(db: Database, cohort_id: int, n_sessions: int) -> Iterator:
    _sessions, rows = sources.attendance_grid(db, cohort_id)
    person, marks, pid = None, [], None
    for r in rows:
        if r["pid"] != pid and pid is not None:
            yield _matrix_line(person, marks), "", person
            marks = []
        pid, person = r["pid"], r["person"]
        marks.append(LETTERS.get(r["mark"], ""))
    if pid is not None:
        yield _matrix_line(person, marks), "", person


def _matrix_line(person: str, marks: list[str]) -> list:
    return [person, *[m or None for m in marks], *(marks.count(t) for t in ("P", "L", "E", "A"))]


# Columns a pseudonymised workbook leaves empty: they say who someone is whatever the name.
IDENTIFYING = {"email", "phone", "pronouns", "role"}


def _pseudonymised(sheet_rows: SheetRows, pseudo: Pseudonyms) -> SheetRows:
    blank = [c.field in IDENTIFYING for c in sheet_rows.sheet.columns]

    def rows():
        for values, key, label in sheet_rows.rows:
            yield ([None if b else pseudo.text(v) for v, b in zip(values, blank, strict=True)],
                   key, pseudo.text(label))

    return SheetRows(sheet_rows.sheet, rows(), sheet_rows.count)


def export_cohort(db: Database, cohort_id: int, path: Path, progress: Progress | None = None,
                  *, pseudonymise: bool = False) -> dict:
    """Write the cohort workbook. With `pseudonymise`, every participant is their code
    (services/privacy/pseudonyms.py) and names in free text are replaced by codes."""
    book = sources.cohort_book(db, cohort_id)
    sessions, grid = sources.attendance_grid(db, cohort_id)
    counts = sources.cohort_counts(db, cohort_id)
    s = spec(sessions)
    matrix = s.sheets[6]
    scope = new_scope(db, "cohort", cohort_id)
    subject = f"{book['cohort']}"
    if book["withheld"]:
        subject += f" · worksheets withheld for {book['withheld']} participant(s) without consent"
    sheets = [SheetRows(sh, _plain(sh, book[key]), len(book[key])) for sh, key in (
        (PARTICIPANTS, "participants"), (ORGANISATIONS, "organisations"),
        (PEER_GROUPS, "peer_groups"), (EVENTS, "events"), (AGENDA, "agenda"))]
    sheets.append(SheetRows(ATTENDANCE, attendance_rows(grid),
                            counts["participants"] * counts["columns"]))
    sheets.append(SheetRows(matrix, _matrix_rows(db, cohort_id, len(sessions)),
                            counts["participants"]))
    sheets += [SheetRows(sh, _plain(sh, book[key]), len(book[key])) for sh, key in (
        (RULES, "rules"), (RULE_GROUPS, "rule_groups"), (ASSESSMENTS, "assessments"))]
    learnt = sources.learning_book(db, cohort_id)
    sheets += [SheetRows(sh, _plain(sh, learnt[key]), len(learnt[key])) for sh, key in (
        (INSIGHTS, "insights"), (PULSE_TRENDS, "pulse_trends"))]
    if pseudonymise:
        pseudo = Pseudonyms.for_cohort(db, cohort_id)
        sheets = [_pseudonymised(sr, pseudo) for sr in sheets]
        subject += " · pseudonymised: participant codes instead of names"
    write_workbook(path, s, scope, subject, sheets, progress)
    record(db, scope, cohort_id)
    log_export(db, "workbook", path, cohort_id=cohort_id,
               participant_ids=sources.people_ids(db, cohort_id))
    return {"path": path, "participants": counts["participants"], "sessions": counts["sessions"],
            "withheld": book["withheld"], "cohort": book["cohort"]}
