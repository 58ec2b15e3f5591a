"""Reflective diaries, with the four prompts. Private by default: an entry is for the cohort
team and its writer; it never goes into an organisation's workbook, the cohort report or any
export except the writer's own, and it is a source for an insight only with the writer's
permission (`may_use`)."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.models import DiaryEntry, Participant
from facilitator.services import records
from facilitator.services.fields import FieldSpec
from facilitator.services.learning.refs import check_links
from facilitator.services.records import Record, RecordKind, RecordService
from facilitator.store.database import Database

PRIVACY_NOTE = ("Diary entries are private: they stay with the cohort team and the writer, and "
                "never go into an organisation's workbook, the cohort report or any export other "
                "than the writer's own.")
FIELDS = (
    FieldSpec("participant_id", "Participant", kind="ref", ref="participants", required=True),
    FieldSpec("written_on", "Written on", kind="date"),
    FieldSpec("what_happened", "What happened", kind="multiline", max_length=10_000),
    FieldSpec("how_i_felt", "How I felt", kind="multiline", max_length=10_000),
    FieldSpec("what_i_noticed", "What I noticed", kind="multiline", max_length=10_000),
    FieldSpec("what_i_will_do", "What I will do", kind="multiline", max_length=10_000),
    FieldSpec("may_use", "The writer lets the team use this entry as the source of an insight",
              kind="bool"),
)


def _check(s, cohort_id: int, data: Record, _own_id: int | None) -> None:
    check_links(s, cohort_id, data)


KIND = RecordKind(model=DiaryEntry, fields=FIELDS, noun="diary entry", check=_check,
                  order_by=("written_on", "id"))
SERVICE = RecordService(KIND)
get_entry, create_entry = SERVICE.get, SERVICE.create
update_entry, delete_entry = SERVICE.update, SERVICE.delete


def list_entries(db: Database, cohort_id: int, participant_id: int | None = None) -> list[Record]:
    """The cohort's entries (or one person's), newest first, with the writer's name."""
    stmt = (select(DiaryEntry, Participant.given_name, Participant.family_name)
            .join(Participant, Participant.id == DiaryEntry.participant_id)
            .where(DiaryEntry.cohort_id == cohort_id))
    if participant_id is not None:
        stmt = stmt.where(DiaryEntry.participant_id == participant_id)
    stmt = stmt.order_by(DiaryEntry.written_on.desc(), DiaryEntry.id.desc())
    with db.read() as s:
        out = []
        for entry, given, family in s.execute(stmt):
            rec = records.to_record(entry, KIND)
            rec["person"] = f"{given} {family}".strip()
            out.append(rec)
        return out
