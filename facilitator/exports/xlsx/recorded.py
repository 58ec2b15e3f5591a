"""A workbook's scope stamped into it, and recorded in the database once it is written."""

from __future__ import annotations

import uuid

from facilitator.exports.xlsx.book import Scope
from facilitator.exports.xlsx.schema import SCHEMA_VERSION
from facilitator.services.returns import exported, sources
from facilitator.store.database import Database


def new_scope(db: Database, kind: str, cohort_id: int, organisation_id: int | None = None,
              participant_id: int | None = None) -> Scope:
    sc = sources.scope(db, cohort_id, organisation_id, participant_id)
    return Scope(workbook_id=str(uuid.uuid4()), kind=kind, cohort_uuid=sc["cohort_uuid"],
                 cohort_name=sc["cohort_name"], organisation_uuid=sc["organisation_uuid"],
                 participant_uuid=sc["participant_uuid"])


def record(db: Database, scope: Scope, cohort_id: int, organisation_id: int | None = None,
           participant_id: int | None = None):
    return exported.record_export(db, scope.workbook_id, scope.kind, cohort_id, scope.exported_at,
                                  organisation_id, participant_id, SCHEMA_VERSION)
