"""Worksheets leave the cohort team only with the participant's recorded consent."""

from __future__ import annotations

import pytest

from facilitator.services.cohort import participants
from facilitator.services.errors import NotFound
from facilitator.services.flex import assessments, sharing
from tests.services.flex.helpers import org, person, rule


def test_only_participants_with_recorded_consent_are_gathered(db, cohort_id):
    o = org(db, cohort_id, "Riverside Housing")
    yes = person(db, cohort_id, "Amira", o, consent=True)
    no = person(db, cohort_id, "Ben", o)
    other_org = person(db, cohort_id, "Chloé", org(db, cohort_id, "Elsewhere"), consent=True)
    for pid in (yes, no, other_org):
        rule(db, cohort_id, pid, f"Rule of {pid}", "absolute")
        assessments.save_scores(db, cohort_id, pid, "skills_for_change", "start",
                                {"analysis": (3, "private note")})
    out = sharing.for_organisation(db, o)
    assert [p["name"] for p in out.people] == ["Amira"]
    assert out.withheld == 1
    assert out.people[0]["rules"][0]["rule"] == f"Rule of {yes}"
    assert out.people[0]["assessments"][("skills_for_change", "start")]["analysis"] == (3, "private note")
    text = repr(out)
    assert f"Rule of {no}" not in text and f"Rule of {other_org}" not in text


def test_consent_ticked_without_a_date_is_not_recorded_consent(db, cohort_id):
    o = org(db, cohort_id, "Riverside Housing")
    pid = person(db, cohort_id, "Amira", o)
    rule(db, cohort_id, pid, "A rule")
    # the participant service refuses a tick without a date; simulate an old row that has one
    from facilitator.models import Participant

    with db.session() as s:
        s.get(Participant, pid).consent_share_org = True
    out = sharing.for_organisation(db, o)
    assert out.people == [] and out.withheld == 1
    participants.update_participant(db, pid, {"consent_share_org_date": "2026-09-01"})
    assert [p["name"] for p in sharing.for_organisation(db, o).people] == ["Amira"]


def test_consent_withdrawn_stops_sharing(db, cohort_id):
    o = org(db, cohort_id, "Riverside Housing")
    pid = person(db, cohort_id, "Amira", o, consent=True)
    rule(db, cohort_id, pid, "A rule")
    assert len(sharing.for_organisation(db, o).people) == 1
    participants.update_participant(db, pid, {"consent_share_org": False,
                                              "consent_share_org_date": None})
    assert sharing.for_organisation(db, o).people == []
    with pytest.raises(NotFound):
        sharing.for_organisation(db, 9999)
