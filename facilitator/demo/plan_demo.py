"""The demo cohort's plan: a residential from the built-in template, a learning lab, a field
trip and fortnightly learning calls, with some attendance marked."""

from __future__ import annotations

from facilitator.demo.dates import DemoCalendar
from facilitator.services.cohort import participants
from facilitator.services.plans import agenda, attendance, events, sessions, templates
from facilitator.store.database import Database

RESIDENTIAL = "builtin:systems_change_residential"


def _items(db: Database, session_id: int, rows) -> None:
    for title, kind, minutes, *more in rows:
        values = {"title": title, "kind": kind, "duration": str(minutes)}
        if more:
            values.update(more[0])
        agenda.create_item(db, session_id, values)


def build(db: Database, cohort_id: int, cal: DemoCalendar) -> None:
    res = templates.create_from_template(db, cohort_id, RESIDENTIAL, cal.start,
                                         "Residential 1: getting started").id
    events.update_event(db, res, {"venue": "Hollins Hall Retreat",
                                  "address": "Hollins Lane\nHebden Bridge HX7 8AB"})

    lab_day = cal.day(57)  # a Tuesday, eight weeks after the residential
    lab = events.create_event(db, cohort_id, {
        "title": "Learning lab: systems prototyping", "kind": "learning lab",
        "start_date": lab_day, "end_date": lab_day, "day_end": "16:30",
        "venue": "The Old Library, Manchester", "notes": "Bring your monthly experiment cards."}).id
    morning = sessions.create_session(db, lab, {
        "title": "Designing our space", "day": lab_day, "start": "09:30",
        "objectives": "Each trio has a paper prototype of one change to their service."}).id
    _items(db, morning, [
        ("Check-in", "reflection", 20, {"instructions": "One word for the month since the residential."}),
        ("Experiment stories", "activity", 60,
         {"instructions": "Each person tells their experiment in three minutes: what happened, "
                          "what surprised them, what they would change."}),
        ("Coffee", "break", 15),
        ("Prototype in trios", "activity", 100,
         {"instructions": "Build the change on paper: who does what, on which day, with which form.",
          "materials": "Card, scissors, tape, sticky notes"}),
        ("Lunch", "meal", 45, {"pinned": "12:30"}),
    ])
    afternoon = sessions.create_session(db, lab, {
        "title": "Testing the prototypes", "day": lab_day,
        "objectives": "Every prototype has been tested by someone who did not make it."}).id
    _items(db, afternoon, [
        ("Test rounds", "activity", 0, {"instructions": "Two rounds in parallel rooms."}),
        ("Round with housing prototypes", "activity", 40, {"track": "Room A"}),
        ("Round with recovery prototypes", "activity", 40, {"track": "Room B"}),
        ("What we learnt", "reflection", 30),
        ("Check-out", "reflection", 15),
    ])

    trip_day = cal.day(128)  # a Wednesday in the nineteenth week
    trip = events.create_event(db, cohort_id, {
        "title": "Field trip: council innovation lab", "kind": "field trip",
        "start_date": trip_day, "end_date": trip_day, "day_end": "16:00",
        "venue": "Civic Centre, Leeds"}).id
    visit = sessions.create_session(db, trip, {"title": "Visit", "day": trip_day,
                                               "start": "10:00"}).id
    _items(db, visit, [
        ("Train to Leeds", "travel", 0, {"instructions": "Meet at 08:45 under the clock."}),
        ("Welcome from the lab team", "activity", 30),
        ("How they test policy with residents", "activity", 60),
        ("Lunch with the team", "meal", 60, {"pinned": "12:00"}),
        ("What could we borrow?", "reflection", 45),
    ])

    calls = []
    for k in range(3):
        day = cal.day(14 + 14 * k)
        call = events.create_event(db, cohort_id, {
            "title": f"Learning call {k + 1}", "kind": "learning call", "start_date": day,
            "end_date": day, "venue": "Video call"}).id
        ps = sessions.create_session(db, call, {"title": "Learning call", "day": day,
                                                "start": "14:00"}).id
        _items(db, ps, [("Check-in", "reflection", 10), ("Experiment updates", "activity", 40),
                        ("Check-out", "reflection", 10)])
        calls.append(call)

    people = [p["id"] for p in participants.list_participants(db, cohort_id)]
    for n, pid in enumerate(people):
        status, note = "present", ""
        if n == 3:
            status, note = "late", "Train delayed; arrived at lunch on day 1"
        elif n == 7:
            status, note = "excused", "Caring responsibilities"
        attendance.set_mark(db, res, pid, status, note)
        attendance.set_mark(db, calls[0], pid, "absent" if n in (2, 9) else "present")
