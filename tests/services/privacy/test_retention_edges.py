"""Keep-until dates at their edges: months across a year end and into a short month, the
period's limits, a hand date changed and cleared, a cohort that is gone, and today by default."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.cohort import cohorts
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.privacy import retention


@pytest.mark.parametrize(("day", "months", "until"), [
    (date(2025, 11, 15), 3, date(2026, 2, 15)),  # across the year end
    (date(2025, 12, 31), 1, date(2026, 1, 31)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),  # into a shorter month: its last day
    (date(2027, 1, 31), 13, date(2028, 2, 29)),  # a leap year's February
    (date(2025, 8, 31), 120, date(2035, 8, 31)),
])
def test_months_are_added_by_the_calendar(day, months, until):
    assert retention.add_months(day, months) == until


def test_the_period_is_1_to_120_whole_months_and_can_be_changed_again(db):
    assert retention.keep_months(db) == 12
    for months in (1, 120, 7):
        retention.set_keep_months(db, months)
        assert retention.keep_months(db) == months
    for bad in (0, 121, "6", 6.0):
        with pytest.raises(ValidationError) as err:
            retention.set_keep_months(db, bad)
        assert err.value.problems == {"months": "Keep records for 1 to 120 months after a "
                                                "programme ends."}
    assert retention.keep_months(db) == 7


def test_a_hand_date_can_be_changed_and_clearing_none_is_harmless(db):
    cid = cohorts.create_cohort(db, {"name": "North", "end_date": date(2025, 8, 31)}).id
    retention.set_keep_until(db, cid, None)  # nothing set: nothing to clear
    changes = retention.set_keep_until(db, cid, date(2030, 1, 1))
    assert changes.touches("cohort_retention") and changes.cohort_id == cid
    retention.set_keep_until(db, cid, date(2031, 6, 1))
    assert retention.retention(db) == [{"cohort_id": cid, "name": "North",
                                        "end_date": date(2025, 8, 31),
                                        "keep_until": date(2031, 6, 1), "set_by_hand": True}]
    retention.set_keep_until(db, cid, None)
    assert retention.retention(db)[0]["set_by_hand"] is False


def test_a_cohort_that_is_gone_is_said_so(db):
    with pytest.raises(NotFound) as err:
        retention.set_keep_until(db, 9999, date(2030, 1, 1))
    assert str(err.value) == "That cohort no longer exists."


def test_cohorts_are_listed_by_name_and_overdue_is_as_of_today_by_default(db):
    cohorts.create_cohort(db, {"name": "B long ago", "end_date": date(2001, 1, 1)})
    cohorts.create_cohort(db, {"name": "A far ahead", "end_date": date(2999, 1, 1)})
    assert [r["name"] for r in retention.retention(db)] == ["A far ahead", "B long ago"]
    assert [r["name"] for r in retention.overdue(db)] == ["B long ago"]
