"""The programme's questions to its partner organisations (how they see their people's new
role fitting their work, how they want to be involved, …), asked on the organisation
workbook's return sheet, and the answers that come back, kept per cohort and organisation.

The built-in set is resources/workbooks/organisation_questions.json. A cohort asks it until
its questions are edited; from then on the cohort keeps its own. An answer is matched to its
question by key, so it stays with a question whose wording changes; a question that has
answers cannot be removed."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from sqlalchemy import delete, func, select

from facilitator.models import Cohort, Organisation, OrganisationAnswer, OrganisationQuestion
from facilitator.resources import resource
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.fields import _has_control_chars
from facilitator.services.learning.question_set import KEY_RE, _key_from
from facilitator.services.records import get_or_fail
from facilitator.store.database import Database

KINDS = ("organisation_questions",)
MAX_QUESTIONS = 15
PROMPT_LIMIT = 300
HELP_LIMIT = 200
ANSWER_LIMIT = 4000
Question = dict[str, str]  # {key, prompt, help}


class BadQuestionFile(ValueError):
    """resources/workbooks/organisation_questions.json is missing or malformed."""


@cache
def builtin() -> tuple[Question, ...]:
    path = resource("workbooks", "organisation_questions.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(clean_questions(data["questions"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadQuestionFile(f"{path} could not be read: {exc}") from None


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


def clean_questions(questions: list[dict[str, Any]]) -> list[Question]:
    """Each question as {key, prompt, help}; ValidationError naming the question by its
    number when something is wrong. A question without a key gets one from its wording."""
    if not isinstance(questions, list) or not questions:
        raise ValidationError({"questions": "Ask the organisations at least one question."})
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError({"questions": f"At most {MAX_QUESTIONS} questions (this set has "
                                            f"{len(questions)}): keep the return sheet short."})
    taken = {str(q.get("key")) for q in questions if isinstance(q, dict) and q.get("key")}
    out: list[Question] = []
    problems: dict[str, str] = {}
    for n, q in enumerate(questions, 1):
        if not isinstance(q, dict):
            problems[f"q{n}"] = f"Question {n} is not a question."
            continue
        prompt, help_ = _one_line(q.get("prompt")), _one_line(q.get("help"))
        key = str(q.get("key") or "")
        if not key:
            key = _key_from(prompt, taken)
            taken.add(key)
        if not prompt:
            problems[f"q{n}"] = f"Question {n} has no wording."
        elif len(prompt) > PROMPT_LIMIT:
            problems[f"q{n}"] = (f"Question {n} is too long: {len(prompt)} characters, "
                                 f"the most is {PROMPT_LIMIT}.")
        elif len(help_) > HELP_LIMIT:
            problems[f"q{n}"] = (f"Question {n}: the hint is too long: {len(help_)} characters, "
                                 f"the most is {HELP_LIMIT}.")
        elif _has_control_chars(prompt) or _has_control_chars(help_):
            problems[f"q{n}"] = f"Question {n} contains control characters that cannot be stored."
        elif not KEY_RE.match(key):
            problems[f"q{n}"] = f"Question {n}: {key!r} is not a usable key."
        elif any(o["key"] == key for o in out):
            problems[f"q{n}"] = f"Question {n} has the same key as another ({key!r})."
        elif any(o["prompt"].lower() == prompt.lower() for o in out):
            problems[f"q{n}"] = f"Question {n} asks the same as another."
        else:
            out.append({"key": key, "prompt": prompt, "help": help_})
    if problems:
        raise ValidationError(problems)
    return out


def _stored(s, cohort_id: int) -> list[OrganisationQuestion]:
    return list(s.scalars(select(OrganisationQuestion)
                          .where(OrganisationQuestion.cohort_id == cohort_id)
                          .order_by(OrganisationQuestion.position, OrganisationQuestion.id)))


def questions_in(s, cohort_id: int) -> list[Question]:
    """The cohort's questions inside a session: its own, or the built-in set."""
    stored = _stored(s, cohort_id)
    if not stored:
        return [dict(q) for q in builtin()]
    return [{"key": q.key, "prompt": q.prompt, "help": q.help} for q in stored]


