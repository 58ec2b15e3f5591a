"""Attendance: who came to an event, or to one session of it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Entity

ATTENDANCE_STATUSES = ("present", "late", "excused", "absent")


class Attendance(Entity):
    """One participant's mark for an event (session_id empty) or for one of its sessions.

    SQLite lets NULLs repeat in a unique constraint, so the service keeps one row per
    participant, event and session itself."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("participant_id", "event_id", "session_id"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_sessions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
