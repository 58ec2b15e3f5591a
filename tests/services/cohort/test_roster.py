"""Who is expected at an event: the cohort's people who have not withdrawn, by given name, with
what the printed packs need about each (or just the people asked for)."""

from __future__ import annotations

from datetime import date

from facilitator.models import Participant
from facilitator.services.cohort import cohorts, organisations, participants, roster
from facilitator.services.plans import events


def _person(db, cohort_id, given, family="", **values):
    values.update(given_name=given, family_name=family)
    values.setdefault("status", "active")
    return participants.create_participant(db, cohort_id, values).id


def _uuid(db, pid):
    with db.read() as s:
        return s.get(Participant, pid).uuid


def test_the_expected_are_everyone_not_withdrawn_by_given_name(db, cohort_id):
    org = organisations.create_organisation(db, cohort_id, {"name": "Riverside Housing"}).id
    zoe = _person(db, cohort_id, "Zoe", "Adams", status="on hold", organisation_id=org,
                  access_needs="Step-free access", dietary_needs="Vegan",
                  consent_share_org=True, consent_share_org_date=date(2026, 1, 5))
    ben_b = _person(db, cohort_id, "Ben", "Okafor", status="completed")
    ben_a = _person(db, cohort_id, "Ben", "Abara")
    _person(db, cohort_id, "Gone", "Away", status="withdrawn")
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    _person(db, other, "Ada", "Elsewhere")
    rows = roster.expected(db, cohort_id)
    assert [r["id"] for r in rows] == [ben_a, ben_b, zoe]
    assert rows[2] == {"id": zoe, "uuid": _uuid(db, zoe), "name": "Zoe Adams",
                       "organisation": "Riverside Housing", "access_needs": "Step-free access",
                       "dietary_needs": "Vegan", "consent_share_org": True, "status": "on hold"}
    assert rows[0] == {"id": ben_a, "uuid": _uuid(db, ben_a), "name": "Ben Abara",
                       "organisation": "", "access_needs": "", "dietary_needs": "",
                       "consent_share_org": False, "status": "active"}


def test_only_the_people_asked_for_even_if_withdrawn(db, cohort_id):
    gone = _person(db, cohort_id, "Gone", status="withdrawn")
    amira = _person(db, cohort_id, "Amira")
    _person(db, cohort_id, "Ben")
    rows = roster.expected(db, cohort_id, only=(gone, amira))
    assert [(r["id"], r["name"]) for r in rows] == [(amira, "Amira"), (gone, "Gone")]


def test_an_event_brings_its_own_cohort(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    ada = _person(db, other, "Ada")
    _person(db, cohort_id, "Amira")
    ev = events.create_event(db, other, {"title": "Day one", "kind": events.EVENT_KINDS[0],
                                         "start_date": date(2026, 3, 2),
                                         "end_date": date(2026, 3, 2)}).id
    assert [r["id"] for r in roster.expected(db, cohort_id, event_id=ev)] == [ada]
