"""Workbooks handed out and taken back: which ones this database exported (so a returned
workbook can be recognised by its id), what organisations answered about their people's rules,
and the programme's questions to organisations with their answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Entity

WORKBOOK_KINDS = ("cohort", "organisation", "participant")


class WorkbookExport(Entity):
    """One workbook written by this database. Its `uuid` is the workbook id stamped in the
    workbook's hidden metadata sheet; a returned workbook must carry one of these."""

    __tablename__ = "workbook_exports"

    kind: Mapped[str] = mapped_column(String(20))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"))
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    exported_at: Mapped[datetime] = mapped_column(DateTime)
    returns_applied: Mapped[int] = mapped_column(Integer, default=0)


class OrganisationRuleResponse(Entity):
    """An organisation's answer, from its returned workbook, about one rule its people meet."""

    __tablename__ = "organisation_rule_responses"

    rule_entry_id: Mapped[int] = mapped_column(
        ForeignKey("rule_entries.id", ondelete="CASCADE"), unique=True)
    is_ours: Mapped[str] = mapped_column(String(20), default="")
    real_source: Mapped[str] = mapped_column(String(200), default="")
    can_flex: Mapped[str] = mapped_column(String(20), default="")
    flex_holder: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")


class OrganisationQuestion(Entity):
    """One of a cohort's questions to its partner organisations (asked on the organisation
    workbook's return sheet). A cohort with none stored asks the built-in set."""

    __tablename__ = "organisation_questions"
    __table_args__ = (UniqueConstraint("cohort_id", "key"),)

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    prompt: Mapped[str] = mapped_column(String(300))
    help: Mapped[str] = mapped_column(String(200), default="")


class OrganisationAnswer(Entity):
    """An organisation's answer, from its returned workbook, to one of its cohort's questions
    (matched by the question's key, so it stays with a question whose wording changes)."""

    __tablename__ = "organisation_answers"
    __table_args__ = (UniqueConstraint("organisation_id", "question_key"),)

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    question_key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
