"""The cohort's team: facilitators, learning partners, coaches."""

from __future__ import annotations

from facilitator.models import Facilitator
from facilitator.models.cohort import FACILITATOR_ROLES
from facilitator.services import records
from facilitator.services.fields import FieldSpec
from facilitator.services.records import RecordKind

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

_service = records.RecordService(KIND)
list_facilitators, create_facilitator = _service.list, _service.create
update_facilitator, delete_facilitator = _service.update, _service.delete
