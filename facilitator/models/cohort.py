"""Cohort records: the cohort, its organisations, participants, facilitators and peer groups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.models.base import Base, Entity

PARTICIPANT_STATUSES = ("active", "on hold", "withdrawn", "completed")
SECTORS = (
    "Housing",
    "Drug and alcohol",
    "Mental health",
    "Social care",
    "Local government",
    "Health",
    "Voluntary sector",
    "Other",
)
FACILITATOR_ROLES = ("Lead facilitator", "Facilitator", "Learning partner", "Coach", "Organiser")


class Cohort(Entity):
    __tablename__ = "cohorts"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    design_principles: Mapped[str] = mapped_column(Text, default="")  # one per line

    organisations: Mapped[list[Organisation]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )


class Organisation(Entity):
    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("cohort_id", "name"),)

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    sector: Mapped[str] = mapped_column(String(60), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    cohort: Mapped[Cohort] = relationship(back_populates="organisations")


class Participant(Entity):
    __tablename__ = "participants"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    given_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(80), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    access_needs: Mapped[str] = mapped_column(Text, default="")
    dietary_needs: Mapped[str] = mapped_column(Text, default="")
    consent_storage: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_storage_date: Mapped[date | None] = mapped_column(Date)
    consent_photos: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_photos_date: Mapped[date | None] = mapped_column(Date)
    consent_share_org: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share_org_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    notes: Mapped[str] = mapped_column(Text, default="")

    cohort: Mapped[Cohort] = relationship(back_populates="participants")
    organisation: Mapped[Organisation | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Facilitator(Entity):
    """A member of the cohort's team."""

    __tablename__ = "facilitators"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(60), default="Facilitator")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


peer_group_members = Table(
    "peer_group_members",
    Base.metadata,
    Column("peer_group_id", ForeignKey("peer_groups.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True,
        index=True,
    ),
)


class PeerGroup(Entity):
    """A peer-coaching group (usually three people)."""

    __tablename__ = "peer_groups"
    __table_args__ = (UniqueConstraint("cohort_id", "name"),)

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Participant]] = relationship(secondary=peer_group_members)
