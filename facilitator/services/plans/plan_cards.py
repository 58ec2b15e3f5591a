"""The method cards an event's agenda items use, by key (read only), for printed run sheets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from facilitator.models import AgendaItem, PlanSession, Tool
from facilitator.services.library.tools import card_of
from facilitator.store.database import Database


def cards_for_event(db: Database, event_id: int) -> dict[str, dict[str, Any]]:
    with db.read() as s:
        keys = select(AgendaItem.tool_key).join(PlanSession).where(
            PlanSession.event_id == event_id, AgendaItem.tool_key.is_not(None))
        return {t.key: card_of(t) for t in s.scalars(select(Tool).where(Tool.key.in_(keys)))}
