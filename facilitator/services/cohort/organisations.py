"""Partner organisations of a cohort."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator.models import Organisation, Participant
from facilitator.models.cohort import SECTORS
from facilitator.services import records
from facilitator.services.fields import FieldSpec
from facilitator.services.records import Record, RecordKind
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("name", "Name", required=True, max_length=160),
    FieldSpec("sector", "Sector", kind="choice", choices=SECTORS, free_choice=True, max_length=60),
    FieldSpec("region", "Region", max_length=120),
    FieldSpec("contact_name", "Contact name", max_length=120),
    FieldSpec("contact_email", "Contact e-mail", kind="email", max_length=254),
    FieldSpec("contact_phone", "Contact phone", kind="phone", max_length=40),
    FieldSpec("notes", "Notes", kind="multiline", max_length=10_000),
)

KIND = RecordKind(
    model=Organisation, fields=FIELDS, noun="organisation", unique_name="name", order_by=("name",)
)

_service = records.RecordService(KIND)
create_organisation, update_organisation = _service.create, _service.update
delete_organisation = _service.delete


def list_organisations(db: Database, cohort_id: int) -> list[Record]:
    """Organisations with how many participants each has."""
    with db.read() as s:
        counts = dict(
            s.execute(
                select(Participant.organisation_id, func.count())
                .where(Participant.cohort_id == cohort_id)
                .group_by(Participant.organisation_id)
            ).all()
        )
        orgs = s.scalars(
            select(Organisation).where(Organisation.cohort_id == cohort_id).order_by(Organisation.name)
        )
        return [records.to_record(o, KIND) | {"participants": counts.get(o.id, 0)} for o in orgs]

