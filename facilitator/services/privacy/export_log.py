"""The export log: every file that leaves the app, when, of what kind, for which cohort,
organisation and people, and the file's name. Never the file's contents.

Exports call `log_export` once the file is written. The people in an export are linked by
reference, so erasing a person removes them from the log (the entry itself stays: a file of
that kind did leave, on that day)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from facilitator.models import Cohort, ExportRecord, Organisation, Participant, export_people
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.store.database import Database

KINDS = {
    "calendar": "Calendar (.ics)",
    "tool pack": "Tool pack",
    "cards pdf": "Method cards (PDF)",
    "pdf": "PDF",
    "workbook": "Workbook",
    "subject access": "Subject access",
}
MAX_NAME = 255


def log_export(db: Database, kind: str, file_name: str | Path, cohort_id: int | None = None,
               organisation_id: int | None = None, participant_ids: Iterable[int] = ()) -> Changes:
    """Note that a file left the app. `file_name` may be a path: only its name is kept."""
    if kind not in KINDS:
        raise ValidationError({"kind": f"{kind!r} is not a kind of export the log knows."})
    name = Path(file_name).name[:MAX_NAME]
    people = sorted(set(participant_ids))
    with db.session() as s:
        rec = ExportRecord(kind=kind, file_name=name, cohort_id=cohort_id,
                           organisation_id=organisation_id)
        s.add(rec)
        s.flush()
        if people:
            s.execute(insert(export_people), [{"export_id": rec.id, "participant_id": p}
                                              for p in people])
    return Changes.of("export_log", cohort_id=cohort_id)


def list_exports(db: Database, participant_id: int | None = None) -> list[dict]:
    """Newest first: when, kind (and its label), file name, cohort, organisation, people."""
    stmt = (select(ExportRecord, Cohort.name, Organisation.name)
            .outerjoin(Cohort, ExportRecord.cohort_id == Cohort.id)
            .outerjoin(Organisation, ExportRecord.organisation_id == Organisation.id)
            .order_by(ExportRecord.exported_at.desc(), ExportRecord.id.desc()))
    if participant_id is not None:
        stmt = stmt.where(ExportRecord.id.in_(select(export_people.c.export_id).where(
            export_people.c.participant_id == participant_id)))
    with db.read() as s:
        rows = s.execute(stmt).all()
        ids = [r[0].id for r in rows]
        names: dict[int, list[str]] = {}
        if ids:
            people = s.execute(
                select(export_people.c.export_id, Participant.given_name, Participant.family_name)
                .join(Participant, Participant.id == export_people.c.participant_id)
                .where(export_people.c.export_id.in_(ids))
                .order_by(Participant.family_name, Participant.given_name))
            for export_id, given, family in people:
                names.setdefault(export_id, []).append(f"{given} {family}".strip())
        return [_row(rec, cohort, org, names.get(rec.id, [])) for rec, cohort, org in rows]


def _row(rec: ExportRecord, cohort: str | None, org: str | None, people: list[str]) -> dict:
    when: datetime = rec.exported_at
    return {"id": rec.id, "exported_at": when, "kind": rec.kind,
            "kind_label": KINDS.get(rec.kind, rec.kind), "file_name": rec.file_name,
            "cohort": cohort or "", "organisation": org or "", "people": people}
