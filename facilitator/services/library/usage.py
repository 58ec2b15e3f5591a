"""How often each card is used: counted from the agendas that link to it, never stored twice."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.models import AgendaItem


def usage_counts(s: Session, keys: list[str] | None = None) -> dict[str, int]:
    """Card key -> number of agenda items that use it (only keys in `keys`, when given)."""
    stmt = (
        select(AgendaItem.tool_key, func.count())
        .where(AgendaItem.tool_key.is_not(None))
        .group_by(AgendaItem.tool_key)
    )
    if keys is not None:
        stmt = stmt.where(AgendaItem.tool_key.in_(keys))
    return dict(s.execute(stmt).all())
