"""Learning between events: the weekly pulse, notes of learning calls, small experiments,
reflective diaries, insights at four levels, and "what we will do differently" notes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.models.base import Entity

QUESTION_KINDS = ("scale", "text")
EXPERIMENT_OUTCOMES = ("not tried yet", "the rule flexed", "partly", "did not flex", "not tried")
INSIGHT_LEVELS = ("individual", "organisation", "services", "systems")
INSIGHT_SOURCES = ("learning call", "session", "field trip", "experiment", "rule",
                   "diary (with permission)", "other")


class PulseSurvey(Entity):
    """A cohort's weekly pulse: week 1 starts on `start_date`."""

    __tablename__ = "pulse_surveys"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), unique=True, index=True)
    start_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(120), default="Weekly pulse")


class PulseQuestion(Entity):
    """One question of a cohort's pulse: a 1–5 scale or a free-text prompt."""

    __tablename__ = "pulse_questions"
    __table_args__ = (UniqueConstraint("survey_id", "key"),)

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_surveys.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    prompt: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10), default="scale")
    low_label: Mapped[str] = mapped_column(String(60), default="")
    high_label: Mapped[str] = mapped_column(String(60), default="")


class PulseAnswer(Entity):
    """One participant's answer to one question in one week (a score or a text)."""

    __tablename__ = "pulse_answers"
    __table_args__ = (UniqueConstraint("question_id", "participant_id", "week"),
                      Index("ix_pulse_answers_trend", "question_id", "week", "score"))

    question_id: Mapped[int] = mapped_column(  # indexed first in ix_pulse_answers_trend
        ForeignKey("pulse_questions.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    week: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")


class CallNote(Entity):
    """The notes of one learning call (an event of kind "learning call")."""

    __tablename__ = "call_notes"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), unique=True, index=True)
    prompts: Mapped[str] = mapped_column(Text, default="")
    came_up: Mapped[str] = mapped_column(Text, default="")


class Experiment(Entity):
    """A participant's small experiment, optionally testing a rule from their register."""

    __tablename__ = "experiments"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("rule_entries.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    planned_on: Mapped[date | None] = mapped_column(Date)
    what_happened: Mapped[str] = mapped_column(Text, default="")
    learnt: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(30), default="not tried yet")


class DiaryEntry(Entity):
    """A reflective entry. Private: it leaves the team only in that person's own export, and
    is a source for an insight only when `may_use` (the person's permission) is set."""

    __tablename__ = "diary_entries"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[date | None] = mapped_column(Date)
    what_happened: Mapped[str] = mapped_column(Text, default="")
    how_i_felt: Mapped[str] = mapped_column(Text, default="")
    what_i_noticed: Mapped[str] = mapped_column(Text, default="")
    what_i_will_do: Mapped[str] = mapped_column(Text, default="")
    may_use: Mapped[bool] = mapped_column(Boolean, default=False)


class Insight(Entity):
    """Something learnt, at one of four levels, with where it came from."""

    __tablename__ = "insights"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(20), default="individual")
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(String(500), default="")  # comma separated
    quote: Mapped[str] = mapped_column(Text, default="")
    source_kind: Mapped[str] = mapped_column(String(40), default="other")
    noted_on: Mapped[date | None] = mapped_column(Date)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True,
        info={"erase_with_link": ["quote"]})  # their words go with them
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("rule_entries.id", ondelete="SET NULL"), index=True,
        info={"erase_with_link": ["quote"]})  # their words go with them
    experiment_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiments.id", ondelete="SET NULL"), index=True,
        info={"erase_with_link": ["quote"]})  # their words go with them
    diary_id: Mapped[int | None] = mapped_column(
        ForeignKey("diary_entries.id", ondelete="SET NULL"), index=True,
        info={"erase_with_link": ["quote"]})  # their words go with them
    shareable: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("insights.id", ondelete="SET NULL"), index=True)


class LookingBackNote(Entity):
    """A "what we will do differently next time" note, by theme."""

    __tablename__ = "looking_back_notes"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    carried_from: Mapped[str] = mapped_column(String(120), default="")  # a checklist item's cohort
    done: Mapped[bool] = mapped_column(Boolean, default=False)
