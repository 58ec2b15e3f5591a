"""The rules register: validation, scope to the cohort, progress, undo of delete."""

from __future__ import annotations

import pytest

from facilitator.services import records
from facilitator.services.cohort import cohorts, participants
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.flex import registers
from tests.services.flex.helpers import person, rule


def test_add_edit_and_progress(db, cohort_id):
    pid = person(db, cohort_id, "Amira")
    r1 = rule(db, cohort_id, pid, "Tenancy can't start without photo ID", "absolute")
    rule(db, cohort_id, pid, "Two staff on every visit", "unsure")
    assert registers.progress(db, cohort_id, pid) == (0, 2)
    changes = registers.update_rule(db, r1, {"verdict": "discretionary",
                                              "checked_with": "Lettings manager"})
    assert changes.touches("rule_entries") and changes.cohort_id == cohort_id
    assert registers.progress(db, cohort_id, pid) == (1, 2)
    rows = registers.list_rules(db, cohort_id, pid)
    assert [r["checked"] for r in rows] == [True, False]
    people = registers.register_people(db, cohort_id)
    assert people[0]["checked"] == 1 and people[0]["total"] == 2


def test_validation_names_the_field_and_changes_nothing(db, cohort_id):
    pid = person(db, cohort_id, "Ben")
    with pytest.raises(ValidationError) as err:
        registers.create_rule(db, cohort_id, pid, {"rule": "  ", "belief": "maybe"})
    assert set(err.value.problems) == {"rule", "belief"}
    assert "The rule is required" in err.value.problems["rule"]
    with pytest.raises(ValidationError) as err:
        registers.create_rule(db, cohort_id, pid, {"rule": "X", "verdict": "absolute"})
    assert "checked with" in err.value.problems["checked_with"]
    assert registers.list_rules(db, cohort_id, pid) == []


def test_free_text_is_allowed_where_the_list_does_not_fit(db, cohort_id):
    pid = person(db, cohort_id, "Chloé")
    rid = rule(db, cohort_id, pid, "No visits after 6pm", area="Evening outreach",
               source_kind="A letter from 2009")
    assert registers.get_rule(db, rid)["area"] == "Evening outreach"


def test_a_register_is_seen_only_within_its_cohort(db, cohort_id):
    pid = person(db, cohort_id, "Dafydd")
    rule(db, cohort_id, pid, "Some rule")
    other = cohorts.create_cohort(db, {"name": "Another cohort"}).id
    with pytest.raises(NotFound):
        registers.list_rules(db, other, pid)
    with pytest.raises(NotFound):
        registers.create_rule(db, other, pid, {"rule": "Sneaky"})


def test_delete_and_restore_rule_and_cascade_from_participant(db, cohort_id):
    pid = person(db, cohort_id, "Ewa")
    rid = rule(db, cohort_id, pid, "Some rule")
    snap, _ = registers.delete_rule(db, rid)
    assert registers.list_rules(db, cohort_id, pid) == []
    records.restore_records(db, snap, cohort_id)
    assert [r["id"] for r in registers.list_rules(db, cohort_id, pid)] == [rid]
    snap, changes = participants.delete_participant(db, pid)
    assert "rule_entries" in changes.kinds
    records.restore_records(db, snap, cohort_id)
    assert [r["id"] for r in registers.list_rules(db, cohort_id, pid)] == [rid]
