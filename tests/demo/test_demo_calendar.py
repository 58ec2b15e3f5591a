"""The demo's dates follow today: events behind and ahead, nothing done dated in the future."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator import demo
from facilitator.demo.dates import calendar
from facilitator.services.cohort import cohorts, participants
from facilitator.services.flex import assessments, data_files, registers
from facilitator.services.plans import attendance, events


def test_the_programme_started_eleven_weeks_ago_on_a_monday():
    cal = calendar(date(2026, 12, 1))
    assert cal.start == date(2026, 9, 14) and cal.end == date(2027, 6, 25)
    for day in (date(2025, 3, 2), date(2027, 1, 1), date(2028, 2, 29)):
        cal = calendar(day)
        assert cal.start.weekday() == 0 and 77 <= (day - cal.start).days < 84
        assert cal.end.weekday() == 4


@pytest.mark.parametrize("today", [date(2026, 12, 1), date(2031, 5, 17)])
def test_nothing_the_demo_says_was_done_is_dated_after_today(db, today):
    cid, _ = demo.create_demo(db, today)
    cohort = cohorts.get_cohort(db, cid)
    assert cohort["start_date"] < today < cohort["end_date"]
    assert cohort["name"] == f"Systems Changers {cohort['start_date'].year} (demo)"
    listed = events.list_events(db, cid)
    assert any(e["end_date"] < today for e in listed) and any(e["start_date"] > today for e in listed)
    for ev in listed:
        if any(r["status"] for r in attendance.register(db, ev["id"])):
            assert ev["end_date"] < today, ev["title"]
    people = [p["id"] for p in participants.list_participants(db, cid)]
    checked = [r["checked_on"] for pid in people for r in registers.list_rules(db, cid, pid)
               if r["checked_on"] is not None]
    assert checked and max(checked) <= today
    for key in data_files.TEMPLATE_KEYS:
        for pid in people:
            _scores, start_day = assessments.get_assessment(db, cid, pid, key, "start")
            assert start_day is not None and start_day <= today
            # the programme is still running: nobody has an end-of-programme assessment yet
            assert assessments.get_assessment(db, cid, pid, key, "end") == ({}, None)

