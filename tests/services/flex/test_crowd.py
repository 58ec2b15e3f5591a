"""What the crowd knows: groups across participants, counts, flags, merge and split kept."""

from __future__ import annotations

import pytest

from facilitator.services.errors import ValidationError
from facilitator.services.flex import crowd, registers
from tests.services.flex.helpers import org, person, rule

VISIT = "We can't visit a client without two staff"


@pytest.fixture
def cohort(db, cohort_id):
    housing, recovery = org(db, cohort_id, "Riverside Housing"), org(db, cohort_id, "Northgate Recovery")
    people = {n: person(db, cohort_id, n, o) for n, o in
              (("Amira", housing), ("Ben", housing), ("Chloé", recovery), ("Dafydd", recovery))}
    return cohort_id, people


def group_with(view, entry_id):
    return view.group_of(entry_id)


def test_groups_counts_by_organisation_and_flags(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], VISIT, "absolute", source_kind="Organisational policy",
             condition="Policies")
    rule(db, cid, p["Ben"], "No client visits without two staff", "absolute",
         source_kind="Law (Act of Parliament)")
    c = rule(db, cid, p["Chloé"], "Two staff needed to visit a client", "discretionary",
             condition="Practices")
    d = rule(db, cid, p["Dafydd"], "Tenancy can't start without photo ID", "absolute")
    view = crowd.crowd_view(db, cid, threshold=0.4)
    g = group_with(view, a)
    assert c in g.entry_ids and d not in g.entry_ids and g.people == 3
    assert g.beliefs["absolute"] == 2 and g.beliefs["discretionary"] == 1
    assert g.by_org["Riverside Housing"]["absolute"] == 2
    assert g.by_org["Northgate Recovery"]["discretionary"] == 1
    assert g.verdicts[crowd.UNCHECKED] == 3
    assert g.contested and not g.myth and g.flags == ["contested"]
    assert view.source_kinds == {"Organisational policy": 1, "Law (Act of Parliament)": 1}
    assert view.conditions == {"Policies": 1, "Practices": 1}
    lone = group_with(view, d)
    assert lone.flags == [] and lone.people == 1


def test_myth_when_checking_finds_an_absolute_belief_discretionary(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "Tenancy can't start without photo ID", "absolute")
    b = rule(db, cid, p["Chloé"], "A tenancy cannot start without photo ID", "absolute")
    view = crowd.crowd_view(db, cid)
    assert group_with(view, a).flags == [] and b in group_with(view, a).entry_ids
    registers.update_rule(db, b, {"verdict": "discretionary", "checked_with": "Lettings policy"})
    g = group_with(crowd.crowd_view(db, cid), a)
    assert g.myth and not g.contested and g.myths == 1
    assert g.verdicts["discretionary"] == 1 and g.verdicts[crowd.UNCHECKED] == 1


def test_merge_by_hand_survives_new_entries_and_undoes(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "No mental health assessment while drinking", "absolute")
    b = rule(db, cid, p["Chloé"], "Must be sober before the crisis team will see someone",
             "discretionary")
    view = crowd.crowd_view(db, cid)
    assert group_with(view, a) is not group_with(view, b)
    before, changes = crowd.merge(db, cid, [group_with(view, a).entry_ids,
                                            group_with(view, b).entry_ids])
    assert changes.touches("rule_groups")
    view = crowd.crowd_view(db, cid)
    assert set(group_with(view, a).entry_ids) == {a, b} and group_with(view, a).contested
    # a new entry like one of them joins the merged group; an unrelated one does not
    c = rule(db, cid, p["Ben"], "No mental health assessment while someone is drinking", "absolute")
    e = rule(db, cid, p["Dafydd"], "Tenancy can't start without photo ID", "absolute")
    view = crowd.crowd_view(db, cid)
    assert set(group_with(view, a).entry_ids) == {a, b, c}
    assert e not in group_with(view, a).entry_ids
    crowd.restore(db, before)
    view = crowd.crowd_view(db, cid)
    assert b not in group_with(view, a).entry_ids and c in group_with(view, a).entry_ids


