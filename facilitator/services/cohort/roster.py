"""Who is expected at an event, in name order, with what printed packs need about them (read
only): the cohort's participants who have not withdrawn."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.models import Event, Organisation, Participant
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

NOT_EXPECTED = ("withdrawn",)


def expected(db: Database, cohort_id: int, event_id: int | None = None,
             only: tuple[int, ...] | None = None) -> list[Record]:
    """The cohort's participants who are not withdrawn (or just `only`), by given then family
    name: id, uuid, name, organisation, access and dietary needs, consent to share."""
    with db.read() as s:
        if event_id is not None:
            ev = get_or_fail(s, Event, event_id, "event")
            cohort_id = ev.cohort_id
        stmt = (select(Participant.id, Participant.uuid, Participant.given_name,
                       Participant.family_name, Participant.access_needs,
                       Participant.dietary_needs, Participant.consent_share_org,
                       Participant.status, Organisation.name)
                .outerjoin(Organisation, Participant.organisation_id == Organisation.id)
                .where(Participant.cohort_id == cohort_id)
                .order_by(Participant.given_name, Participant.family_name, Participant.id))
        if only is not None:
            stmt = stmt.where(Participant.id.in_(only))
        else:
            stmt = stmt.where(Participant.status.not_in(NOT_EXPECTED))
        rows = s.execute(stmt).all()
    return [{"id": pid, "uuid": uuid, "name": f"{given} {family}".strip(),
             "organisation": org or "", "access_needs": access or "",
             "dietary_needs": dietary or "", "consent_share_org": bool(share),
             "status": status}
            for pid, uuid, given, family, access, dietary, share, status, org in rows]
