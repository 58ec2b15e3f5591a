"""Small builders for the worksheet tests."""

from __future__ import annotations

from datetime import date

from facilitator.services.cohort import organisations, participants
from facilitator.services.flex import registers


def org(db, cohort_id, name):
    return organisations.create_organisation(db, cohort_id, {"name": name}).id


def person(db, cohort_id, name, org_id=None, *, consent=False, dated=True):
    values = {"given_name": name, "organisation_id": org_id}
    if consent:
        values["consent_share_org"] = True
        values["consent_share_org_date"] = date(2026, 9, 1) if dated else None
    return participants.create_participant(db, cohort_id, values).id


def rule(db, cohort_id, pid, text, belief="unsure", verdict="", **more):
    values = {"rule": text, "belief": belief, "verdict": verdict, **more}
    if verdict and "checked_with" not in more:
        values["checked_with"] = "Team manager"
    return registers.create_rule(db, cohort_id, pid, values).id
