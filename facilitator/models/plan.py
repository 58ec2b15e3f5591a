"""Session plans: events of a cohort, the sessions on their days, and timed agenda items.

Clock times are minutes after midnight (570 = 09:30). Item start times are never stored: they
are computed from the session start and the durations (facilitator.services.plans.timing). Only a
pinned start, which the facilitator chose, is stored."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.models.base import Entity

EVENT_KINDS = ("residential", "learning lab", "field trip", "learning call", "other")
ITEM_KINDS = ("activity", "break", "meal", "energiser", "reflection", "travel")


class Event(Entity):
    __tablename__ = "events"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(30), default="residential")
    venue: Mapped[str] = mapped_column(String(160), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    day_end_minutes: Mapped[int | None] = mapped_column(Integer)  # when each day must finish
    notes: Mapped[str] = mapped_column(Text, default="")

    sessions: Mapped[list[PlanSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(PlanSession.day, PlanSession.position, PlanSession.id)",
    )


class PlanSession(Entity):
    """A session on one day of an event (called PlanSession so it is not confused with a
    database session)."""

    __tablename__ = "plan_sessions"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within its day
    start_minutes: Mapped[int | None] = mapped_column(Integer)  # None: after the previous one
    title: Mapped[str] = mapped_column(String(160))
    objectives: Mapped[str] = mapped_column(Text, default="")
    facilitator_notes: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[Event] = relationship(back_populates="sessions")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True,
        order_by="AgendaItem.position",
    )


class AgendaItem(Entity):
    """One line of a session's agenda.

    Parallel tracks: consecutive items with a `track` name run side by side, as breakout groups,
    in the slot of the untracked item just before them (the block's header). The block lasts as
    long as its longest track; a track longer than the header's planned minutes is flagged."""

    __tablename__ = "agenda_items"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("plan_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20), default="activity")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    pinned_minutes: Mapped[int | None] = mapped_column(Integer)
    nudge_minutes: Mapped[int] = mapped_column(Integer, default=0)  # live-day adjustment
    track: Mapped[str] = mapped_column(String(80), default="")
    lead: Mapped[str] = mapped_column(String(120), default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(160), default="")  # a library tool's name, typed
    tool_key: Mapped[str | None] = mapped_column(String(80))  # stable key of a library card

    session: Mapped[PlanSession] = relationship(back_populates="items")


class EventTemplate(Entity):
    """An event saved for reuse: its days, sessions and items as JSON (see services.templates)."""

    __tablename__ = "event_templates"

    name: Mapped[str] = mapped_column(String(160), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)
