"""A cohort's weekly pulse: when it starts, its questions (the built-in set, editable per
cohort) and the answers typed in for each participant and week.

Week 1 starts on the pulse's start date; week n is the seven days from start + 7(n-1)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from facilitator.models import Participant, PulseAnswer, PulseQuestion, PulseSurvey
from facilitator.services import snapshots
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import _has_control_chars
from facilitator.services.learning import question_set
from facilitator.store.database import Database

KINDS = ("pulse_surveys", "pulse_questions", "pulse_answers")
LOW, HIGH = 1, 5
TEXT_LIMIT = 2000
MAX_WEEK = 260  # five years of weeks
Answers = dict[str, tuple[int | None, str]]  # question key -> (score, text)


def week_of(start: date, day: date) -> int:
    """The pulse week `day` falls in (1 = the first week; 0 or less = before the start)."""
    return (day - start).days // 7 + 1


def week_start(start: date, week: int) -> date:
    return start + timedelta(days=7 * (week - 1))


def _survey(s, cohort_id: int) -> PulseSurvey | None:
    return s.scalar(select(PulseSurvey).where(PulseSurvey.cohort_id == cohort_id))


def _survey_or_fail(s, cohort_id: int) -> PulseSurvey:
    sv = _survey(s, cohort_id)
    if sv is None:
        raise NotFound("This cohort has no weekly pulse yet: start one first.")
    return sv


def _questions(s, survey_id: int) -> list[PulseQuestion]:
    return list(s.scalars(select(PulseQuestion).where(PulseQuestion.survey_id == survey_id)
                          .order_by(PulseQuestion.position, PulseQuestion.id)))


def _question_record(q: PulseQuestion) -> dict[str, Any]:
    return {"id": q.id, "key": q.key, "kind": q.kind, "prompt": q.prompt, "low": q.low_label,
            "high": q.high_label}


def get_survey(db: Database, cohort_id: int, today: date | None = None) -> dict[str, Any] | None:
    """{id, title, start_date, current_week, questions: [...]} or None when there is none."""
    with db.read() as s:
        sv = _survey(s, cohort_id)
        if sv is None:
            return None
        questions = [_question_record(q) for q in _questions(s, sv.id)]
        last = s.scalar(select(func.max(PulseAnswer.week))
                        .join(PulseQuestion, PulseQuestion.id == PulseAnswer.question_id)
                        .where(PulseQuestion.survey_id == sv.id)) or 0
        return {"id": sv.id, "title": sv.title, "start_date": sv.start_date,
                "current_week": max(1, week_of(sv.start_date, today or date.today())),
                "last_answered_week": last, "questions": questions}


def _check_start(start_date: Any) -> date:
    if not isinstance(start_date, date):
        raise ValidationError({"start_date": "Choose the day the first pulse week starts."})
    if not 1990 <= start_date.year <= 2200:
        raise ValidationError({"start_date": f"{start_date:%d %b %Y} is not a likely start date."})
    return start_date


def start_survey(db: Database, cohort_id: int, start_date: date,
                 questions: list[dict[str, Any]] | None = None) -> Result:
    """Give the cohort a weekly pulse from `start_date` with the built-in questions (or these)."""
    start_date = _check_start(start_date)
    cleaned = question_set.clean_questions(list(questions) if questions is not None
                                           else [dict(q) for q in question_set.builtin()])
    with db.session() as s:
        if _survey(s, cohort_id) is not None:
            raise ValidationError({"start_date": "This cohort already has a weekly pulse."})
        sv = PulseSurvey(cohort_id=cohort_id, start_date=start_date)
        s.add(sv)
        s.flush()
        _add_questions(s, sv.id, cleaned, 0)
        new_id = sv.id
    return Result(new_id, Changes.of(*KINDS, cohort_id=cohort_id))


def _add_questions(s, survey_id: int, questions: list[dict[str, Any]], first: int) -> None:
    s.add_all(PulseQuestion(survey_id=survey_id, key=q["key"], position=first + n, kind=q["kind"],
                            prompt=q["prompt"], low_label=q["low"], high_label=q["high"])
              for n, q in enumerate(questions))


def delete_survey(db: Database, cohort_id: int) -> tuple[snapshots.Snapshot, Changes]:
    with db.session() as s:
        sv = _survey_or_fail(s, cohort_id)
        snap = snapshots.capture(s, "pulse_surveys", sv.id)
        s.expunge(sv)
        s.execute(delete(PulseSurvey).where(PulseSurvey.id == snap.rows[0][1]["id"]))
    return snap, Changes.of(*KINDS, cohort_id=cohort_id)


def restore_survey(db: Database, snap: snapshots.Snapshot, cohort_id: int) -> Changes:
    with db.session() as s:
        snapshots.restore(s, snap)
    return Changes.of(*KINDS, cohort_id=cohort_id)


def set_start_date(db: Database, cohort_id: int, start_date: date) -> tuple[date, Changes]:
    """Move week 1; returns the old start date (for undo). Answers keep their week numbers."""
    start_date = _check_start(start_date)
    with db.session() as s:
        sv = _survey_or_fail(s, cohort_id)
        old, sv.start_date = sv.start_date, start_date
    return old, Changes.of("pulse_surveys", cohort_id=cohort_id)


def save_questions(db: Database, cohort_id: int,
                   questions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Changes]:
    """Replace the cohort's questions with `questions` (in that order); returns the questions
    before, for undo. A question is matched by its key, so its answers stay with it; a
    question that already has answers cannot be removed or change kind."""
    cleaned = question_set.clean_questions(questions)
    with db.session() as s:
        sv = _survey_or_fail(s, cohort_id)
        current = {q.key: q for q in _questions(s, sv.id)}
        before = [_question_record(q) for q in current.values()]
        answered = dict(s.execute(
            select(PulseQuestion.key, func.count(PulseAnswer.id))
            .join(PulseAnswer, PulseAnswer.question_id == PulseQuestion.id)
            .where(PulseQuestion.survey_id == sv.id).group_by(PulseQuestion.key)).all())
        wanted = {q["key"]: q for q in cleaned}
        problems = {}
        for key, q in current.items():
            n = answered.get(key, 0)
            if n and key not in wanted:
                problems[key] = (f"{q.prompt!r} already has {n} answers, so it cannot be removed. "
                                 "Change its wording instead.")
            elif n and wanted[key]["kind"] != q.kind:
                problems[key] = f"{q.prompt!r} already has {n} answers, so its kind cannot change."
        if problems:
            raise ValidationError(problems)
        for key, q in current.items():
            if key not in wanted:
                s.delete(q)
        s.flush()
        for n, data in enumerate(cleaned):
            q = current.get(data["key"])
            if q is None:
                q = PulseQuestion(survey_id=sv.id, key=data["key"])
                s.add(q)
            q.position, q.kind, q.prompt = n, data["kind"], data["prompt"]
            q.low_label, q.high_label = data["low"], data["high"]
    return before, Changes.of("pulse_questions", cohort_id=cohort_id)


def _participant_in(s, cohort_id: int, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None or p.cohort_id != cohort_id:
        raise NotFound("That participant is not in this cohort.")
    return p


def _check_week(week: Any) -> int:
    if not isinstance(week, int) or isinstance(week, bool) or not 1 <= week <= MAX_WEEK:
        raise ValidationError({"week": f"The week must be a whole number from 1 to {MAX_WEEK}."})
    return week


def get_answers(db: Database, cohort_id: int, participant_id: int, week: int) -> Answers:
    _check_week(week)
    with db.read() as s:
        _participant_in(s, cohort_id, participant_id)
        sv = _survey_or_fail(s, cohort_id)
        return _answers(s, sv.id, participant_id, week)


def _answers(s, survey_id: int, participant_id: int, week: int) -> Answers:
    rows = s.execute(select(PulseQuestion.key, PulseAnswer.score, PulseAnswer.text)
                     .join(PulseAnswer, PulseAnswer.question_id == PulseQuestion.id)
                     .where(PulseQuestion.survey_id == survey_id,
                            PulseAnswer.participant_id == participant_id, PulseAnswer.week == week))
    return {key: (score, text) for key, score, text in rows}


def clean_answers(questions: list[dict[str, Any]], answers: dict[str, Any]) -> Answers:
    by_key = {q["key"]: q for q in questions}
    out: Answers = {}
    problems: dict[str, str] = {}
    for key, (score, text) in answers.items():
        q = by_key.get(key)
        if q is None:
            problems[key] = f"{key!r} is not a question of this pulse."
            continue
        text = str(text or "").strip()
        if q["kind"] == "scale":
            if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                                      or not LOW <= score <= HIGH):
                problems[key] = f"{q['prompt']}: the answer must be a whole number from {LOW} to {HIGH}."
                continue
            text = ""
        else:
            score = None
            if len(text) > TEXT_LIMIT:
                problems[key] = (f"{q['prompt']}: the answer is too long ({len(text):,} characters, "
                                 f"the most is {TEXT_LIMIT:,}).")
                continue
            if _has_control_chars(text):
                problems[key] = f"{q['prompt']}: the answer contains control characters."
                continue
        if score is not None or text:
            out[key] = (score, text)
    if problems:
        raise ValidationError(problems)
    return out


def save_answers(db: Database, cohort_id: int, participant_id: int, week: int,
                 answers: dict[str, Any]) -> tuple[Answers, Changes]:
    """Replace one person's answers for one week; returns the answers before (for undo).
    Saving no answers removes that week's answers."""
    _check_week(week)
    with db.session() as s:
        _participant_in(s, cohort_id, participant_id)
        sv = _survey_or_fail(s, cohort_id)
        questions = _questions(s, sv.id)
        cleaned = clean_answers([_question_record(q) for q in questions], answers)
        before = _answers(s, sv.id, participant_id, week)
        ids = [q.id for q in questions]
        s.execute(delete(PulseAnswer).where(PulseAnswer.question_id.in_(ids),
                                            PulseAnswer.participant_id == participant_id,
                                            PulseAnswer.week == week))
        by_key = {q.key: q.id for q in questions}
        s.add_all(PulseAnswer(question_id=by_key[key], participant_id=participant_id, week=week,
                              score=score, text=text) for key, (score, text) in cleaned.items())
    return before, Changes.of("pulse_answers", cohort_id=cohort_id)
