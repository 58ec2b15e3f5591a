"""Participants: validation in words, duplicates warned, delete undone with everything."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services import records
from facilitator.services.cohort import organisations, participants, peer_groups
from facilitator.services.errors import ValidationError


def add(db, cohort_id, **values):
    values.setdefault("given_name", "Amira")
    values.setdefault("status", "active")
    return participants.create_participant(db, cohort_id, values)


def test_create_and_list_with_organisation(db, cohort_id):
    org = organisations.create_organisation(db, cohort_id, {"name": "Riverside Housing"}).id
    result = add(db, cohort_id, family_name="Haddad", organisation_id=org, email=" a@x.org ")
    assert result.changes.touches("participants") and result.changes.cohort_id == cohort_id
    [row] = participants.list_participants(db, cohort_id)
    assert row["organisation"] == "Riverside Housing"
    assert row["email"] == "a@x.org"


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"given_name": "  "}, "given_name", "required"),
        ({"email": "not-an-email"}, "email", "does not look like an e-mail"),
        ({"given_name": "x" * 81}, "given_name", "too long: 81 characters, the most is 80"),
        ({"notes": "bad\x00byte"}, "notes", "control characters"),
        ({"phone": "call me maybe"}, "phone", "digits"),
        ({"status": "asleep"}, "status", "must be one of"),
        ({"consent_photos": True}, "consent_photos_date", "give the date"),
        ({"consent_storage_date": date(2026, 1, 1)}, "consent_storage_date", "not ticked"),
    ],
)
def test_bad_values_are_refused_with_a_message_and_nothing_is_written(db, cohort_id, values, field, words):
    with pytest.raises(ValidationError) as info:
        add(db, cohort_id, **values)
    assert words in info.value.problems[field]
    assert participants.list_participants(db, cohort_id) == []


def test_organisation_from_another_cohort_is_refused(db, cohort_id):
    from facilitator.services.cohort import cohorts

    other = cohorts.create_cohort(db, {"name": "Other"}).id
    org = organisations.create_organisation(db, other, {"name": "Elsewhere"}).id
    with pytest.raises(ValidationError, match="this cohort"):
        add(db, cohort_id, organisation_id=org)


def test_duplicates_are_warned_not_refused(db, cohort_id):
    add(db, cohort_id, family_name="Haddad", email="amira@x.org")
    warnings = participants.find_duplicates(db, cohort_id, {"given_name": "amira", "family_name": "HADDAD"})
    assert warnings == ["Amira Haddad is already in this cohort with the same name."]
    by_mail = participants.find_duplicates(db, cohort_id, {"given_name": "A", "email": "AMIRA@x.org"})
    assert "same e-mail address" in by_mail[0]
    assert participants.find_duplicates(db, cohort_id, {"given_name": "Ben"}) == []


def test_update_is_partial_and_validated(db, cohort_id):
    pid = add(db, cohort_id, family_name="Haddad").id
    participants.update_participant(db, pid, {"role": "Tenancy officer"})
    rec = participants.get_participant(db, pid)
    assert (rec["family_name"], rec["role"]) == ("Haddad", "Tenancy officer")
    with pytest.raises(ValidationError):
        participants.update_participant(db, pid, {"given_name": ""})
    assert participants.get_participant(db, pid)["given_name"] == "Amira"


def test_delete_then_restore_brings_back_memberships(db, cohort_id):
    a, b = add(db, cohort_id).id, add(db, cohort_id, given_name="Ben").id
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Oak trio"}).id
    peer_groups.set_members(db, group, [a, b])
    snap, changes = participants.delete_participant(db, a)
    assert changes.touches("participants", "peer_group_members")
    assert peer_groups.list_peer_groups(db, cohort_id)[0]["member_ids"] == [b]
    records.restore_records(db, snap, cohort_id)
    assert sorted(peer_groups.list_peer_groups(db, cohort_id)[0]["member_ids"]) == sorted([a, b])
    assert participants.get_participant(db, a)["uuid"] == snap.rows[0][1]["uuid"]


def test_deleting_an_organisation_keeps_people_and_undo_relinks_them(db, cohort_id):
    org = organisations.create_organisation(db, cohort_id, {"name": "Northgate"}).id
    pid = add(db, cohort_id, organisation_id=org).id
    snap, _ = organisations.delete_organisation(db, org)
    assert participants.get_participant(db, pid)["organisation_id"] is None
    records.restore_records(db, snap, cohort_id)
    assert participants.get_participant(db, pid)["organisation_id"] == org
