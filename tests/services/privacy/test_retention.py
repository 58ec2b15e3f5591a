"""Keep-until dates: the programme's end plus a period the user sets, or a date by hand; a
cohort past it can be erased everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.cohort import cohorts, participants
from facilitator.services.errors import ValidationError
from facilitator.services.privacy import erasure, retention


def test_default_is_end_plus_twelve_months_and_the_period_can_be_set(db):
    cid = cohorts.create_cohort(db, {"name": "North", "start_date": date(2025, 1, 10),
                                     "end_date": date(2025, 8, 31)}).id
    cohorts.create_cohort(db, {"name": "Open-ended"})
    rows = {r["name"]: r for r in retention.retention(db)}
    assert rows["North"]["keep_until"] == date(2026, 8, 31)
    assert rows["Open-ended"]["keep_until"] is None
    assert retention.set_keep_months(db, 6).touches("privacy_settings")
    assert retention.keep_months(db) == 6
    assert {r["name"]: r["keep_until"] for r in retention.retention(db)}["North"] == date(2026, 2, 28)
    with pytest.raises(ValidationError, match="1 to 120 months"):
        retention.set_keep_months(db, 0)
    assert retention.keep_months(db) == 6
    retention.set_keep_until(db, cid, date(2030, 1, 1))
    [north] = [r for r in retention.retention(db) if r["name"] == "North"]
    assert north["keep_until"] == date(2030, 1, 1) and north["set_by_hand"]
    retention.set_keep_until(db, cid, None)
    assert [r["keep_until"] for r in retention.retention(db) if r["name"] == "North"] == [
        date(2026, 2, 28)]


def test_overdue_lists_only_cohorts_past_their_date(db):
    cohorts.create_cohort(db, {"name": "Old", "end_date": date(2024, 3, 1)})
    cohorts.create_cohort(db, {"name": "Current", "end_date": date(2026, 11, 1)})
    assert [r["name"] for r in retention.overdue(db, today=date(2026, 12, 1))] == ["Old"]
    assert retention.overdue(db, today=date(2025, 3, 1)) == []  # the day itself is kept


def test_erasing_an_overdue_cohort_reaches_the_backups(db, tmp_path):
    cid = cohorts.create_cohort(db, {"name": "Old cohort Xq", "end_date": date(2024, 3, 1)}).id
    keep = cohorts.create_cohort(db, {"name": "Kept"}).id
    participants.create_participant(db, cid, {"given_name": "Wilhelmina", "family_name": "Oddsock"})
    participants.create_participant(db, keep, {"given_name": "Ben"})
    made = db.backup("manual")
    assert erasure.plan_cohort_erasure(db, cid) == {"cohorts": 1, "participants": 1}
    result = erasure.erase_cohort(db, cid)
    assert result.problems == [] and result.backups_done == 1
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Kept"]
    db.close(backup_on_close=True)
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert b"Oddsock" not in p.read_bytes() and b"Old cohort Xq" not in p.read_bytes(), p
    assert made.exists()
