"""Deleting a plan row (event, session, item, template) with a snapshot that undoes it."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from facilitator.models import AgendaItem, Event, PlanSession
from facilitator.services import snapshots
from facilitator.services.changes import Changes
from facilitator.services.records import get_or_fail


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
