"""Records about personal data itself: that an erasure happened (never whom), consent as it
changed over time, and every file that left the app."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Base, Entity, utcnow


class Erasure(Entity):
    """That someone was erased: when, a reference to quote, and how many records went.
    It holds no personal data (no name, no uuid of the person, no cohort link)."""

    __tablename__ = "erasures"

    reference: Mapped[str] = mapped_column(String(40), unique=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    records: Mapped[int] = mapped_column(Integer, default=0)
    backups: Mapped[str] = mapped_column(String(20), default="rewrite")  # or "delete"
    set_aside: Mapped[str] = mapped_column(String(20), default="rewrite")  # .damaged-/.replaced-


class ConsentChange(Entity):
    """One change to one of a participant's consents, with the wording the form showed."""

    __tablename__ = "consent_changes"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    consent: Mapped[str] = mapped_column(String(40))  # e.g. "consent_share_org"
    given: Mapped[bool] = mapped_column(Boolean)
    recorded_on: Mapped[date | None] = mapped_column(Date)
    wording: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExportRecord(Entity):
    """A file that left the app: when, what kind, for which cohort and organisation, and the
    file's name. Never its contents. The people in it are in export_people."""

    __tablename__ = "export_log"

    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(255))
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )


export_people = Table(
    "export_people",
    Base.metadata,
    Column("export_id", ForeignKey("export_log.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class CohortRetention(Base):
    """A keep-until date set by hand for one cohort (otherwise: its end + the set period)."""

    __tablename__ = "cohort_retention"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"),
                                           primary_key=True)
    keep_until: Mapped[date] = mapped_column(Date)


class PrivacySetting(Base):
    """Database-wide privacy settings by name (e.g. how many months to keep a cohort)."""

    __tablename__ = "privacy_settings"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
