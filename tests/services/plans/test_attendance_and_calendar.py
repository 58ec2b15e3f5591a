"""Attendance registers and the iCalendar export (parsed back with the icalendar library)."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest

from facilitator.services.cohort import participants
from facilitator.services.errors import ValidationError
from facilitator.services.plans import agenda, attendance, calendar_export, events, sessions


@pytest.fixture
def people(db, cohort_id):
    return [participants.create_participant(db, cohort_id, {"given_name": n, "status": "active"}).id
            for n in ("Ada", "Bo", "Cy")]


@pytest.fixture
def event_id(db, cohort_id):
    return events.create_event(db, cohort_id, {
        "title": "Residential", "kind": "residential", "start_date": date(2026, 9, 14),
        "end_date": date(2026, 9, 16)}).id


def test_marks_notes_totals_and_undo(db, cohort_id, people, event_id):
    ada, bo, cy = people
    assert attendance.set_mark(db, event_id, ada, "present")[0] == ("", "")
    attendance.set_mark(db, event_id, bo, "late", "Train delayed")
    before, changes = attendance.set_mark(db, event_id, bo, "present")
    assert before == ("late", "Train delayed") and changes.touches("attendance")
    rows = {r["name"]: r for r in attendance.register(db, event_id)}
    assert (rows["Bo"]["status"], rows["Bo"]["note"]) == ("present", "Train delayed")
    attendance.set_mark(db, event_id, bo, *before)  # undo
    assert attendance.event_totals(db, event_id) == {
        "present": 1, "late": 1, "excused": 0, "absent": 0, "unmarked": 1}
    other = events.create_event(db, cohort_id, {"title": "Lab", "kind": "learning lab",
                                                "start_date": date(2026, 10, 5),
                                                "end_date": date(2026, 10, 5)}).id
    attendance.set_mark(db, other, ada, "absent", "Ill")
    totals = attendance.participant_totals(db, cohort_id)
    assert totals[ada] == {"present": 1, "late": 0, "excused": 0, "absent": 1}
    assert cy not in totals
    attendance.set_mark(db, event_id, ada, "", "")
    assert attendance.event_totals(db, event_id)["unmarked"] == 2


def test_session_register_is_separate_from_the_event_register(db, people, event_id):
    ps = sessions.create_session(db, event_id, {"title": "Day 1", "day": date(2026, 9, 14),
                                                "start": "09:30"}).id
    attendance.set_mark(db, event_id, people[0], "excused", session_id=ps)
    assert attendance.event_totals(db, event_id)["unmarked"] == 3
    assert attendance.event_totals(db, event_id, ps)["excused"] == 1


def test_bad_marks_are_refused_and_change_nothing(db, cohort_id, people, event_id):
    with pytest.raises(ValidationError, match="must be one of"):
        attendance.set_mark(db, event_id, people[0], "here")
    with pytest.raises(ValidationError, match="before writing a note"):
        attendance.set_mark(db, event_id, people[0], "", "a note")
    from facilitator.services.cohort import cohorts

    stranger_cohort = cohorts.create_cohort(db, {"name": "Other"}).id
    stranger = participants.create_participant(db, stranger_cohort, {"given_name": "Zed",
                                                                     "status": "active"}).id
    with pytest.raises(ValidationError, match="not in this event's cohort"):
        attendance.set_mark(db, event_id, stranger, "present")
    assert attendance.event_totals(db, event_id)["unmarked"] == 3


def test_ics_parses_back_with_a_real_library(db, cohort_id, event_id, tmp_path):
    events.update_event(db, event_id, {"venue": "Hebden Hall; the barn, upstairs",
                                       "notes": "Bring boots.\nŁódź, Ynys Môn, ŵ ŷ — " + "x" * 120})
    call = events.create_event(db, cohort_id, {"title": "Learning call 1", "kind": "learning call",
                                               "start_date": date(2026, 9, 28),
                                               "end_date": date(2026, 9, 28)}).id
    ps = sessions.create_session(db, call, {"title": "Call", "day": date(2026, 9, 28),
                                            "start": "14:00"}).id
    agenda.create_item(db, ps, {"title": "Round", "kind": "reflection", "duration": "60"})
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "cohort.ics"
    assert calendar_export.write_ics(db, cohort_id, out) == 2
    raw = out.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    found = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    res = found["Residential"]
    assert res.decoded("DTSTART") == date(2026, 9, 14)
    assert res.decoded("DTEND") == date(2026, 9, 17)  # exclusive end of an all-day event
    assert str(res["LOCATION"]) == "Hebden Hall; the barn, upstairs"
    assert "Łódź, Ynys Môn, ŵ ŷ — " + "x" * 120 in str(res["DESCRIPTION"])
    assert str(res["UID"]) == events.get_event(db, event_id)["uuid"] + "@facilitator"
    lc = found["Learning call 1"]
    assert lc.decoded("DTSTART").hour == 14 and lc.decoded("DTEND").hour == 15
    # floating local times, deliberately: no zone, no UTC, no VTIMEZONE (see the module)
    assert lc.decoded("DTSTART").tzinfo is None and lc.decoded("DTEND").tzinfo is None
    assert b"\r\nDTSTART:20260928T140000\r\nDTEND:20260928T150000\r\n" in raw
    assert b"TZID" not in raw and b"VTIMEZONE" not in raw
    assert not any(line.startswith((b"DTSTART", b"DTEND")) and line.endswith(b"Z")
                   for line in raw.split(b"\r\n"))
    assert list(out.parent.iterdir()) == [out]  # no temp file left behind


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "ŵ" * 100
    folded = calendar_export.fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode()) <= 75 for p in parts)
    assert calendar_export.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_attendance_notes_are_checked_like_every_other_field(db, people, event_id):
    with pytest.raises(ValidationError, match="control characters"):
        attendance.set_mark(db, event_id, people[0], "late", "bus\x00late")
    with pytest.raises(ValidationError, match="too long"):
        attendance.set_mark(db, event_id, people[0], "late", "x" * 2001)
    assert attendance.event_totals(db, event_id)["unmarked"] == 3


def test_every_line_break_in_a_text_becomes_an_escaped_newline(db, cohort_id, event_id):
    assert calendar_export.escape_text("a\rb\r\nc\nd") == "a\\nb\\nc\\nd"
    events.update_event(db, event_id, {"notes": "Old Mac line ends:\rone\r\ntwo\nthree"})
    text, count = calendar_export.cohort_ics(db, cohort_id)
    raw = text.encode("utf-8")
    assert count == 1
    bare = raw.replace(b"\r\n", b"")
    assert b"\r" not in bare and b"\n" not in bare  # no lone CR or LF anywhere
    cal = icalendar.Calendar.from_ical(raw)
    [event] = cal.walk("VEVENT")
    assert "Old Mac line ends:\none\ntwo\nthree" in str(event["DESCRIPTION"])
