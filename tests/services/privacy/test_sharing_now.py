"""Consent as it is when an export runs: who shares now (ticked and dated), and what of a
crowd group's wording an output for others may show."""

from __future__ import annotations

from datetime import date

from facilitator.models import Participant
from facilitator.services.cohort import participants
from facilitator.services.flex import crowd, registers
from facilitator.services.privacy import consent


def _person(db, cohort_id, given, share: bool) -> int:
    values = {"given_name": given, "family_name": "Test"}
    if share:
        values |= {"consent_share_org": True, "consent_share_org_date": date(2026, 9, 1)}
    return participants.create_participant(db, cohort_id, values).id


def test_sharing_now_is_read_when_asked_and_needs_a_date(db, cohort_id):
    yes = _person(db, cohort_id, "Yes", True)
    _no = _person(db, cohort_id, "No", False)
    undated = _person(db, cohort_id, "Undated", True)
    with db.session() as s:  # an older import could leave a tick without its date
        s.get(Participant, undated).consent_share_org_date = None
    assert consent.sharing_now(db, cohort_id) == {yes}
    participants.update_participant(db, yes, {"consent_share_org": False,
                                              "consent_share_org_date": None})
    assert consent.sharing_now(db, cohort_id) == set()


def test_a_group_shows_only_wording_from_people_who_share(db, cohort_id):
    yes = _person(db, cohort_id, "Yes", True)
    no = _person(db, cohort_id, "No", False)
    for pid, words, area in ((no, "No lone visits", "Visits"), (no, "No lone visits", "Visits"),
                             (yes, "No lone visits ever", "Visits")):
        registers.create_rule(db, cohort_id, pid, {"rule": words, "belief": "absolute",
                                                   "area": area})
    registers.create_rule(db, cohort_id, no, {"rule": "Keys stay in the office",
                                              "belief": "unsure", "area": "Keys"})
    view = crowd.crowd_view(db, cohort_id)
    sharing = consent.sharing_now(db, cohort_id)
    shown = {g.wording: consent.shown_wording(g, view.entries, sharing) for g in view.groups}
    assert shown["No lone visits"] == ("No lone visits ever", "Visits")  # not the majority wording
    assert shown["Keys stay in the office"] == (consent.WITHHELD, "")
    [keys] = [g for g in view.groups if g.wording == "Keys stay in the office"]
    keys.name = "Office keys (named by the team)"
    assert consent.shown_wording(keys, view.entries, sharing) == (keys.name, "")


def test_a_quote_leaves_only_from_a_sharer_and_never_from_a_diary():
    from facilitator.services.privacy.consent import shown_quote

    said = {"quote": "We asked and it was fine.", "source_kind": "learning call",
            "participant_id": 7, "diary_id": None}
    assert shown_quote(said, {7}) == "We asked and it was fine."
    assert shown_quote(said, {8}) == ""  # she does not share (now)
    assert shown_quote({**said, "participant_id": None}, set()) == "We asked and it was fine."
    assert shown_quote({**said, "diary_id": 3}, {7}) == ""
    assert shown_quote({**said, "source_kind": "diary (with permission)"}, {7}) == ""
    assert shown_quote({**said, "quote": None}, {7}) == ""
