"""At start, a cohort past its keep-until date is named and its erasure offered."""

from __future__ import annotations

from datetime import date

from facilitator.services.cohort import cohorts, participants
from facilitator.services.privacy import erasure
from facilitator.ui.privacy.retention_check import ERASE_REWRITE, LATER, check_retention


def test_overdue_cohort_is_named_and_can_be_erased(qtbot, db, window, answers):
    old = cohorts.create_cohort(db, {"name": "Spring 2023", "end_date": date(2023, 6, 30)}).id
    cohorts.create_cohort(db, {"name": "Now", "end_date": date(2099, 1, 1)})
    participants.create_participant(db, old, {"given_name": "Wilhelmina"})
    window.selector.reload(old)

    answers.choice = LATER
    check_retention(window.ctx, window)
    qtbot.waitUntil(lambda: len(answers.questions) == 1, timeout=5000)
    title, text = answers.questions[0]
    assert title == "Keep-until date passed"
    assert "Spring 2023" in text and "30 Jun 2024" in text and "cannot be undone" in text
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Now", "Spring 2023"]

    answers.choice = ERASE_REWRITE
    check_retention(window.ctx, window)
    qtbot.waitUntil(lambda: any(t == "Cohort erased" for t, _ in answers.warnings), timeout=10000)
    assert [c["name"] for c in cohorts.list_cohorts(db)] == ["Now"]
    assert window.ctx.cohort_id != old
    assert len(erasure.list_erasures(db)) == 1
    assert len(answers.questions) == 2  # only the overdue one was asked about


def test_nothing_overdue_asks_nothing(qtbot, db, window, answers):
    cohorts.create_cohort(db, {"name": "Now", "end_date": date(2099, 1, 1)})
    from facilitator.services.privacy import retention

    assert retention.overdue(db) == []
    check_retention(window.ctx, window)
    qtbot.wait(300)  # the background look has reported by now
    assert answers.questions == [] and answers.warnings == []
