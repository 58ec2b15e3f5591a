"""Events of a cohort: residentials, learning labs, field trips, learning calls."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from facilitator.models import AgendaItem, Event, PlanSession
from facilitator.models.plan import EVENT_KINDS
from facilitator.services.changes import Changes, Result
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.plans import deletes, form_values
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("title", "Title", required=True, max_length=160),
    FieldSpec("kind", "Kind", kind="choice", choices=EVENT_KINDS, required=True),
    FieldSpec("start_date", "First day", kind="date", required=True,
              help="Changing only the first day moves the whole event: its last day and its "
                   "sessions move with it."),
    FieldSpec("end_date", "Last day", kind="date", required=True),
    FieldSpec("day_end", "Each day ends by", max_length=8,
              help="A time like 17:00. Days that run later are flagged. Leave empty for no limit."),
    FieldSpec("venue", "Venue", max_length=160),
    FieldSpec("address", "Address", kind="multiline", max_length=1000),
    FieldSpec("notes", "Notes", kind="multiline", max_length=10_000),
)
COLUMNS = ("title", "kind", "start_date", "end_date", "venue", "address", "notes")
MAX_DAYS = 31
KINDS = ("events", "plan_sessions", "agenda_items")


def to_record(ev: Event) -> Record:
    rec = {"id": ev.id, "uuid": ev.uuid, "cohort_id": ev.cohort_id}
    rec.update({c: getattr(ev, c) for c in COLUMNS})
    rec["day_end"] = form_values.time_to_form(ev.day_end_minutes)
    rec["day_end_minutes"] = ev.day_end_minutes
    rec["days"] = (ev.end_date - ev.start_date).days + 1
    return rec


def validate(values: Record) -> dict:
    """Check a whole form's values without saving: raises ValidationError naming each field."""
    data = _columns(values, partial=False)
    _check_dates(data["start_date"], data["end_date"])
    return data


def _columns(values: Record, *, partial: bool) -> dict:
    data = clean(FIELDS, values, partial=partial)
    problems: dict[str, str] = {}
    out = {k: v for k, v in data.items() if k != "day_end"}
    if "day_end" in data:
        out["day_end_minutes"] = form_values.time_from_form(problems, "day_end", "Each day ends by",
                                                   data["day_end"])
    form_values.raise_if(problems)
    return out


def _check_dates(start, end) -> None:
    if end < start:
        form_values.raise_if({"end_date": "The last day is before the first day."})
    if (end - start).days + 1 > MAX_DAYS:
        form_values.raise_if({"end_date": f"An event can last at most {MAX_DAYS} days."})


def list_events(db: Database, cohort_id: int) -> list[Record]:
    """The cohort's events in date order, with how many sessions and items each has."""
    with db.read() as s:
        sessions = dict(s.execute(
            select(PlanSession.event_id, func.count()).join(Event)
            .where(Event.cohort_id == cohort_id).group_by(PlanSession.event_id)
        ).all())
        items = dict(s.execute(
            select(PlanSession.event_id, func.count()).select_from(AgendaItem).join(PlanSession)
            .join(Event).where(Event.cohort_id == cohort_id).group_by(PlanSession.event_id)
        ).all())
        evs = s.scalars(select(Event).where(Event.cohort_id == cohort_id)
                        .order_by(Event.start_date, Event.id))
        return [to_record(e) | {"sessions": sessions.get(e.id, 0), "items": items.get(e.id, 0)}
                for e in evs]


def get_event(db: Database, event_id: int) -> Record:
    with db.read() as s:
        return to_record(get_or_fail(s, Event, event_id, "event"))


def create_event(db: Database, cohort_id: int, values: Record) -> Result:
    data = _columns(values, partial=False)
    _check_dates(data["start_date"], data["end_date"])
    with db.session() as s:
        ev = Event(cohort_id=cohort_id, **data)
        s.add(ev)
        s.flush()
        new_id = ev.id
    return Result(new_id, Changes.of("events", cohort_id=cohort_id))


def update_event(db: Database, event_id: int, values: Record) -> Changes:
    """Edit an event. Moving its first day moves its sessions with it, day for day."""
    data = _columns(values, partial=True)
    with db.session() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        start = data.get("start_date", ev.start_date)
        shift = start - ev.start_date
        if "end_date" not in data:
            data["end_date"] = ev.end_date + shift  # the event keeps its length
        _check_dates(start, data["end_date"])
        if shift:
            for ps in ev.sessions:
                ps.day = ps.day + shift
        for k, v in data.items():
            setattr(ev, k, v)
        cohort_id = ev.cohort_id
    return Changes.of(*KINDS, cohort_id=cohort_id)


def delete_event(db: Database, event_id: int):
    return deletes.delete_row(db, Event, event_id, "event")


def restore(db: Database, snap, cohort_id: int | None) -> Changes:
    return deletes.restore_rows(db, snap, cohort_id)


def duplicate_event(db: Database, event_id: int, start_date=None) -> Result:
    """A copy of the event with its sessions and items, on `start_date` (default: a week later)."""
    with db.session() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        start = start_date or ev.start_date + timedelta(days=7)
        shift = start - ev.start_date
        copy = Event(cohort_id=ev.cohort_id, title=f"{ev.title} (copy)",
                     day_end_minutes=ev.day_end_minutes,
                     **{c: getattr(ev, c) for c in COLUMNS if c not in ("title", "start_date",
                                                                       "end_date")},
                     start_date=start, end_date=ev.end_date + shift)
        s.add(copy)
        s.flush()
        for ps in ev.sessions:
            copy_session_into(s, ps, copy.id, ps.day + shift, ps.title)
        cohort_id, new_id = ev.cohort_id, copy.id
    return Result(new_id, Changes.of(*KINDS, cohort_id=cohort_id))


SESSION_COLUMNS = ("position", "start_minutes", "objectives", "facilitator_notes")
ITEM_COLUMNS = ("position", "title", "kind", "duration_minutes", "pinned_minutes", "track", "lead",
                "materials", "instructions", "method", "tool_key")


def copy_session_into(s, ps: PlanSession, event_id: int, day, title: str) -> PlanSession:
    copy = PlanSession(event_id=event_id, day=day, title=title,
                       **{c: getattr(ps, c) for c in SESSION_COLUMNS})
    s.add(copy)
    s.flush()
    for it in ps.items:
        s.add(AgendaItem(session_id=copy.id, **{c: getattr(it, c) for c in ITEM_COLUMNS}))
    return copy
