"""Cohorts, organisations, the team and peer groups."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator import demo
from facilitator.services.cohort import (
    cohorts,
    facilitators,
    organisations,
    participants,
    peer_groups,
)
from facilitator.services.errors import NotFound, ValidationError


def test_cohort_names_are_unique_case_insensitively(db, cohort_id):
    with pytest.raises(ValidationError, match="already a cohort"):
        cohorts.create_cohort(db, {"name": "TEST COHORT"})


def test_cohort_dates_must_be_in_order(db):
    with pytest.raises(ValidationError, match="before the start"):
        cohorts.create_cohort(db, {"name": "X", "start_date": date(2026, 5, 1), "end_date": "2026-04-01"})
    with pytest.raises(ValidationError, match="a date like"):
        cohorts.create_cohort(db, {"name": "X", "start_date": "next tuesday"})


def test_deleting_a_cohort_takes_everything_and_restore_brings_it_back(db):
    cid, _ = demo.create_demo(db)
    before = (len(participants.list_participants(db, cid)), len(peer_groups.list_peer_groups(db, cid)))
    snap, changes = cohorts.delete_cohort(db, cid)
    assert changes.touches("participants", "organisations", "peer_group_members")
    assert cohorts.list_cohorts(db) == []
    cohorts.restore_cohort(db, snap)
    after = (len(participants.list_participants(db, cid)), len(peer_groups.list_peer_groups(db, cid)))
    assert after == before == (12, 4)
    assert all(len(g["member_ids"]) == 3 for g in peer_groups.list_peer_groups(db, cid))
    with db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_organisation_names_unique_within_cohort_only(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    organisations.create_organisation(db, cohort_id, {"name": "Harbour Street"})
    organisations.create_organisation(db, other, {"name": "Harbour Street"})
    with pytest.raises(ValidationError, match="already has the name"):
        organisations.create_organisation(db, cohort_id, {"name": "harbour street"})


def test_organisation_list_counts_participants(db, cohort_id):
    org = organisations.create_organisation(db, cohort_id, {"name": "Millbrook", "sector": "Advice"}).id
    participants.create_participant(db, cohort_id, {"given_name": "Kiran", "organisation_id": org, "status": "active"})
    [row] = organisations.list_organisations(db, cohort_id)
    assert (row["participants"], row["sector"]) == (1, "Advice")  # sector takes free text


def test_team_roles_and_email(db, cohort_id):
    facilitators.create_facilitator(db, cohort_id, {"name": "Jennie", "role": "Lead facilitator"})
    with pytest.raises(ValidationError, match="e-mail"):
        facilitators.create_facilitator(db, cohort_id, {"name": "Rob", "role": "Coach", "email": "rob@"})
    assert [f["name"] for f in facilitators.list_facilitators(db, cohort_id)] == ["Jennie"]


def test_peer_group_members_must_belong_to_the_cohort(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    stranger = participants.create_participant(db, other, {"given_name": "Z", "status": "active"}).id
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Rowan"}).id
    with pytest.raises(ValidationError, match="not in this cohort"):
        peer_groups.set_members(db, group, [stranger])
    with pytest.raises(NotFound):
        peer_groups.set_members(db, 999, [])


def test_demo_is_realistic_and_created_once(db):
    cid, _ = demo.create_demo(db)
    again, _ = demo.create_demo(db)
    assert cid == again
    people = participants.list_participants(db, cid)
    orgs = organisations.list_organisations(db, cid)
    assert len(people) == 12 and len(orgs) == 6
    assert {o["sector"] for o in orgs} >= {"Housing", "Drug and alcohol", "Mental health", "Social care"}
    assert len(facilitators.list_facilitators(db, cid)) >= 2
    groups = peer_groups.list_peer_groups(db, cid)
    assert all(len(g["member_ids"]) == 3 for g in groups)
    assert any(not p["consent_share_org"] for p in people)


def test_scale_data(db):
    ids = demo.create_scale_data(db, participants=300, cohorts=2)
    assert [len(participants.list_participants(db, i)) for i in ids] == [300, 300]
