"""The tool library's part of the demo: the built-in cards, with a few marked as favourites."""

from __future__ import annotations

from sqlalchemy import update

from facilitator.demo.dates import DemoCalendar
from facilitator.models import Tool
from facilitator.services.library import sync_builtin_cards
from facilitator.store.database import Database

FAVOURITES = ("check-in-rounds", "iceberg-model", "peer-coaching-trios", "rule-sort")


def add_library(db: Database, _cohort_id: int, _cal: DemoCalendar) -> None:
    sync_builtin_cards(db)
    with db.session() as s:
        s.execute(update(Tool).where(Tool.key.in_(FAVOURITES)).values(favourite=True))
