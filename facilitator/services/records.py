"""Create, read, update, delete and restore for one kind of cohort record.

Each kind (participants, organisations, …) is a RecordKind: a model, its field specs and its
own checks. Kinds are named after their tables; Changes carry those names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from facilitator.services import snapshots
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import FieldSpec, clean, name_key
from facilitator.store.database import Database

Record = dict[str, Any]
Check = Callable[[Session, int, Record, int | None], None]


def get_or_fail(s: Session, model, row_id: int, noun: str):
    """The row, or NotFound saying in words that it is gone."""
    obj = s.get(model, row_id)
    if obj is None:
        raise NotFound(f"That {noun} no longer exists.")
    return obj


@dataclass(frozen=True)
class RecordKind:
    model: type
    fields: tuple[FieldSpec, ...]
    noun: str  # "participant", for messages
    unique_name: str | None = None  # a field unique within the cohort
    check: Check | None = None  # extra validation: (session, cohort_id, values, own_id)
    order_by: tuple[str, ...] = ("id",)

    @property
    def table(self) -> str:
        return self.model.__tablename__

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def to_record(obj, kind: RecordKind) -> Record:
    rec = {"id": obj.id, "uuid": obj.uuid, "cohort_id": obj.cohort_id}
    for spec in kind.fields:
        rec[spec.name] = getattr(obj, spec.name)
    return rec


def list_records(db: Database, kind: RecordKind, cohort_id: int) -> list[Record]:
    model = kind.model
    with db.read() as s:
        stmt = select(model).where(model.cohort_id == cohort_id)
        stmt = stmt.order_by(*(getattr(model, name) for name in kind.order_by))
        return [to_record(obj, kind) for obj in s.scalars(stmt)]


def get_record(db: Database, kind: RecordKind, record_id: int) -> Record:
    with db.read() as s:
        obj = get_or_fail(s, kind.model, record_id, kind.noun)
        return to_record(obj, kind)


def create_record(db: Database, kind: RecordKind, cohort_id: int, values: Record) -> Result:
    data = clean(kind.fields, values)
    with db.session() as s:
        _validate(s, kind, cohort_id, data, None)
        obj = kind.model(cohort_id=cohort_id, **data)
        if values.get("uuid"):
            obj.uuid = values["uuid"]
        s.add(obj)
        s.flush()
        new_id = obj.id
    return Result(new_id, Changes.of(kind.table, cohort_id=cohort_id))


def update_record(db: Database, kind: RecordKind, record_id: int, values: Record) -> Changes:
    data = clean(kind.fields, values, partial=True)
    with db.session() as s:
        obj = get_or_fail(s, kind.model, record_id, kind.noun)
        merged = {spec.name: getattr(obj, spec.name) for spec in kind.fields} | data
        _validate(s, kind, obj.cohort_id, merged, record_id)
        for name, value in data.items():
            setattr(obj, name, value)
        cohort_id = obj.cohort_id
    return Changes.of(kind.table, cohort_id=cohort_id)


def delete_record(db: Database, kind: RecordKind, record_id: int) -> tuple[snapshots.Snapshot, Changes]:
    """Delete a row and what cascades from it; return a snapshot that `restore_records` undoes."""
    with db.session() as s:
        obj = get_or_fail(s, kind.model, record_id, kind.noun)
        cohort_id = obj.cohort_id
        snap = snapshots.capture(s, kind.table, record_id)
        s.expunge(obj)
        s.execute(delete(kind.model.__table__).where(kind.model.__table__.c.id == record_id))
    return snap, Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)


def restore_records(db: Database, snap: snapshots.Snapshot, cohort_id: int | None) -> Changes:
    with db.session() as s:
        snapshots.restore(s, snap)
    return Changes(frozenset(snapshots.kinds_in(snap)), cohort_id)


def _validate(s: Session, kind: RecordKind, cohort_id: int, data: Record, own_id: int | None):
    if kind.unique_name:
        col = getattr(kind.model, kind.unique_name)
        stmt = select(func.count()).where(
            kind.model.cohort_id == cohort_id, func.name_key(col) == name_key(data[kind.unique_name])
        )
        if own_id is not None:
            stmt = stmt.where(kind.model.id != own_id)
        if s.scalar(stmt):
            label = kind.field(kind.unique_name).label
            raise ValidationError(
                {kind.unique_name: f"Another {kind.noun} in this cohort already has the "
                 f"{label.lower()} {data[kind.unique_name]!r}."}
            )
    if kind.check:
        kind.check(s, cohort_id, data, own_id)


class RecordService:
    """The five calls for one kind, bound to it: service.create(db, cohort_id, values) etc."""

    def __init__(self, kind: RecordKind):
        self.kind = kind

    def list(self, db: Database, cohort_id: int) -> list[Record]:
        return list_records(db, self.kind, cohort_id)

    def get(self, db: Database, record_id: int) -> Record:
        return get_record(db, self.kind, record_id)

    def create(self, db: Database, cohort_id: int, values: Record) -> Result:
        return create_record(db, self.kind, cohort_id, values)

    def update(self, db: Database, record_id: int, values: Record) -> Changes:
        return update_record(db, self.kind, record_id, values)

    def delete(self, db: Database, record_id: int) -> tuple[snapshots.Snapshot, Changes]:
        return delete_record(db, self.kind, record_id)
