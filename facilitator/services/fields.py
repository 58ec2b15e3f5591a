"""Field specifications: one description of each editable field, used to validate in the
service and to build forms in the UI."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from facilitator.services.errors import ValidationError

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^[0-9+()\-. /ext]*$")
TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text | multiline | email | phone | date | choice | bool | ref
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    free_choice: bool = False  # a choice field that also takes typed text
    ref: str = ""  # for kind "ref": the kind of record referred to
    section: str = ""
    help: str = ""

    @property
    def limit(self) -> int:
        return self.max_length or TEXT_LIMIT

    def default(self) -> Any:
        if self.kind == "bool":
            return False
        if self.kind in ("date", "ref"):
            return None
        if self.kind == "choice" and self.choices and self.required:
            return self.choices[0]
        return ""


def clean(specs: tuple[FieldSpec, ...], values: dict[str, Any], *, partial: bool = False):
    """Normalise and validate `values` against `specs`; return a new dict or raise.

    With partial=True, fields absent from `values` are left out instead of defaulted."""
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for spec in specs:
        if spec.name not in values:
            if partial:
                continue
            value = spec.default()
        else:
            value = values[spec.name]
        try:
            out[spec.name] = _clean_one(spec, value)
        except ValueError as exc:
            problems[spec.name] = str(exc)
    if problems:
        raise ValidationError(problems)
    return out


def _clean_one(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "ref":
        if value in (None, "", 0):
            if spec.required:
                raise ValueError(f"{spec.label} is required.")
            return None
        if not isinstance(value, int):
            raise ValueError(f"{spec.label} must be chosen from the list.")
        return value
    if spec.kind == "date":
        if value in (None, ""):
            if spec.required:
                raise ValueError(f"{spec.label} is required.")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{spec.label} must be a date like 2026-03-14.") from None
    text = "" if value is None else str(value)
    if spec.kind != "multiline":
        text = " ".join(text.split())
    else:
        text = text.strip()
    if _has_control_chars(text):
        raise ValueError(f"{spec.label} contains control characters that cannot be stored.")
    if spec.required and not text:
        raise ValueError(f"{spec.label} is required.")
    if len(text) > spec.limit:
        raise ValueError(f"{spec.label} is too long: {len(text):,} characters, the most is {spec.limit:,}.")
    if text and spec.kind == "email" and not EMAIL_RE.match(text):
        raise ValueError(f"{spec.label} does not look like an e-mail address (name@example.org).")
    if text and spec.kind == "phone" and not PHONE_RE.match(text):
        raise ValueError(f"{spec.label} may hold only digits, spaces and + ( ) - .")
    if text and spec.kind == "choice" and not spec.free_choice and text not in spec.choices:
        raise ValueError(f"{spec.label} must be one of: {', '.join(spec.choices)}.")
    return text


def _has_control_chars(text: str) -> bool:
    return any((ord(c) < 32 and c not in "\n\t\r") or 0xD800 <= ord(c) <= 0xDFFF for c in text)
