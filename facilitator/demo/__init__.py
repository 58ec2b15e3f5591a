"""Demo and scale data. Each area adds its part to the demo cohort in STEPS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from facilitator.demo import cohort_demo, flex_demo, learning_demo, library_demo, plan_demo
from facilitator.demo.dates import DemoCalendar, calendar
from facilitator.services.changes import Changes
from facilitator.store.database import Database

# Each step takes (db, cohort_id, calendar) and fills in its own area of the demo cohort.
# The library goes first, so the plan can point at its cards.
STEPS: list[Callable[[Database, int, DemoCalendar], None]] = [
    library_demo.add_library, plan_demo.build, flex_demo.fill, learning_demo.fill,
]


def create_demo(db: Database, today: date | None = None) -> tuple[int, Changes]:
    """Create the demo cohort (once: a second call returns the existing one), its dates
    placed around `today` (see demo/dates.py)."""
    cal = calendar(today)
    cohort_id, created = cohort_demo.build(db, cal)
    if created:
        for step in STEPS:
            step(db, cohort_id, cal)
    return cohort_id, Changes(frozenset({"cohorts", "*"}), cohort_id)


def create_scale_data(db: Database, participants: int, cohorts: int, seed: int = 1) -> list[int]:
    return cohort_demo.build_scale(db, participants, cohorts, seed)
