"""A cohort with people, a pulse started on a Monday, and a learning call."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.cohort import participants
from facilitator.services.learning import pulse
from facilitator.services.plans import events

START = date(2026, 9, 7)


@pytest.fixture
def people(db, cohort_id) -> list[int]:
    return [participants.create_participant(db, cohort_id, {"given_name": n}).id
            for n in ("Amira", "Ben", "Chloé", "Dafydd", "Ewa")]


@pytest.fixture
def survey(db, cohort_id) -> dict:
    pulse.start_survey(db, cohort_id, START)
    return pulse.get_survey(db, cohort_id, today=START)


@pytest.fixture
def call_id(db, cohort_id) -> int:
    return events.create_event(db, cohort_id, {
        "title": "Learning call 1", "kind": "learning call", "start_date": date(2026, 9, 28),
        "end_date": date(2026, 9, 28)}).id
