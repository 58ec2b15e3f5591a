"""The look-alike warnings while entering a person: by name or e-mail, within the cohort, and
never about the person being edited; the list is in family-name order with organisations."""

from __future__ import annotations

import pytest

from facilitator.services.cohort import cohorts, organisations, participants
from facilitator.services.errors import ValidationError


def add(db, cohort_id, **values):
    values.setdefault("status", "active")
    return participants.create_participant(db, cohort_id, values).id


def test_editing_a_person_is_not_warned_about_themself(db, cohort_id):
    amira = add(db, cohort_id, given_name="Amira", family_name="Haddad", email="amira@x.org")
    same = {"given_name": "Amira", "family_name": "Haddad", "email": "amira@x.org"}
    assert participants.find_duplicates(db, cohort_id, same, exclude_id=amira) == []
    other = add(db, cohort_id, given_name="Ben", family_name="Okafor")
    assert participants.find_duplicates(db, cohort_id, same, exclude_id=other) == [
        "Amira Haddad is already in this cohort with the same e-mail address."]


def test_the_warning_says_which_detail_matched(db, cohort_id):
    add(db, cohort_id, given_name="Amira", family_name="Haddad", email="amira@x.org")
    by_name = {"given_name": "AMIRA", "family_name": "haddad", "email": "other@x.org"}
    assert participants.find_duplicates(db, cohort_id, by_name) == [
        "Amira Haddad is already in this cohort with the same name."]
    by_mail = {"given_name": "A.", "family_name": "H.", "email": "  Amira@X.org "}
    assert participants.find_duplicates(db, cohort_id, by_mail) == [
        "Amira Haddad is already in this cohort with the same e-mail address."]


def test_people_in_other_cohorts_are_not_look_alikes(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    add(db, other, given_name="Amira", family_name="Haddad", email="amira@x.org")
    same = {"given_name": "Amira", "family_name": "Haddad", "email": "amira@x.org"}
    assert participants.find_duplicates(db, cohort_id, same) == []


def test_an_organisation_that_does_not_exist_is_refused(db, cohort_id):
    with pytest.raises(ValidationError) as err:
        add(db, cohort_id, given_name="Amira", organisation_id=9999)
    assert err.value.problems == {"organisation_id": "Choose an organisation from this cohort."}


def test_the_list_is_by_family_then_given_name_with_each_organisation(db, cohort_id):
    org = organisations.create_organisation(db, cohort_id, {"name": "Riverside Housing"}).id
    add(db, cohort_id, given_name="Ben", family_name="Okafor", organisation_id=org)
    add(db, cohort_id, given_name="Amira", family_name="Okafor")
    add(db, cohort_id, given_name="Zoe", family_name="Adams")
    rows = participants.list_participants(db, cohort_id)
    assert [(r["given_name"], r["family_name"], r["organisation"]) for r in rows] == [
        ("Zoe", "Adams", None), ("Amira", "Okafor", None), ("Ben", "Okafor", "Riverside Housing")]
    assert set(rows[0]) == {*participants.LIST_COLUMNS, "organisation"}


def test_a_given_name_alone_is_a_look_alike_of_a_person_with_no_family_name(db, cohort_id):
    add(db, cohort_id, given_name="Amira")
    assert participants.find_duplicates(db, cohort_id, {"given_name": "amira"}) == [
        "Amira is already in this cohort with the same name."]
