"""Capture a row with everything that would go with it on delete, and put it all back.

Undo of a delete needs the row, the rows that cascade from it, and the references that were
set to NULL. This walks the foreign keys in the metadata, so new tables are covered without
any per-table code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select, text, update
from sqlalchemy.orm import Session

from facilitator.models import Base


@dataclass
class Snapshot:
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    nulled: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)


def capture(session: Session, table_name: str, row_id: int) -> Snapshot:
    snap = Snapshot()
    _capture(session, Base.metadata.tables[table_name], {"id": row_id}, snap, seen=set())
    return snap


def _capture(session: Session, table: Table, where: dict[str, Any], snap: Snapshot, seen) -> None:
    stmt = select(table).filter_by(**where)
    for row in session.execute(stmt).mappings():
        data = dict(row)
        key = (table.name, tuple(data[c.name] for c in table.primary_key))
        if key in seen:
            continue
        seen.add(key)
        snap.rows.append((table.name, data))
        if "id" not in data:
            continue
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not table or fk.column.name != "id":
                    continue
                col = fk.parent.name
                if fk.ondelete == "CASCADE":
                    _capture(session, child, {col: data["id"]}, snap, seen)
                elif fk.ondelete == "SET NULL":
                    pk = [c.name for c in child.primary_key]
                    for ref in session.execute(select(child).filter_by(**{col: data["id"]})).mappings():
                        snap.nulled.append((child.name, {k: ref[k] for k in pk}, col, data["id"]))


def restore(session: Session, snap: Snapshot) -> None:
    """Re-insert what `capture` saw (same ids and uuids) and re-point nulled references."""
    session.execute(text("PRAGMA defer_foreign_keys=ON"))
    for table_name, data in snap.rows:
        session.execute(Base.metadata.tables[table_name].insert().values(**data))
    for table_name, pk, col, value in snap.nulled:
        table = Base.metadata.tables[table_name]
        session.execute(update(table).filter_by(**pk).values(**{col: value}))


def kinds_in(snap: Snapshot) -> set[str]:
    return {name for name, _ in snap.rows} | {name for name, *_ in snap.nulled}
