"""Cohorts and peer groups at their edges: names unique but a record may keep its own, dates
that are equal are in order, lists in the order people read them, memberships replaced whole."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.cohort import cohorts, participants, peer_groups
from facilitator.services.errors import ValidationError


def test_a_cohort_keeps_its_own_name_but_cannot_take_anothers(db):
    north = cohorts.create_cohort(db, {"name": "North"}).id
    cohorts.create_cohort(db, {"name": "South"})
    cohorts.update_cohort(db, north, {"name": "NORTH", "description": "renamed in capitals"})
    assert cohorts.get_cohort(db, north)["name"] == "NORTH"
    with pytest.raises(ValidationError) as err:
        cohorts.update_cohort(db, north, {"name": "south"})
    assert err.value.problems == {"name": "There is already a cohort called 'south'."}


def test_a_one_day_cohort_is_in_order_and_an_update_is_checked_against_the_stored_dates(db):
    day = date(2026, 3, 2)
    cid = cohorts.create_cohort(db, {"name": "One day", "start_date": day, "end_date": day}).id
    with pytest.raises(ValidationError) as err:
        cohorts.update_cohort(db, cid, {"end_date": date(2026, 3, 1)})
    assert err.value.problems == {"end_date": "The end date is before the start date."}
    assert cohorts.get_cohort(db, cid)["end_date"] == day


def test_cohorts_are_listed_newest_start_first_then_by_name_with_their_people(db):
    early = cohorts.create_cohort(db, {"name": "Early", "start_date": date(2025, 1, 1)}).id
    cohorts.create_cohort(db, {"name": "B late", "start_date": date(2026, 1, 1)})
    cohorts.create_cohort(db, {"name": "A late", "start_date": date(2026, 1, 1)})
    participants.create_participant(db, early, {"given_name": "Amira", "status": "active"})
    listed = cohorts.list_cohorts(db)
    assert [(c["name"], c["participants"]) for c in listed] == [
        ("A late", 0), ("B late", 0), ("Early", 1)]
    assert cohorts.find_cohort(db, "early")["id"] == early
    assert cohorts.find_cohort(db, "Nowhere") is None


def test_restoring_a_deleted_cohort_says_which_cohort_changed(db, cohort_id):
    snap, changes = cohorts.delete_cohort(db, cohort_id)
    assert changes.cohort_id == cohort_id and changes.touches("cohorts")
    restored = cohorts.restore_cohort(db, snap)
    assert restored.cohort_id == cohort_id and restored.touches("cohorts")
    assert cohorts.get_cohort(db, cohort_id)["name"] == "Test cohort"


def _person(db, cohort_id, given, family=""):
    return participants.create_participant(
        db, cohort_id, {"given_name": given, "family_name": family, "status": "active"}).id


def test_a_groups_members_are_replaced_whole_and_the_old_ones_returned_for_undo(db, cohort_id):
    ben = _person(db, cohort_id, "Ben", "Okafor")
    amira = _person(db, cohort_id, "Amira")
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Tuesday"}).id
    before, changes = peer_groups.set_members(db, group, [ben, amira, ben])
    assert before == [] and changes.touches("peer_group_members")
    [listed] = peer_groups.list_peer_groups(db, cohort_id)
    assert listed["member_ids"] == [amira, ben] and listed["members"] == ["Amira", "Ben Okafor"]
    before, _ = peer_groups.set_members(db, group, [])
    assert sorted(before) == sorted([ben, amira])
    assert peer_groups.list_peer_groups(db, cohort_id)[0]["members"] == []


def test_people_from_another_cohort_cannot_join_and_nothing_changes(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    stranger = _person(db, other, "Zoe")
    mine = _person(db, cohort_id, "Amira")
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Tuesday"}).id
    peer_groups.set_members(db, group, [mine])
    with pytest.raises(ValidationError) as err:
        peer_groups.set_members(db, group, [mine, stranger])
    assert err.value.problems == {"members": "Some chosen people are not in this cohort any more."}
    assert peer_groups.list_peer_groups(db, cohort_id)[0]["member_ids"] == [mine]


def test_a_cohort_that_is_gone_is_said_so(db):
    from facilitator.services.errors import NotFound

    for gone in (lambda: cohorts.get_cohort(db, 9999),
                 lambda: cohorts.update_cohort(db, 9999, {"name": "New name"}),
                 lambda: cohorts.delete_cohort(db, 9999)):
        with pytest.raises(NotFound) as err:
            gone()
        assert str(err.value) == "That cohort no longer exists."


def test_a_gone_peer_group_is_said_so(db):
    from facilitator.services.errors import NotFound

    with pytest.raises(NotFound) as err:
        peer_groups.set_members(db, 9999, [])
    assert str(err.value) == "That peer group no longer exists."


def test_organisations_are_listed_by_name_counting_only_this_cohorts_people(db, cohort_id):
    from facilitator.services.cohort import organisations

    other = cohorts.create_cohort(db, {"name": "Other"}).id
    b = organisations.create_organisation(db, cohort_id, {"name": "B Housing"}).id
    organisations.create_organisation(db, cohort_id, {"name": "A Advice"})
    organisations.create_organisation(db, other, {"name": "C Elsewhere"})
    participants.create_participant(db, cohort_id, {"given_name": "Amira", "status": "active",
                                                    "organisation_id": b})
    _person(db, cohort_id, "Ben")  # no organisation
    rows = organisations.list_organisations(db, cohort_id)
    assert [(r["name"], r["participants"]) for r in rows] == [("A Advice", 0), ("B Housing", 1)]


def test_an_update_says_what_changed_and_a_record_has_its_fields(db, cohort_id):
    changes = cohorts.update_cohort(db, cohort_id, {"description": "Housing and health"})
    assert changes.touches("cohorts") and changes.cohort_id == cohort_id
    rec = cohorts.get_cohort(db, cohort_id)
    assert set(rec) == {"id", "uuid", "participants", "name", "start_date", "end_date",
                        "description", "design_principles"}
    assert (rec["id"], rec["description"]) == (cohort_id, "Housing and health")
    assert len(rec["uuid"]) == 36
