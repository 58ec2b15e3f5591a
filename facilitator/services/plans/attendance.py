"""Attendance registers: a mark per participant for an event, or for one of its sessions."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator.models import Attendance, Event, Organisation, Participant, PlanSession
from facilitator.models.attendance import ATTENDANCE_STATUSES
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

KINDS = ("attendance",)
NOTE_LIMIT = 2000


def register(db: Database, event_id: int, session_id: int | None = None) -> list[Record]:
    """Every participant of the event's cohort with their mark (status "" = not marked yet)."""
    with db.read() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        marks = {a.participant_id: a for a in s.scalars(select(Attendance).where(
            Attendance.event_id == event_id, _same_session(session_id)))}
        rows = s.execute(
            select(Participant.id, Participant.given_name, Participant.family_name,
                   Participant.status, Organisation.name)
            .outerjoin(Organisation, Participant.organisation_id == Organisation.id)
            .where(Participant.cohort_id == ev.cohort_id)
            .order_by(Participant.given_name, Participant.family_name, Participant.id)
        ).all()
    out = []
    for pid, given, family, pstatus, org in rows:
        mark = marks.get(pid)
        out.append({"id": pid, "name": f"{given} {family}".strip(), "organisation": org or "",
                    "participant_status": pstatus, "status": mark.status if mark else "",
                    "note": mark.note if mark else ""})
    return out


def _same_session(session_id: int | None):
    return Attendance.session_id.is_(None) if session_id is None else \
        Attendance.session_id == session_id


NOTE_FIELD = FieldSpec("note", "The note", kind="multiline", max_length=NOTE_LIMIT)


def set_mark(db: Database, event_id: int, participant_id: int, status: str, note: str | None = None,
             session_id: int | None = None):
    """Mark one participant (status "" removes the mark; note None keeps the note).

    Returns ((previous status, previous note), Changes); setting those back undoes it."""
    status = (status or "").strip().lower()
    if status and status not in ATTENDANCE_STATUSES:
        raise ValidationError({"status": f"Attendance must be one of: {', '.join(ATTENDANCE_STATUSES)}."})
    if note is not None:
        note = clean((NOTE_FIELD,), {"note": note})["note"]
    with db.session() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        person = get_or_fail(s, Participant, participant_id, "participant")
        if person.cohort_id != ev.cohort_id:
            raise ValidationError({"participant": "That person is not in this event's cohort."})
        if session_id is not None:
            ps = get_or_fail(s, PlanSession, session_id, "session")
            if ps.event_id != event_id:
                raise ValidationError({"session": "That session is not part of this event."})
        row = s.scalar(select(Attendance).where(
            Attendance.event_id == event_id, Attendance.participant_id == participant_id,
            _same_session(session_id)))
        before = (row.status, row.note) if row else ("", "")
        new_note = before[1] if note is None else note
        if not status and not new_note:
            if row is not None:
                s.delete(row)
        elif not status:
            raise ValidationError({"status": "Choose Present, Late, Excused or Absent before "
                                             "writing a note."})
        elif row is None:
            s.add(Attendance(event_id=event_id, participant_id=participant_id,
                             session_id=session_id, status=status, note=new_note))
        else:
            row.status, row.note = status, new_note
        cohort_id = ev.cohort_id
    return before, Changes.of(*KINDS, cohort_id=cohort_id)


def event_totals(db: Database, event_id: int, session_id: int | None = None) -> dict[str, int]:
    """How many of each mark, and how many participants are not marked yet."""
    rows = register(db, event_id, session_id)
    totals = {st: 0 for st in ATTENDANCE_STATUSES}
    totals["unmarked"] = 0
    for r in rows:
        totals[r["status"] or "unmarked"] += 1
    return totals


def participant_totals(db: Database, cohort_id: int) -> dict[int, dict[str, int]]:
    """Per participant, how many events they were marked present, late, excused or absent at
    (event-level marks only)."""
    with db.read() as s:
        rows = s.execute(
            select(Attendance.participant_id, Attendance.status, func.count())
            .join(Event, Event.id == Attendance.event_id)
            .where(Event.cohort_id == cohort_id, Attendance.session_id.is_(None))
            .group_by(Attendance.participant_id, Attendance.status)
        ).all()
    out: dict[int, dict[str, int]] = {}
    for pid, status, n in rows:
        out.setdefault(pid, {st: 0 for st in ATTENDANCE_STATUSES})[status] = n
    return out
