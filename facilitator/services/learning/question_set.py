"""The built-in pulse questions (resources/learning/pulse_questions.json), read once and
checked, and the checks every question set (built-in or edited per cohort) must pass."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from facilitator.models.learning import QUESTION_KINDS
from facilitator.resources import resource
from facilitator.services.errors import ValidationError
from facilitator.services.fields import _has_control_chars

MAX_QUESTIONS = 12
PROMPT_LIMIT = 300
LABEL_LIMIT = 60
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class BadQuestionFile(ValueError):
    """resources/learning/pulse_questions.json is missing or malformed."""


@cache
def builtin() -> tuple[dict[str, Any], ...]:
    path = resource("learning", "pulse_questions.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = clean_questions(data["questions"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadQuestionFile(f"{path} could not be read: {exc}") from None
    return tuple(questions)


def _key_from(prompt: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", prompt.lower())
    base = "_".join(words[:3])[:30] or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def clean_questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each question as {key, kind, prompt, low, high}; raise ValidationError naming the
    question (by its number) when something is wrong. A question without a key gets one."""
    if not isinstance(questions, list) or not questions:
        raise ValidationError({"questions": "A pulse needs at least one question."})
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError({"questions": f"A pulse has at most {MAX_QUESTIONS} questions "
                                            f"(this one has {len(questions)}); keep it short."})
    out: list[dict[str, Any]] = []
    problems: dict[str, str] = {}
    taken = {str(q.get("key")) for q in questions if isinstance(q, dict) and q.get("key")}
    for n, q in enumerate(questions, 1):
        if not isinstance(q, dict):
            problems[f"q{n}"] = f"Question {n} is not a question."
            continue
        prompt = " ".join(str(q.get("prompt") or "").split())
        kind = str(q.get("kind") or "scale")
        low = " ".join(str(q.get("low") or "").split())
        high = " ".join(str(q.get("high") or "").split())
        key = str(q.get("key") or "")
        if not key:
            key = _key_from(prompt, taken)
            taken.add(key)
        if not prompt:
            problems[f"q{n}"] = f"Question {n} has no wording."
        elif len(prompt) > PROMPT_LIMIT:
            problems[f"q{n}"] = (f"Question {n} is too long: {len(prompt)} characters, "
                                 f"the most is {PROMPT_LIMIT}.")
        elif kind not in QUESTION_KINDS:
            problems[f"q{n}"] = f"Question {n}: the kind must be one of {', '.join(QUESTION_KINDS)}."
        elif len(low) > LABEL_LIMIT or len(high) > LABEL_LIMIT:
            problems[f"q{n}"] = f"Question {n}: a scale label is longer than {LABEL_LIMIT} characters."
        elif any(_has_control_chars(t) for t in (prompt, low, high)):
            problems[f"q{n}"] = f"Question {n} contains control characters that cannot be stored."
        elif not KEY_RE.match(key):
            problems[f"q{n}"] = f"Question {n}: {key!r} is not a usable key."
        elif any(o["key"] == key for o in out):
            problems[f"q{n}"] = f"Question {n} has the same key as another ({key!r})."
        else:
            out.append({"key": key, "kind": kind, "prompt": prompt,
                        "low": low if kind == "scale" else "", "high": high if kind == "scale" else ""})
    if problems:
        raise ValidationError(problems)
    return out