def test_split_by_hand_survives_new_entries(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "Can't share information without written consent", "absolute")
    b = rule(db, cid, p["Chloé"], "Cannot share information without written consent", "discretionary")
    g = group_with(crowd.crowd_view(db, cid), a)
    assert set(g.entry_ids) == {a, b}
    before, _ = crowd.split(db, cid, g.entry_ids, [b])
    view = crowd.crowd_view(db, cid)
    assert group_with(view, a).entry_ids == [a] and group_with(view, b).entry_ids == [b]
    assert not group_with(view, a).contested
    # a third, identical rule joins one side but never bridges them
    c = rule(db, cid, p["Ben"], "Can't share information without written consent", "absolute")
    view = crowd.crowd_view(db, cid)
    assert group_with(view, a) is not group_with(view, b)
    assert c in group_with(view, a).entry_ids + group_with(view, b).entry_ids
    crowd.restore(db, before)
    assert set(group_with(crowd.crowd_view(db, cid), a).entry_ids) == {a, b, c}


def test_merge_and_split_refuse_nonsense(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "Rule one")
    with pytest.raises(ValidationError):
        crowd.merge(db, cid, [[a]])
    with pytest.raises(ValidationError):
        crowd.split(db, cid, [a], [a])


def test_name_and_notes_for_a_group_become_its_title_and_undo(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "Tenancy can't start without photo ID", "absolute")
    b = rule(db, cid, p["Chloé"], "A tenancy cannot start without photo ID", "discretionary")
    g = group_with(crowd.crowd_view(db, cid), a)
    assert g.manual_group is None and g.name == "" and g.title == g.wording
    before, changes = crowd.describe_group(
        db, cid, g.entry_ids, {"name": "  Photo ID\nfor tenancies ", "notes": "Ask lettings.\nThen the policy."})
    assert changes.touches("rule_groups")
    g = group_with(crowd.crowd_view(db, cid), a)
    assert (g.title, g.name, g.notes) == ("Photo ID for tenancies", "Photo ID for tenancies",
                                          "Ask lettings.\nThen the policy.")
    assert g.wording in {"Tenancy can't start without photo ID", "A tenancy cannot start without photo ID"}
    assert g.manual_group is not None and set(g.entry_ids) == {a, b}  # now kept together
    # clearing the name gives the wording back as the title; the notes stay
    crowd.describe_group(db, cid, g.entry_ids, {"name": "", "notes": "Name: the lettings manager"})
    g = group_with(crowd.crowd_view(db, cid), a)
    assert g.title == g.wording and g.name == "" and g.notes == "Name: the lettings manager"
    crowd.restore(db, before)
    g = group_with(crowd.crowd_view(db, cid), a)
    assert g.manual_group is None and g.name == "" and g.notes == ""


def test_merging_named_groups_keeps_a_name_and_all_notes(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "No mental health assessment while drinking", "absolute")
    b = rule(db, cid, p["Chloé"], "Must be sober before the crisis team will see someone")
    view = crowd.crowd_view(db, cid)
    crowd.describe_group(db, cid, group_with(view, a).entry_ids, {"name": "", "notes": "Ask the GP."})
    crowd.describe_group(db, cid, group_with(view, b).entry_ids,
                         {"name": "Sober first", "notes": "Crisis team policy."})
    view = crowd.crowd_view(db, cid)
    crowd.merge(db, cid, [group_with(view, a).entry_ids, group_with(view, b).entry_ids])
    g = group_with(crowd.crowd_view(db, cid), a)
    assert g.title == "Sober first" and set(g.entry_ids) == {a, b}
    assert "Ask the GP." in g.notes and "Crisis team policy." in g.notes


def test_naming_a_group_refuses_nonsense(db, cohort):
    cid, p = cohort
    a = rule(db, cid, p["Amira"], "Rule one")
    with pytest.raises(ValidationError, match="too long"):
        crowd.describe_group(db, cid, [a], {"name": "x" * 121, "notes": ""})
    with pytest.raises(ValidationError):
        crowd.describe_group(db, cid, [], {"name": "A name", "notes": ""})
