"""The codes on a printed pulse form, and reading them back: the short code to type
("PF-1A2B P-7K2QX9 W3") and the QR code's text ("FAC1|form=PF-1A2B|participant=P-7K2QX9|week=3",
which a scanner types as it reads). Either, typed into "Enter answers…", names the person
and the week; the form code is optional when typing by hand."""

from __future__ import annotations

import re

from sqlalchemy import select

from facilitator.exports.pdf.parts import form_code
from facilitator.models import Participant
from facilitator.services.errors import ValidationError
from facilitator.services.learning.pulse import MAX_WEEK
from facilitator.services.privacy.pseudonyms import participant_code
from facilitator.store.database import Database

__all__ = ["participant_code", "survey_code", "typed_code", "qr_payload", "parse", "find"]

PERSON_RE = re.compile(r"\bP-?([2-9A-HJ-NP-Z]{6})\b")
WEEK_RE = re.compile(r"(?:\bW|\bweek\s*=?\s*|\bweek\s+)(\d{1,3})\b", re.IGNORECASE)
FORM_RE = re.compile(r"\bPF-([0-9A-F]{4})\b")


def survey_code(questions: list[dict]) -> str:
    """PF-xxxx: the form's name and a fingerprint of its questions and scale words."""
    return form_code("PF", *(f"{q['key']}:{q['kind']}:{q['prompt']}:{q['low']}:{q['high']}"
                             for q in questions))


def typed_code(form: str, person_code: str | None, week: int) -> str:
    return f"{form} {person_code or 'P-______'} W{week}"


def qr_payload(form: str, person_code: str | None, week: int) -> str:
    return f"FAC1|form={form}|participant={person_code or ''}|week={week}"


def parse(text: str) -> tuple[str, int, str | None]:
    """(participant code, week, form code or None) from what was typed or scanned."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError({"code": "Type the code printed at the top of the pulse form."})
    upper = raw.upper()
    person = PERSON_RE.search(upper)
    week = WEEK_RE.search(raw)
    form = FORM_RE.search(upper)
    if person is None:
        raise ValidationError({"code": f"{raw!r} has no participant code: it looks like "
                                       "P-7K2QX9, printed next to “Participant code”."})
    if week is None:
        raise ValidationError({"code": f"{raw!r} has no week: add it as W and the number, "
                                       "for example W3."})
    n = int(week.group(1))
    if not 1 <= n <= MAX_WEEK:
        raise ValidationError({"code": f"Week {n} is not a pulse week (1 to {MAX_WEEK})."})
    return f"P-{person.group(1)}", n, (f"PF-{form.group(1)}" if form else None)


def find(db: Database, cohort_id: int, text: str,
         form: str | None = None) -> tuple[int, int]:
    """(participant id, week) for the code, in this cohort. With `form` (the current form
    code), a code from a form printed with other questions is refused, saying so."""
    person, week, printed = parse(text)
    if form is not None and printed is not None and printed != form:
        raise ValidationError({"code": f"That sheet is form {printed}, printed when the pulse had "
                                       f"other questions (now {form}); copy its answers by hand "
                                       "to the questions they match."})
    with db.read() as s:
        rows = s.execute(select(Participant.id, Participant.uuid)
                         .where(Participant.cohort_id == cohort_id)).all()
    for pid, uuid in rows:
        if participant_code(uuid) == person:
            return pid, week
    raise ValidationError({"code": f"Nobody in this cohort has the participant code {person}: "
                                   "is the sheet from another cohort?"})
