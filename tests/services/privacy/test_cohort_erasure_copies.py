"""Erasing a cohort everywhere: in older copies, an earlier cohort of the same name that is no
longer kept here goes too, and every cohort still kept is untouched; only rewrite or delete."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.services.cohort import cohorts, participants
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.privacy import erasure


def _names(path):
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM cohorts"))
    finally:
        con.close()


def test_an_earlier_namesake_in_a_backup_goes_and_kept_cohorts_stay(db):
    first = cohorts.create_cohort(db, {"name": "Old North"}).id
    participants.create_participant(db, first, {"given_name": "Amira", "status": "active"})
    cohorts.create_cohort(db, {"name": "Kept"})
    cohorts.create_cohort(db, {"name": "Also kept"})
    copy = db.backup("manual")
    cohorts.delete_cohort(db, first)
    again = cohorts.create_cohort(db, {"name": "old north"}).id
    assert erasure.plan_cohort_erasure(db, again) == {"cohorts": 1}
    result = erasure.erase_cohort(db, again)
    assert result.problems == []
    assert _names(copy) == ["Also kept", "Kept"]
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Also kept", "Kept"]


def test_the_only_cohort_is_erased_from_its_copies_too(db):
    only = cohorts.create_cohort(db, {"name": "Alone"}).id
    copy = db.backup("manual")
    assert erasure.erase_cohort(db, only).problems == []
    assert _names(copy) == []


def test_a_persons_plan_says_who_where_and_which_copies(db, cohort_id):
    pid = participants.create_participant(db, cohort_id, {"given_name": "Amira",
                                                          "family_name": "Haddad",
                                                          "status": "active"}).id
    plan = erasure.plan_erasure(db, pid)
    assert (plan.participant_id, plan.name, plan.cohort) == (pid, "Amira Haddad", "Test cohort")
    assert plan.counts["participants"] == 1 and plan.set_aside == [] and plan.backups == []


def test_a_cohort_erasure_takes_only_rewrite_or_delete_and_a_gone_cohort_is_said_so(db, cohort_id):
    for choice in ({"backups": "shred"}, {"set_aside": "keep"}):
        with pytest.raises(ValidationError) as err:
            erasure.erase_cohort(db, cohort_id, **choice)
        assert err.value.problems == {"backups": "Choose to rewrite or to delete the copies."}
    assert cohorts.get_cohort(db, cohort_id)["name"] == "Test cohort"
    with pytest.raises(NotFound) as err:
        erasure.erase_cohort(db, 9999)
    assert str(err.value) == "That cohort no longer exists."


def test_a_cohort_erasure_deletes_the_copies_when_chosen_and_reports_progress(db):
    gone = cohorts.create_cohort(db, {"name": "Gone"}).id
    copy = db.backup("manual")
    seen = []
    result = erasure.erase_cohort(db, gone, backups="delete", set_aside="delete",
                                  progress=lambda done, total, what: seen.append((done, total)))
    assert not copy.exists() and result.backups_done == 1
    assert (result.backups, result.set_aside) == ("delete", "delete")
    assert seen and seen[-1][0] == seen[-1][1]
