"""Participants: the frontline workers on a cohort, with their needs and consent."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from facilitator.models import Organisation, Participant
from facilitator.models.cohort import PARTICIPANT_STATUSES
from facilitator.services import records
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, name_key
from facilitator.services.privacy import consent as _consent_history  # noqa: F401 (records every consent change)
from facilitator.services.records import Record, RecordKind
from facilitator.store.database import Database

CONSENTS = (
    ("consent_storage", "Consent to store their details"),
    ("consent_photos", "Consent to photographs"),
    ("consent_share_org", "Consent to share worksheets with their organisation"),
)

FIELDS = (
    FieldSpec("given_name", "Given name", required=True, max_length=80, section="Person"),
    FieldSpec("family_name", "Family name", max_length=80, section="Person"),
    FieldSpec("pronouns", "Pronouns", max_length=40, section="Person"),
    FieldSpec("organisation_id", "Organisation", kind="ref", ref="organisations", section="Person"),
    FieldSpec("role", "Role", max_length=120, section="Person"),
    FieldSpec("status", "Status", kind="choice", choices=PARTICIPANT_STATUSES, required=True,
              section="Person"),
    FieldSpec("email", "E-mail", kind="email", max_length=254, section="Person"),
    FieldSpec("phone", "Phone", kind="phone", max_length=40, section="Person"),
    FieldSpec("access_needs", "Access needs", kind="multiline", max_length=2000, section="Needs"),
    FieldSpec("dietary_needs", "Dietary needs", kind="multiline", max_length=2000, section="Needs"),
    *(
        spec
        for name, label in CONSENTS
        for spec in (
            FieldSpec(name, label, kind="bool", section="Consent"),
            FieldSpec(f"{name}_date", "Recorded on", kind="date", section="Consent"),
        )
    ),
    FieldSpec("notes", "Notes", kind="multiline", max_length=10_000, section="Notes"),
)


def _check(s, cohort_id: int, data: Record, own_id: int | None) -> None:
    problems = {}
    org_id = data.get("organisation_id")
    if org_id is not None:
        org = s.get(Organisation, org_id)
        if org is None or org.cohort_id != cohort_id:
            problems["organisation_id"] = "Choose an organisation from this cohort."
    for name, label in CONSENTS:
        given, when = data.get(name), data.get(f"{name}_date")
        if given and when is None:
            problems[f"{name}_date"] = f"{label}: give the date it was recorded."
        if not given and when is not None:
            problems[f"{name}_date"] = f"{label}: a date is set but consent is not ticked."
    if problems:
        raise ValidationError(problems)


KIND = RecordKind(
    model=Participant,
    fields=FIELDS,
    noun="participant",
    check=_check,
    order_by=("family_name", "given_name", "id"),
)

_service = records.RecordService(KIND)
get_participant, create_participant = _service.get, _service.create
update_participant, delete_participant = _service.update, _service.delete

LIST_COLUMNS = ("id", "given_name", "family_name", "pronouns", "role", "email", "phone", "status",
                "organisation_id", "consent_storage", "consent_photos", "consent_share_org",
                "access_needs", "dietary_needs")


def list_participants(db: Database, cohort_id: int) -> list[Record]:
    """All participants of a cohort with their organisation's name, in one query."""
    cols = [getattr(Participant, c) for c in LIST_COLUMNS]
    stmt = (
        select(*cols, Organisation.name.label("organisation"))
        .outerjoin(Organisation, Participant.organisation_id == Organisation.id)
        .where(Participant.cohort_id == cohort_id)
        .order_by(Participant.family_name, Participant.given_name, Participant.id)
    )
    with db.read() as s:
        result = s.execute(stmt)
        keys = list(result.keys())
        return [dict(zip(keys, row, strict=True)) for row in result.all()]  # 1.5× mappings()


def find_duplicates(db: Database, cohort_id: int, values: Record, exclude_id: int | None = None):
    """Warnings (not errors) about participants who look like the same person."""
    name = name_key(f"{values.get('given_name', '')} {values.get('family_name', '')}")
    email = (values.get("email") or "").strip().lower()
    full = func.name_key(Participant.given_name + " " + Participant.family_name)
    conds = [full == name]
    if email:
        conds.append(func.lower(Participant.email) == email)
    stmt = select(Participant).where(Participant.cohort_id == cohort_id, or_(*conds))
    if exclude_id is not None:
        stmt = stmt.where(Participant.id != exclude_id)
    warnings = []
    with db.read() as s:
        for p in s.scalars(stmt):
            same = "e-mail address" if email and p.email.lower() == email else "name"
            warnings.append(f"{p.full_name} is already in this cohort with the same {same}.")
    return warnings
