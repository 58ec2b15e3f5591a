"""The cohort's team: facilitators, learning partners, coaches."""

from __future__ import annotations

from facilitator.models import Facilitator
from facilitator.models.cohort import FACILITATOR_ROLES
from facilitator.services import records
from facilitator.services.fields import FieldSpec
from facilitator.services.records import Record, RecordKind
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("name", "Name", required=True, max_length=120),
    FieldSpec("role", "Role", kind="choice", choices=FACILITATOR_ROLES, free_choice=True,
              required=True, max_length=60),
    FieldSpec("email", "E-mail", kind="email", max_length=254),
    FieldSpec("phone", "Phone", kind="phone", max_length=40),
    FieldSpec("notes", "Notes", kind="multiline", max_length=10_000),
)

KIND = RecordKind(model=Facilitator, fields=FIELDS, noun="team member", unique_name="name",
                  order_by=("name",))


def list_facilitators(db: Database, cohort_id: int) -> list[Record]:
    return records.list_records(db, KIND, cohort_id)


def create_facilitator(db: Database, cohort_id: int, values: Record):
    return records.create_record(db, KIND, cohort_id, values)


def update_facilitator(db: Database, facilitator_id: int, values: Record):
    return records.update_record(db, KIND, facilitator_id, values)


def delete_facilitator(db: Database, facilitator_id: int):
    return records.delete_record(db, KIND, facilitator_id)
