"""Looking back and starting again: a cohort's "what we will do differently next time" notes
by theme, and "start a new cohort from this one", which copies the plans (moved to new dates),
the design principles and those notes as a checklist, and no personal data."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from facilitator.models import Cohort, Event, LookingBackNote
from facilitator.services import records
from facilitator.services.changes import Changes, Result
from facilitator.services.cohort import cohorts
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.plans import events as plan_events
from facilitator.services.records import Record, RecordKind, RecordService, get_or_fail
from facilitator.store.database import Database

THEMES = ("Accountability", "Learning and coaching", "Feedback loops", "Making things stick",
          "Balance", "Language", "Involving organisations", "Digital and data",
          "Communications and storytelling")
FIELDS = (
    FieldSpec("theme", "Theme", kind="choice", choices=THEMES, free_choice=True, max_length=120),
    FieldSpec("text", "What we will do differently", kind="multiline", required=True,
              max_length=5000),
    FieldSpec("done", "Done (for a checklist carried from an earlier cohort)", kind="bool"),
)
KIND = RecordKind(model=LookingBackNote, fields=FIELDS, noun="note", order_by=("theme", "id"))
SERVICE = RecordService(KIND)
get_note, create_note, update_note, delete_note = (SERVICE.get, SERVICE.create, SERVICE.update,
                                                   SERVICE.delete)


def list_notes(db: Database, cohort_id: int) -> list[Record]:
    with db.read() as s:
        rows = s.scalars(select(LookingBackNote).where(LookingBackNote.cohort_id == cohort_id)
                         .order_by(LookingBackNote.carried_from, LookingBackNote.theme,
                                   LookingBackNote.id))
        out = []
        for n in rows:
            rec = records.to_record(n, KIND)
            rec["carried_from"] = n.carried_from
            out.append(rec)
        return out


def start_new_cohort(db: Database, from_cohort_id: int, values: dict[str, Any]) -> Result:
    """A new cohort named values["name"], starting values["start_date"], with the old one's
    events (sessions and agenda items, no attendance) moved by the same number of days, its
    description and design principles, and its own notes as a checklist. No participants,
    organisations, worksheets, pulse answers, diaries or insights are copied."""
    start = values.get("start_date")
    if not isinstance(start, date):
        raise ValidationError({"start_date": "Choose the new cohort's start date."})
    with db.read() as s:
        old = get_or_fail(s, Cohort, from_cohort_id, "cohort")
        first_event = s.scalar(select(Event.start_date).where(Event.cohort_id == old.id)
                               .order_by(Event.start_date).limit(1))
        base = old.start_date or first_event or start
        copied = {"description": old.description, "design_principles": old.design_principles}
        old_name = old.name
        old_end = old.end_date
    shift = start - base
    data = clean(cohorts.FIELDS, {**copied, "name": values.get("name"), "start_date": start,
                                  "end_date": old_end + shift if old_end else None})
    with db.session() as s:  # one transaction: the new cohort is there whole or not at all
        cohorts._validate(s, data, None)
        cohort = Cohort(**data)
        s.add(cohort)
        s.flush()
        new_id = cohort.id
        for ev in s.scalars(select(Event).where(Event.cohort_id == from_cohort_id)
                            .order_by(Event.start_date, Event.id)):
            copy = Event(cohort_id=new_id, title=ev.title, kind=ev.kind, venue=ev.venue,
                         address=ev.address, notes=ev.notes, day_end_minutes=ev.day_end_minutes,
                         start_date=ev.start_date + shift, end_date=ev.end_date + shift)
            s.add(copy)
            s.flush()
            for ps in ev.sessions:
                plan_events.copy_session_into(s, ps, copy.id, ps.day + shift, ps.title)
        for n in s.scalars(select(LookingBackNote).where(LookingBackNote.cohort_id == from_cohort_id)
                           .order_by(LookingBackNote.theme, LookingBackNote.id)):
            s.add(LookingBackNote(cohort_id=new_id, theme=n.theme, text=n.text,
                                  carried_from=old_name[:120], done=False))
    return Result(new_id, Changes(frozenset({"cohorts", "*"}), new_id))
