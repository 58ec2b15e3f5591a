"""The calendar file line by line: what a calendar program reads, exactly (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from facilitator.services.cohort import cohorts
from facilitator.services.plans import agenda, calendar_export, events, sessions


def test_the_whole_calendar_text(db):
    cohort = cohorts.create_cohort(db, {"name": "North, 2026; pilot"}).id
    residential = events.create_event(db, cohort, {
        "title": "Residential", "kind": "residential", "start_date": date(2026, 9, 14),
        "end_date": date(2026, 9, 16), "venue": "Hebden Hall",
        "address": "1 Mill Lane\n  Hebden   Bridge"}).id
    call = events.create_event(db, cohort, {
        "title": "Learning call", "kind": "learning call", "start_date": date(2026, 9, 28),
        "end_date": date(2026, 9, 28)}).id
    s = sessions.create_session(db, call, {"title": "Call", "day": date(2026, 9, 28), "start": "14:00"}).id
    agenda.create_item(db, s, {"title": "Round", "kind": "reflection", "duration": "45"})
    late = events.create_event(db, cohort, {
        "title": "Late lab", "kind": "learning lab", "start_date": date(2026, 10, 5),
        "end_date": date(2026, 10, 5), "notes": "Bring boots"}).id
    s = sessions.create_session(db, late, {"title": "Night", "day": date(2026, 10, 5), "start": "23:30"}).id
    agenda.create_item(db, s, {"title": "Walk", "kind": "activity", "duration": "30"})
    uid = {e: events.get_event(db, e)["uuid"] for e in (residential, call, late)}

    text, count = calendar_export.cohort_ics(db, cohort, now=datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC))

    assert count == 3
    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Facilitator//Session plans//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:North\\, 2026\\; pilot",
        "BEGIN:VEVENT",
        f"UID:{uid[residential]}@facilitator",
        "DTSTAMP:20260301T120005Z",
        "DTSTART;VALUE=DATE:20260914",
        "DTEND;VALUE=DATE:20260917",  # the day after the last: DTEND is exclusive
        "SUMMARY:Residential",
        "LOCATION:Hebden Hall\\, 1 Mill Lane Hebden Bridge",
        "CATEGORIES:Residential",
        "DESCRIPTION:Residential",
        "END:VEVENT",
        "BEGIN:VEVENT",
        f"UID:{uid[call]}@facilitator",
        "DTSTAMP:20260301T120005Z",
        "DTSTART:20260928T140000",  # floating: no Z, no TZID (see calendar_export)
        "DTEND:20260928T144500",
        "SUMMARY:Learning call",
        "CATEGORIES:Learning call",
        "DESCRIPTION:Learning call\\nDay 1 · Mon 28 Sep\\n  14:00–14:45 Call",
        "END:VEVENT",
        "BEGIN:VEVENT",
        f"UID:{uid[late]}@facilitator",
        "DTSTAMP:20260301T120005Z",
        # a day whose sessions end at midnight is written as an all-day event
        "DTSTART;VALUE=DATE:20261005",
        "DTEND;VALUE=DATE:20261006",
        "SUMMARY:Late lab",
        "CATEGORIES:Learning lab",
        "DESCRIPTION:Learning lab\\nBring boots\\nDay 1 · Mon 05 Oct\\n  23:30–00:00",
        "  (+1) Night",  # folded at 75 octets; the continuation starts with one space
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_a_day_ending_one_minute_before_midnight_keeps_its_times(db):
    cohort = cohorts.create_cohort(db, {"name": "C"}).id
    lab = events.create_event(db, cohort, {"title": "Lab", "kind": "learning lab",
                                           "start_date": date(2026, 10, 5), "end_date": date(2026, 10, 5)}).id
    s = sessions.create_session(db, lab, {"title": "Night", "day": date(2026, 10, 5), "start": "23:30"}).id
    agenda.create_item(db, s, {"title": "Walk", "kind": "activity", "duration": "29"})
    text, _ = calendar_export.cohort_ics(db, cohort)
    assert "\r\nDTSTART:20261005T233000\r\nDTEND:20261005T235900\r\n" in text


def test_folding_counts_octets_and_the_leading_space():
    assert calendar_export.fold("x" * 75) == "x" * 75
    assert calendar_export.fold("x" * 76) == "x" * 75 + "\r\n x"
    assert calendar_export.fold("x" * 75 + "y" * 74 + "z") == "x" * 75 + "\r\n " + "y" * 74 + "\r\n z"
    assert calendar_export.fold("é" * 38) == "é" * 37 + "\r\n é"  # 2 octets each: 74, then 2
    assert calendar_export.fold("") == ""


def test_days_without_sessions_are_skipped_in_the_description_and_the_stamp_is_utc(db):
    from datetime import timedelta, timezone

    cohort = cohorts.create_cohort(db, {"name": "C"}).id
    res = events.create_event(db, cohort, {"title": "Res", "kind": "residential",
                                           "start_date": date(2026, 9, 14), "end_date": date(2026, 9, 16)}).id
    s = sessions.create_session(db, res, {"title": "Arrival", "day": date(2026, 9, 15), "start": "10:00"}).id
    agenda.create_item(db, s, {"title": "Tea", "kind": "break", "duration": "15"})
    paris = timezone(timedelta(hours=2))
    text, _ = calendar_export.cohort_ics(db, cohort, now=datetime(2026, 3, 1, 14, 0, 5, tzinfo=paris))
    assert "\r\nDTSTAMP:20260301T120005Z\r\n" in text
    assert "\r\nDESCRIPTION:Residential\\nDay 2 · Tue 15 Sep\\n  10:00–10:15 Arrival\r\n" in text


def test_the_stamp_is_utc_whatever_the_computer_zone(db):
    import os
    import time
    from datetime import timedelta, timezone

    cohort = cohorts.create_cohort(db, {"name": "C"}).id
    events.create_event(db, cohort, {"title": "Lab", "kind": "learning lab",
                                     "start_date": date(2026, 10, 5), "end_date": date(2026, 10, 5)})
    stamp = datetime(2026, 3, 1, 14, 0, 5, tzinfo=timezone(timedelta(hours=2)))
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"  # +05:30, no daylight saving
    time.tzset()
    try:
        text, _ = calendar_export.cohort_ics(db, cohort, now=stamp)
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
    assert "\r\nDTSTAMP:20260301T120005Z\r\n" in text
