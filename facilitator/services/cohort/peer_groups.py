"""Peer-coaching groups and who is in them."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from facilitator.models import Participant, PeerGroup, peer_group_members
from facilitator.services import records
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec
from facilitator.services.records import Record, RecordKind, get_or_fail
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("name", "Name", required=True, max_length=80),
    FieldSpec("notes", "Notes", kind="multiline", max_length=5000),
)

KIND = RecordKind(model=PeerGroup, fields=FIELDS, noun="peer group", unique_name="name",
                  order_by=("name",))

_service = records.RecordService(KIND)
create_peer_group, update_peer_group = _service.create, _service.update
delete_peer_group = _service.delete


def list_peer_groups(db: Database, cohort_id: int) -> list[Record]:
    """Groups with member ids and names (one query for the memberships)."""
    with db.read() as s:
        groups = s.scalars(
            select(PeerGroup).where(PeerGroup.cohort_id == cohort_id).order_by(PeerGroup.name)
        ).all()
        rows = s.execute(
            select(peer_group_members.c.peer_group_id, Participant.id, Participant.given_name,
                   Participant.family_name)
            .join(Participant, Participant.id == peer_group_members.c.participant_id)
            .where(Participant.cohort_id == cohort_id)
            .order_by(Participant.given_name, Participant.family_name)
        ).all()
    members: dict[int, list[tuple[int, str]]] = {}
    for group_id, pid, given, family in rows:
        members.setdefault(group_id, []).append((pid, f"{given} {family}".strip()))
    out = []
    for g in groups:
        rec = records.to_record(g, KIND)
        rec["member_ids"] = [pid for pid, _ in members.get(g.id, [])]
        rec["members"] = [name for _, name in members.get(g.id, [])]
        out.append(rec)
    return out


def set_members(db: Database, group_id: int, participant_ids: list[int]) -> tuple[list[int], Changes]:
    """Replace a group's members; return the previous member ids (for undo) and the change."""
    wanted = list(dict.fromkeys(participant_ids))
    with db.session() as s:
        group = get_or_fail(s, PeerGroup, group_id, "peer group")
        valid = set(
            s.scalars(
                select(Participant.id).where(
                    Participant.cohort_id == group.cohort_id, Participant.id.in_(wanted)
                )
            )
        )
        missing = [pid for pid in wanted if pid not in valid]
        if missing:
            raise ValidationError({"members": "Some chosen people are not in this cohort any more."})
        before = list(
            s.scalars(
                select(peer_group_members.c.participant_id).where(
                    peer_group_members.c.peer_group_id == group_id
                )
            )
        )
        s.execute(delete(peer_group_members).where(peer_group_members.c.peer_group_id == group_id))
        if wanted:
            s.execute(
                insert(peer_group_members),
                [{"peer_group_id": group_id, "participant_id": pid} for pid in wanted],
            )
        cohort_id = group.cohort_id
    return before, Changes.of("peer_groups", "peer_group_members", cohort_id=cohort_id)
