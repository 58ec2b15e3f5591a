"""Notes of the fortnightly learning calls (events of kind "learning call"): the prompts
used and what came up, beside the call's attendance and the insights captured from it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from facilitator.models import Attendance, CallNote, Event, Insight
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.records import get_or_fail
from facilitator.store.database import Database

CALL_KIND = "learning call"
FIELDS = (
    FieldSpec("prompts", "Prompts used", kind="multiline", max_length=5000,
              help="The questions put to the call, one per line."),
    FieldSpec("came_up", "What came up", kind="multiline", max_length=20_000),
)


def list_calls(db: Database, cohort_id: int) -> list[dict[str, Any]]:
    """The cohort's learning calls by date, each with its notes, how many were present and
    how many insights were captured from it."""
    present = (select(Attendance.event_id, func.count().label("n"))
               .where(Attendance.session_id.is_(None), Attendance.status.in_(("present", "late")))
               .group_by(Attendance.event_id).subquery())
    insights = (select(Insight.event_id, func.count().label("n"))
                .where(Insight.merged_into_id.is_(None)).group_by(Insight.event_id).subquery())
    stmt = (select(Event, CallNote, present.c.n, insights.c.n)
            .outerjoin(CallNote, CallNote.event_id == Event.id)
            .outerjoin(present, present.c.event_id == Event.id)
            .outerjoin(insights, insights.c.event_id == Event.id)
            .where(Event.cohort_id == cohort_id, Event.kind == CALL_KIND)
            .order_by(Event.start_date, Event.id))
    with db.read() as s:
        return [{"id": ev.id, "title": ev.title, "date": ev.start_date,
                 "prompts": note.prompts if note else "", "came_up": note.came_up if note else "",
                 "present": n_present or 0, "insights": n_insights or 0}
                for ev, note, n_present, n_insights in s.execute(stmt)]


def get_notes(db: Database, event_id: int) -> dict[str, str]:
    with db.read() as s:
        _call(s, event_id)
        note = s.scalar(select(CallNote).where(CallNote.event_id == event_id))
        return {"prompts": note.prompts if note else "", "came_up": note.came_up if note else ""}


def _call(s, event_id: int) -> Event:
    ev = get_or_fail(s, Event, event_id, "learning call")
    if ev.kind != CALL_KIND:
        raise ValidationError({"event": f"{ev.title!r} is not a learning call, so it has no call notes."})
    return ev


def save_notes(db: Database, event_id: int, values: dict[str, Any]) -> tuple[dict[str, str], Changes]:
    """Set a call's notes; returns the notes before (for undo)."""
    data = clean(FIELDS, values)
    with db.session() as s:
        ev = _call(s, event_id)
        note = s.scalar(select(CallNote).where(CallNote.event_id == event_id))
        before = {"prompts": note.prompts if note else "", "came_up": note.came_up if note else ""}
        if note is None:
            note = CallNote(event_id=event_id)
            s.add(note)
        note.prompts, note.came_up = data["prompts"], data["came_up"]
        cohort_id = ev.cohort_id
    return before, Changes.of("call_notes", cohort_id=cohort_id)
