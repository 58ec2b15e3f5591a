"""Fixtures shared by the plan and agenda service tests."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.plans import events, sessions


@pytest.fixture
def event_id(db, cohort_id):
    return events.create_event(db, cohort_id, {
        "title": "Learning lab", "kind": "learning lab", "start_date": date(2026, 10, 5),
        "end_date": date(2026, 10, 5), "day_end": "17:00"}).id


@pytest.fixture
def session_id(db, event_id):
    return sessions.create_session(db, event_id, {"title": "Morning", "day": date(2026, 10, 5),
                                                  "start": "09:30"}).id
