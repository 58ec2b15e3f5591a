"""Every consent change is kept, with its date and the wording the form showed."""

from __future__ import annotations

from datetime import date

from facilitator.services.cohort import participants
from facilitator.services.privacy import erasure
from facilitator.services.privacy.consent import consent_history

SHARE = "Consent to share worksheets with their organisation"


def test_create_with_consent_then_withdraw_then_undo_are_all_kept(db, cohort_id):
    pid = participants.create_participant(db, cohort_id, {
        "given_name": "Amira", "consent_share_org": True,
        "consent_share_org_date": date(2026, 9, 1)}).id
    participants.update_participant(db, pid, {"role": "Support worker"})  # no consent change
    participants.update_participant(db, pid, {"consent_share_org": False,
                                              "consent_share_org_date": None})
    participants.update_participant(db, pid, {"consent_photos": True,
                                              "consent_photos_date": date(2026, 10, 2)})
    history = consent_history(db, pid)
    assert [(h["consent"], h["given"], h["recorded_on"]) for h in history] == [
        ("consent_share_org", True, date(2026, 9, 1)),
        ("consent_share_org", False, None),
        ("consent_photos", True, date(2026, 10, 2)),
    ]
    assert history[0]["wording"] == SHARE
    assert history[2]["wording"] == "Consent to photographs"
    assert all(h["changed_at"] for h in history)


def test_new_person_without_consent_has_no_history_and_a_redate_is_kept(db, cohort_id):
    pid = participants.create_participant(db, cohort_id, {"given_name": "Ben"}).id
    assert consent_history(db, pid) == []
    participants.update_participant(db, pid, {"consent_storage": True,
                                              "consent_storage_date": date(2026, 9, 1)})
    participants.update_participant(db, pid, {"consent_storage_date": date(2026, 9, 3)})
    assert [h["recorded_on"] for h in consent_history(db, pid)] == [date(2026, 9, 1),
                                                                   date(2026, 9, 3)]


def test_a_refused_change_leaves_no_history(db, cohort_id):
    import pytest

    from facilitator.services.errors import ValidationError

    pid = participants.create_participant(db, cohort_id, {"given_name": "Cleo"}).id
    with pytest.raises(ValidationError):
        participants.update_participant(db, pid, {"consent_photos": True})  # no date
    assert consent_history(db, pid) == []


def test_delete_and_undo_keep_the_history_erasure_removes_it(db, cohort_id):
    pid = participants.create_participant(db, cohort_id, {
        "given_name": "Dev", "consent_photos": True, "consent_photos_date": date(2026, 9, 1)}).id
    snap, _ = participants.delete_participant(db, pid)
    assert consent_history(db, pid) == []
    from facilitator.services import records

    records.restore_records(db, snap, cohort_id)
    assert len(consent_history(db, pid)) == 1  # restored with them, not recorded twice
    plan = erasure.plan_erasure(db, pid)
    assert plan.counts["consent_changes"] == 1
    erasure.erase_participant(db, pid)
    assert consent_history(db, pid) == []
