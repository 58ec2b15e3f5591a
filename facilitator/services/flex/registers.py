"""A participant's rules register: the rules they meet, what they believe about each, what
checking found, and where the flex might be.

Worksheets are for the cohort team: every call here is scoped to one cohort, and a participant
from another cohort is refused. Gathering worksheets for an organisation is `sharing.py`."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator.models import Participant, RuleEntry
from facilitator.models.worksheets import BELIEFS, VERDICTS
from facilitator.services import records
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.flex.data_files import choices
from facilitator.services.records import Record, RecordKind, get_or_fail
from facilitator.store.database import Database

_C = choices()

FIELDS = (
    FieldSpec("rule", "The rule", required=True, max_length=500, section="The rule",
              help="The rule as you meet it, in your own words."),
    FieldSpec("area", "Area of work", kind="choice", choices=_C["areas"], free_choice=True,
              max_length=120, section="The rule"),
    FieldSpec("belief", "I believe it is", kind="choice", choices=BELIEFS, required=True,
              section="What I believe (before checking)"),
    FieldSpec("source_kind", "I think it comes from", kind="choice", choices=_C["source_kinds"],
              free_choice=True, max_length=120, section="What I believe (before checking)"),
    FieldSpec("believed_source", "Where exactly", kind="multiline", max_length=2000,
              section="What I believe (before checking)",
              help="The Act, policy, form or person you think it comes from."),
    FieldSpec("checked_with", "Checked with", max_length=200, section="Checking",
              help="Who or what you asked: a manager, the policy itself, a lawyer, the regulator…"),
    FieldSpec("checked_on", "Checked on", kind="date", section="Checking"),
    FieldSpec("evidence", "What checking found", kind="multiline", max_length=5000,
              section="Checking"),
    FieldSpec("verdict", "Verdict after checking", kind="choice", choices=VERDICTS,
              section="Checking"),
    FieldSpec("flex_holder", "Who can grant flex", max_length=200, section="The flex"),
    FieldSpec("condition", "Condition of change", kind="choice", choices=_C["conditions"],
              free_choice=True, max_length=120, section="The flex"),
    FieldSpec("experiment", "Flex idea or experiment", kind="multiline", max_length=5000,
              section="The flex"),
    FieldSpec("risk", "Risk", kind="multiline", max_length=2000, section="The flex"),
    FieldSpec("status", "Status", kind="choice", choices=_C["statuses"], free_choice=True,
              max_length=40, section="The flex"),
)


def _check(_s, _cohort_id: int, data: Record, _own_id: int | None) -> None:
    if data.get("verdict") and not (data.get("checked_with") or data.get("evidence")):
        raise ValidationError({
            "checked_with": "Say who or what you checked with before giving a verdict."
        })


KIND = RecordKind(model=RuleEntry, fields=FIELDS, noun="rule", check=_check,
                  order_by=("created_at", "id"))


def is_checked(rec: Record) -> bool:
    return bool(rec.get("verdict"))


def _participant_in(s, cohort_id: int, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None or p.cohort_id != cohort_id:
        raise NotFound("That participant is not in this cohort.")
    return p


def list_rules(db: Database, cohort_id: int, participant_id: int) -> list[Record]:
    with db.read() as s:
        _participant_in(s, cohort_id, participant_id)
        stmt = (select(RuleEntry).where(RuleEntry.participant_id == participant_id)
                .order_by(RuleEntry.created_at, RuleEntry.id))
        return [_to_record(r) for r in s.scalars(stmt)]


def _to_record(r: RuleEntry) -> Record:
    rec = records.to_record(r, KIND)
    rec["participant_id"] = r.participant_id
    rec["group_id"] = r.group_id
    rec["checked"] = bool(r.verdict)
    return rec


def get_rule(db: Database, rule_id: int) -> Record:
    with db.read() as s:
        r = get_or_fail(s, RuleEntry, rule_id, "rule")
        return _to_record(r)


def create_rule(db: Database, cohort_id: int, participant_id: int, values: Record) -> Result:
    data = clean(FIELDS, values)
    _check(None, cohort_id, data, None)
    with db.session() as s:
        _participant_in(s, cohort_id, participant_id)
        r = RuleEntry(cohort_id=cohort_id, participant_id=participant_id, **data)
        s.add(r)
        s.flush()
        new_id = r.id
    return Result(new_id, Changes.of("rule_entries", cohort_id=cohort_id))


def update_rule(db: Database, rule_id: int, values: Record):
    return records.update_record(db, KIND, rule_id, values)


def delete_rule(db: Database, rule_id: int):
    return records.delete_record(db, KIND, rule_id)


def progress(db: Database, cohort_id: int, participant_id: int) -> tuple[int, int]:
    """(checked, total) for one participant's register."""
    with db.read() as s:
        _participant_in(s, cohort_id, participant_id)
        total, checked = s.execute(
            select(func.count(), func.count().filter(RuleEntry.verdict != ""))
            .where(RuleEntry.participant_id == participant_id)
        ).one()
    return checked, total


def register_people(db: Database, cohort_id: int) -> list[Record]:
    """Every participant of the cohort with their organisation and register progress."""
    with db.read() as s:
        counts = {
            pid: (checked, total)
            for pid, total, checked in s.execute(
                select(RuleEntry.participant_id, func.count(),
                       func.count().filter(RuleEntry.verdict != ""))
                .where(RuleEntry.cohort_id == cohort_id).group_by(RuleEntry.participant_id)
            )
        }
        people = s.scalars(
            select(Participant).where(Participant.cohort_id == cohort_id)
            .order_by(Participant.given_name, Participant.family_name, Participant.id)
        ).all()
        out = []
        for p in people:
            checked, total = counts.get(p.id, (0, 0))
            out.append({"id": p.id, "name": p.full_name,
                        "organisation": p.organisation.name if p.organisation else "",
                        "checked": checked, "total": total})
        return out
