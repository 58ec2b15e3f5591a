"""The two self-assessments (skills for change; learning-experience profile), taken at the
start and the end: scores on the template's scale, each with a note.

Like the worksheets, they are for the cohort team: every call is scoped to one cohort."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select

from facilitator.models import Assessment, AssessmentScore, Participant
from facilitator.models.worksheets import ASSESSMENT_POINTS
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import _has_control_chars
from facilitator.services.flex.data_files import Template, template
from facilitator.store.database import Database

NOTE_LIMIT = 2000
Scores = dict[str, tuple[int | None, str]]  # item key -> (score or None, note)
KEEP: Any = object()  # save_scores(taken_on=KEEP): leave the date the assessment was taken as it is


def _participant_in(s, cohort_id: int, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None or p.cohort_id != cohort_id:
        raise NotFound("That participant is not in this cohort.")
    return p


def _check_point(point: str) -> None:
    if point not in ASSESSMENT_POINTS:
        raise ValidationError({"point": f"The point must be one of: {', '.join(ASSESSMENT_POINTS)}."})


def _find(s, participant_id: int, key: str, point: str) -> Assessment | None:
    return s.scalar(select(Assessment).where(
        Assessment.participant_id == participant_id, Assessment.template == key,
        Assessment.point == point))


def _scores_of(s, assessment: Assessment) -> Scores:
    rows = s.scalars(select(AssessmentScore).where(AssessmentScore.assessment_id == assessment.id))
    return {r.item: (r.score, r.note) for r in rows}


def get_scores(db: Database, cohort_id: int, participant_id: int, key: str, point: str) -> Scores:
    """The scores given (items not answered are absent)."""
    template(key)
    _check_point(point)
    with db.read() as s:
        _participant_in(s, cohort_id, participant_id)
        a = _find(s, participant_id, key, point)
        return _scores_of(s, a) if a else {}


def get_assessment(db: Database, cohort_id: int, participant_id: int, key: str,
                   point: str) -> tuple[Scores, date | None]:
    """(scores given, the date the assessment was taken); ({}, None) when there is none yet."""
    template(key)
    _check_point(point)
    with db.read() as s:
        _participant_in(s, cohort_id, participant_id)
        a = _find(s, participant_id, key, point)
        return (_scores_of(s, a), a.taken_on) if a else ({}, None)


def _check_date(taken_on: Any) -> None:
    if taken_on is KEEP or taken_on is None:
        return
    if not isinstance(taken_on, date):
        raise ValidationError({"taken_on": "The date taken must be a date."})
    if not 1990 <= taken_on.year <= 2200:
        raise ValidationError({"taken_on": f"{taken_on:%d %b %Y} is not a likely date for an assessment."})


def clean_scores(tpl: Template, scores: dict[str, Any]) -> Scores:
    out: Scores = {}
    problems: dict[str, str] = {}
    for item_key, (score, note) in scores.items():
        item = tpl.item(item_key)
        if item is None:
            problems[item_key] = f"{item_key!r} is not an item of {tpl.title}."
            continue
        note = str(note or "").strip()
        if score is not None and (not isinstance(score, int) or not tpl.low <= score <= tpl.high):
            problems[item_key] = f"{item.label}: the score must be a whole number from {tpl.low} to {tpl.high}."
        elif len(note) > NOTE_LIMIT:
            problems[item_key] = f"{item.label}: the note is too long ({len(note):,} characters, the most is {NOTE_LIMIT:,})."
        elif _has_control_chars(note):
            problems[item_key] = f"{item.label}: the note contains control characters that cannot be stored."
        elif score is not None or note:
            out[item_key] = (score, note)
    if problems:
        raise ValidationError(problems)
    return out


def save_scores(db: Database, cohort_id: int, participant_id: int, key: str, point: str,
                scores: dict[str, Any], taken_on: date | None = KEEP) -> tuple[Scores, Changes]:
    """Replace one assessment's scores, and the date it was taken unless that is KEEP (None
    clears it); returns the scores before (for undo) and the change. Saving no scores at all
    removes the assessment."""
    tpl = template(key)
    _check_point(point)
    _check_date(taken_on)
    cleaned = clean_scores(tpl, scores)
    with db.session() as s:
        _participant_in(s, cohort_id, participant_id)
        a = _find(s, participant_id, key, point)
        before = _scores_of(s, a) if a else {}
        if a is not None:
            s.execute(delete(AssessmentScore).where(AssessmentScore.assessment_id == a.id))
            if not cleaned:
                s.delete(a)
        if cleaned:
            if a is None:
                a = Assessment(cohort_id=cohort_id, participant_id=participant_id, template=key,
                               point=point, taken_on=None if taken_on is KEEP else taken_on)
                s.add(a)
                s.flush()
            elif taken_on is not KEEP:
                a.taken_on = taken_on
            s.add_all(AssessmentScore(assessment_id=a.id, item=item, score=score, note=note)
                      for item, (score, note) in cleaned.items())
    return before, Changes.of("assessments", "assessment_scores", cohort_id=cohort_id)


def cohort_summary(db: Database, cohort_id: int, key: str) -> dict[str, dict[str, Any]]:
    """Per item: mean score at start and at end, and how many people scored it, over the
    cohort's participants."""
    tpl = template(key)
    stmt = (select(Assessment.point, AssessmentScore.item, AssessmentScore.score)
            .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
            .where(Assessment.cohort_id == cohort_id, Assessment.template == key,
                   AssessmentScore.score.is_not(None)))
    sums: dict[tuple[str, str], list[int]] = {}
    with db.read() as s:
        for point, item, score in s.execute(stmt):
            sums.setdefault((item, point), []).append(score)
    out = {}
    for item in tpl.items:
        row: dict[str, Any] = {"label": item.label}
        for point in ASSESSMENT_POINTS:
            vals = sums.get((item.key, point), [])
            row[point] = sum(vals) / len(vals) if vals else None
            row[f"{point}_n"] = len(vals)
        out[item.key] = row
    return out
