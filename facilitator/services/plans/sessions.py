"""Sessions on the days of an event."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.models import Event, PlanSession
from facilitator.services.changes import Changes, Result
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.plans import deletes, form_values
from facilitator.services.plans.events import copy_session_into
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("title", "Title", required=True, max_length=160),
    FieldSpec("day", "Day", kind="date", required=True),
    FieldSpec("start", "Starts at", max_length=8,
              help="A time like 09:30. Leave empty to start when the session before it ends."),
    FieldSpec("objectives", "Objectives", kind="multiline", max_length=5000,
              help="What participants leave with, one per line."),
    FieldSpec("facilitator_notes", "Facilitator notes", kind="multiline", max_length=10_000),
)
KINDS = ("plan_sessions", "agenda_items")


def to_record(ps: PlanSession) -> Record:
    return {
        "id": ps.id, "uuid": ps.uuid, "event_id": ps.event_id, "title": ps.title, "day": ps.day,
        "start": form_values.time_to_form(ps.start_minutes), "start_minutes": ps.start_minutes,
        "objectives": ps.objectives, "facilitator_notes": ps.facilitator_notes,
    }


def validate(values: Record) -> dict:
    """Check a whole form's values without saving: raises ValidationError naming each field."""
    return _columns(values, partial=False)


def _columns(values: Record, *, partial: bool) -> dict:
    data = clean(FIELDS, values, partial=partial)
    problems: dict[str, str] = {}
    out = {k: v for k, v in data.items() if k != "start"}
    if "start" in data:
        out["start_minutes"] = form_values.time_from_form(problems, "start", "Starts at", data["start"])
    form_values.raise_if(problems)
    return out


def _check_day(ev: Event, day) -> None:
    if not ev.start_date <= day <= ev.end_date:
        form_values.raise_if({"day": f"The day must be within the event: {ev.start_date:%d %b} to "
                            f"{ev.end_date:%d %b %Y}."})


def _place(s, ps: PlanSession, after: PlanSession | None = None) -> None:
    """Give `ps` its place among the sessions of its day: right after `after`, else by its
    start time among the timed sessions, else last. The day is renumbered 0, 1, 2…"""
    day = [o for o in s.scalars(
        select(PlanSession).where(PlanSession.event_id == ps.event_id, PlanSession.day == ps.day)
        .order_by(PlanSession.position, PlanSession.id)
    ) if o is not ps]
    if after is not None and after in day:
        at = day.index(after) + 1
    elif ps.start_minutes is not None:
        at = len(day)
        for k, other in enumerate(day):
            if other.start_minutes is not None and other.start_minutes > ps.start_minutes:
                at = k
                break
    else:
        at = len(day)
    day.insert(at, ps)
    for k, other in enumerate(day):
        other.position = k


def get_session(db: Database, session_id: int) -> Record:
    with db.read() as s:
        return to_record(get_or_fail(s, PlanSession, session_id, "session"))


def create_session(db: Database, event_id: int, values: Record) -> Result:
    data = _columns(values, partial=False)
    with db.session() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        _check_day(ev, data["day"])
        ps = PlanSession(event_id=event_id, **data)
        s.add(ps)
        s.flush()
        _place(s, ps)
        new_id, cohort_id = ps.id, ev.cohort_id
    return Result(new_id, Changes.of("plan_sessions", cohort_id=cohort_id))


def update_session(db: Database, session_id: int, values: Record) -> Changes:
    data = _columns(values, partial=True)
    with db.session() as s:
        ps = get_or_fail(s, PlanSession, session_id, "session")
        if "day" in data:
            _check_day(ps.event, data["day"])
        moved = any(k in data and data[k] != getattr(ps, k) for k in ("day", "start_minutes"))
        for k, v in data.items():
            setattr(ps, k, v)
        if moved:
            s.flush()
            _place(s, ps)
        cohort_id = ps.event.cohort_id
    return Changes.of(*KINDS, cohort_id=cohort_id)


def delete_session(db: Database, session_id: int):
    return deletes.delete_row(db, PlanSession, session_id, "session")


def restore(db: Database, snap, cohort_id: int | None) -> Changes:
    return deletes.restore_rows(db, snap, cohort_id)


def duplicate_session(db: Database, session_id: int) -> Result:
    """A copy of the session and its items on the same day, starting after the original."""
    with db.session() as s:
        ps = get_or_fail(s, PlanSession, session_id, "session")
        copy = copy_session_into(s, ps, ps.event_id, ps.day, f"{ps.title} (copy)")
        copy.start_minutes = None  # follows the session before it rather than clashing with it
        s.flush()
        _place(s, copy, after=ps)
        new_id, cohort_id = copy.id, ps.event.cohort_id
    return Result(new_id, Changes.of(*KINDS, cohort_id=cohort_id))
