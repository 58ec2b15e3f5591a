"""Finding the flex: each participant's rules register, hand-made rule groups, and the two
self-assessments (skills for change, learning-experience profile)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Entity

BELIEFS = ("unsure", "absolute", "discretionary")
VERDICTS = ("absolute", "discretionary", "unclear")
ASSESSMENT_POINTS = ("start", "end")


class RuleGroup(Entity):
    """A group of rules made by hand (merge or split). Entries pinned to a group stay in it
    however the automatic grouping of the rest turns out."""

    __tablename__ = "rule_groups"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RuleEntry(Entity):
    """One rule a participant meets: what they believe about it, what checking found, and
    where the flex might be."""

    __tablename__ = "rule_entries"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("rule_groups.id", ondelete="SET NULL"), index=True
    )
    rule: Mapped[str] = mapped_column(String(500))
    area: Mapped[str] = mapped_column(String(120), default="")
    belief: Mapped[str] = mapped_column(String(20), default="unsure")
    source_kind: Mapped[str] = mapped_column(String(120), default="")
    believed_source: Mapped[str] = mapped_column(Text, default="")
    checked_with: Mapped[str] = mapped_column(String(200), default="")
    checked_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(20), default="")
    flex_holder: Mapped[str] = mapped_column(String(200), default="")
    condition: Mapped[str] = mapped_column(String(120), default="")
    experiment: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(40), default="")


class Assessment(Entity):
    """One participant's answers to one template at one point (start or end)."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("participant_id", "template", "point"),)

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    template: Mapped[str] = mapped_column(String(60))
    point: Mapped[str] = mapped_column(String(20))
    taken_on: Mapped[date | None] = mapped_column(Date)


class AssessmentScore(Entity):
    __tablename__ = "assessment_scores"
    __table_args__ = (UniqueConstraint("assessment_id", "item"),)

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    item: Mapped[str] = mapped_column(String(60))
    score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