def get_questions(db: Database, cohort_id: int) -> dict[str, Any]:
    """{questions: [...], builtin: whether the cohort asks the built-in set, answered: {key: n}}."""
    with db.read() as s:
        get_or_fail(s, Cohort, cohort_id, "cohort")
        return {"questions": questions_in(s, cohort_id),
                "builtin": not _stored(s, cohort_id),
                "answered": _answered(s, cohort_id)}


def _answered(s, cohort_id: int) -> dict[str, int]:
    return dict(s.execute(
        select(OrganisationAnswer.question_key, func.count(OrganisationAnswer.id))
        .join(Organisation, Organisation.id == OrganisationAnswer.organisation_id)
        .where(Organisation.cohort_id == cohort_id)
        .group_by(OrganisationAnswer.question_key)).all())


def save_questions(db: Database, cohort_id: int, questions: list[dict[str, Any]] | None
                   ) -> tuple[list[Question] | None, Changes]:
    """Make `questions` (in that order) the cohort's own; None goes back to the built-in set.
    Returns what was there before (None for the built-in set), for undo. A question that
    already has answers cannot be removed."""
    cleaned = None if questions is None else clean_questions(questions)
    with db.session() as s:
        get_or_fail(s, Cohort, cohort_id, "cohort")
        stored = _stored(s, cohort_id)
        before = ([{"key": q.key, "prompt": q.prompt, "help": q.help} for q in stored]
                  if stored else None)
        now = questions_in(s, cohort_id)
        wanted = {q["key"] for q in (cleaned if cleaned is not None else builtin())}
        answered = _answered(s, cohort_id)
        problems = {q["key"]: (f"{q['prompt']!r} already has {answered[q['key']]} answer(s) "
                               "from organisations, so it cannot be removed. Change its wording "
                               "instead.")
                    for q in now if answered.get(q["key"]) and q["key"] not in wanted}
        if problems:
            raise ValidationError(problems)
        s.execute(delete(OrganisationQuestion).where(OrganisationQuestion.cohort_id == cohort_id))
        s.flush()
        s.add_all(OrganisationQuestion(cohort_id=cohort_id, key=q["key"], position=n,
                                       prompt=q["prompt"], help=q["help"])
                  for n, q in enumerate(cleaned or []))
    return before, Changes.of(*KINDS, cohort_id=cohort_id)


def check_answer(text: Any) -> str:
    """An answer as it is kept (stripped); ValidationError when it cannot be."""
    text = "" if text is None else str(text).strip()
    if len(text) > ANSWER_LIMIT:
        raise ValidationError({"answer": f"The answer is too long: {len(text):,} characters, "
                                         f"the most is {ANSWER_LIMIT:,}."})
    if _has_control_chars(text):
        raise ValidationError({"answer": "The answer contains control characters."})
    return text


def answers_in(s, organisation_id: int) -> dict[str, str]:
    return dict(s.execute(select(OrganisationAnswer.question_key, OrganisationAnswer.text)
                          .where(OrganisationAnswer.organisation_id == organisation_id)).all())


def answers(db: Database, cohort_id: int) -> list[dict[str, Any]]:
    """Each organisation of the cohort, by name, with its answers in question order
    ({key, prompt, answer}; answer "" when it has not answered)."""
    with db.read() as s:
        get_or_fail(s, Cohort, cohort_id, "cohort")
        questions = questions_in(s, cohort_id)
        out = []
        for o in s.scalars(select(Organisation).where(Organisation.cohort_id == cohort_id)
                           .order_by(Organisation.name)):
            got = answers_in(s, o.id)
            out.append({"id": o.id, "name": o.name,
                        "answers": [{"key": q["key"], "prompt": q["prompt"],
                                     "answer": got.get(q["key"], "")} for q in questions],
                        "answered": sum(1 for q in questions if got.get(q["key"]))})
        return out


def write_answer(s, organisation_id: int, key: str, text: Any) -> None:
    """Set (or, when empty, remove) one answer inside a session."""
    text = check_answer(text)
    row = s.scalar(select(OrganisationAnswer).where(
        OrganisationAnswer.organisation_id == organisation_id,
        OrganisationAnswer.question_key == key))
    if not text:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        row = OrganisationAnswer(organisation_id=organisation_id, question_key=key)
        s.add(row)
    row.text = text
