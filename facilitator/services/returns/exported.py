"""The record of each workbook written, so that a returned one can be recognised by its id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from facilitator.models import WorkbookExport
from facilitator.services.changes import Changes
from facilitator.services.records import Record
from facilitator.store.database import Database


def record_export(db: Database, workbook_id: str, kind: str, cohort_id: int, exported_at: datetime,
                  organisation_id: int | None = None, participant_id: int | None = None,
                  schema_version: int = 1) -> Changes:
    with db.session() as s:
        s.add(WorkbookExport(uuid=workbook_id, kind=kind, cohort_id=cohort_id,
                             organisation_id=organisation_id, participant_id=participant_id,
                             schema_version=schema_version, exported_at=exported_at))
    return Changes.of("workbook_exports", cohort_id=cohort_id)


def find_export(db: Database, workbook_id: str) -> Record | None:
    with db.read() as s:
        w = s.scalar(select(WorkbookExport).where(WorkbookExport.uuid == workbook_id))
        if w is None:
            return None
        return {"id": w.id, "uuid": w.uuid, "kind": w.kind, "cohort_id": w.cohort_id,
                "organisation_id": w.organisation_id, "participant_id": w.participant_id,
                "schema_version": w.schema_version, "exported_at": w.exported_at,
                "returns_applied": w.returns_applied}
