"""Helpers shared by the session-plan services: times typed in forms, deletes with undo."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from facilitator.models import AgendaItem, Event, PlanSession
from facilitator.services import snapshots
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.records import get_or_fail
from facilitator.services.timing import clock, parse_clock

MAX_MINUTES = 24 * 60


def time_from_form(problems: dict, name: str, label: str, text, *, required: bool = False):
    """A typed clock time ("09:30") -> minutes, or None when blank; problems get a message."""
    text = "" if text is None else str(text).strip()
    if not text:
        if required:
            problems[name] = f"{label} is required (a time like 09:30)."
        return None
    try:
        return parse_clock(text)
    except ValueError as exc:
        problems[name] = f"{label} {exc} (you typed {text!r})."
        return None


def minutes_from_form(problems: dict, name: str, label: str, text) -> int:
    text = "" if text is None else str(text).strip()
    if text.endswith("min"):
        text = text[:-3].strip()
    if not (text.isascii() and text.isdigit()):
        problems[name] = f"{label} must be a whole number of minutes, 0 or more (you typed {text!r})."
        return 0
    value = int(text)
    if value > MAX_MINUTES:
        problems[name] = f"{label} is {value} minutes; the most is {MAX_MINUTES} (a whole day)."
    return value


def time_to_form(minutes: int | None) -> str:
    return clock(minutes) if minutes is not None else ""


def raise_if(problems: dict) -> None:
    if problems:
        raise ValidationError(problems)


def cohort_of(s: Session, model, row_id: int) -> int | None:
    if model is Event:
        ev = s.get(Event, row_id)
        return ev.cohort_id if ev else None
    if model is PlanSession:
        ps = s.get(PlanSession, row_id)
        return ps.event.cohort_id if ps else None
    if model is AgendaItem:
        it = s.get(AgendaItem, row_id)
        return it.session.event.cohort_id if it else None
    return None


def delete_row(db, model, row_id: int, noun: str) -> tuple[snapshots.Snapshot, Changes]:
    """Delete a row and what cascades from it; the snapshot undoes it (restore_rows)."""
    with db.session() as s:
        get_or_fail(s, model, row_id, noun)
        cohort_id = cohort_of(s, model, row_id)
        snap = snapshots.capture(s, model.__tablename__, row_id)
        s.expunge_all()
        s.execute(delete(model.__table__).where(model.__table__.c.id == row_id))
    return snap, Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)


def restore_rows(db, snap: snapshots.Snapshot, cohort_id: int | None) -> Changes:
    with db.session() as s:
        snapshots.restore(s, snap)
    return Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)
