"""Cohorts: the top of every record."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from facilitator.models import Cohort, Participant
from facilitator.services import snapshots
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean, name_key
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("name", "Name", required=True, max_length=120),
    FieldSpec("start_date", "Start date", kind="date"),
    FieldSpec("end_date", "End date", kind="date"),
    FieldSpec("description", "Description", kind="multiline", max_length=5000),
    FieldSpec(
        "design_principles", "Design principles", kind="multiline", max_length=5000,
        help="One principle per line.",
    ),
)


def _record(c: Cohort, participants: int = 0) -> Record:
    rec = {"id": c.id, "uuid": c.uuid, "participants": participants}
    rec.update({f.name: getattr(c, f.name) for f in FIELDS})
    return rec


def list_cohorts(db: Database) -> list[Record]:
    with db.read() as s:
        counts = dict(
            s.execute(select(Participant.cohort_id, func.count()).group_by(Participant.cohort_id)).all()
        )
        cohorts = s.scalars(select(Cohort).order_by(Cohort.start_date.desc(), Cohort.name))
        return [_record(c, counts.get(c.id, 0)) for c in cohorts]


def get_cohort(db: Database, cohort_id: int) -> Record:
    with db.read() as s:
        c = get_or_fail(s, Cohort, cohort_id, "cohort")
        return _record(c)


def find_cohort(db: Database, name: str) -> Record | None:
    with db.read() as s:
        c = s.scalar(select(Cohort).where(func.name_key(Cohort.name) == name_key(name)))
        return _record(c) if c else None


def _validate(s, data: Record, own_id: int | None) -> None:
    stmt = select(func.count()).where(func.name_key(Cohort.name) == name_key(data["name"]))
    if own_id is not None:
        stmt = stmt.where(Cohort.id != own_id)
    if s.scalar(stmt):
        raise ValidationError({"name": f"There is already a cohort called {data['name']!r}."})
    if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
        raise ValidationError({"end_date": "The end date is before the start date."})


def create_cohort(db: Database, values: Record) -> Result:
    data = clean(FIELDS, values)
    with db.session() as s:
        _validate(s, data, None)
        c = Cohort(**data)
        s.add(c)
        s.flush()
        new_id = c.id
    return Result(new_id, Changes.of("cohorts", cohort_id=new_id))


def update_cohort(db: Database, cohort_id: int, values: Record) -> Changes:
    data = clean(FIELDS, values, partial=True)
    with db.session() as s:
        c = get_or_fail(s, Cohort, cohort_id, "cohort")
        _validate(s, {f.name: getattr(c, f.name) for f in FIELDS} | data, cohort_id)
        for k, v in data.items():
            setattr(c, k, v)
    return Changes.of("cohorts", cohort_id=cohort_id)


def delete_cohort(db: Database, cohort_id: int) -> tuple[snapshots.Snapshot, Changes]:
    with db.session() as s:
        get_or_fail(s, Cohort, cohort_id, "cohort")
        snap = snapshots.capture(s, "cohorts", cohort_id)
        s.expunge_all()
        s.execute(delete(Cohort.__table__).where(Cohort.__table__.c.id == cohort_id))
    return snap, Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)


def restore_cohort(db: Database, snap: snapshots.Snapshot) -> Changes:
    with db.session() as s:
        snapshots.restore(s, snap)
    cohort_id = snap.rows[0][1]["id"] if snap.rows else None
    return Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)
