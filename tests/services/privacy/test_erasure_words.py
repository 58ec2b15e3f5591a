"""What the erasure dialog and log say: the plan's lines (named kinds, other tables by their
name, backups, files kept aside), a namesake refusal, the erasure log newest first; and the
choices erase_participant accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.services.cohort import cohorts, participants
from facilitator.services.errors import ValidationError
from facilitator.services.privacy import erasure


def test_the_plan_names_each_kind_of_record_and_the_copies():
    plan = erasure.ErasurePlan(1, "Amira Haddad", "North",
                               {"participants": 1, "pulse_answers": 4, "attendance": 2},
                               backups=[Path("a"), Path("b")], set_aside=[Path("c")])
    assert plan.describe() == ["Attendance marks: 2", "Their participant record: 1",
                               "Pulse answers: 4", "Backups in which they may appear: 2",
                               "Files kept aside (.damaged-, .replaced-): 1"]
    none_aside = erasure.ErasurePlan(1, "A", "N", {}, backups=[], set_aside=[])
    assert none_aside.describe() == ["Backups in which they may appear: 0"]


def _person(db, cohort_id, given, family):
    return participants.create_participant(
        db, cohort_id, {"given_name": given, "family_name": family, "status": "active"}).id


def test_namesakes_are_refused_by_number_and_other_cohorts_namesakes_do_not_count(db, cohort_id):
    other = cohorts.create_cohort(db, {"name": "Other"}).id
    _person(db, cohort_id, "Sam", "Lee")
    _person(db, cohort_id, "Sam", "Lee")
    with pytest.raises(ValidationError) as err:
        erasure.find_participant(db, "Test cohort", "sam lee")
    assert err.value.problems == {"participant": "2 participants in Test cohort are called "
                                                 "'sam lee'; erase them from the app, one by one."}
    only = _person(db, other, "Sam", "Lee")
    assert erasure.find_participant(db, "Other", "Sam Lee") == only


def test_the_erasure_log_is_newest_first_with_every_column(db, cohort_id):
    first = erasure.erase_participant(db, _person(db, cohort_id, "Ann", "One"))
    second = erasure.erase_participant(db, _person(db, cohort_id, "Bo", "Two"), backups="delete")
    rows = erasure.list_erasures(db)
    assert [r["reference"] for r in rows] == [second.reference, first.reference]
    assert set(rows[0]) == {"reference", "erased_at", "records", "backups", "set_aside"}
    assert (rows[0]["backups"], rows[0]["set_aside"]) == ("delete", "rewrite")
    assert rows[0]["erased_at"] >= rows[1]["erased_at"]


def test_only_rewrite_or_delete_are_choices_for_the_copies(db, cohort_id):
    pid = _person(db, cohort_id, "Ann", "One")
    for choice in ({"backups": "shred"}, {"set_aside": "keep"}):
        with pytest.raises(ValidationError) as err:
            erasure.erase_participant(db, pid, **choice)
        assert err.value.problems == {"backups": "Choose to rewrite or to delete the copies."}
    assert participants.get_participant(db, pid)["given_name"] == "Ann"
