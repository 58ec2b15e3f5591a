"""Field specifications: one description of each editable field, used to validate in the
service and to build forms in the UI."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from facilitator.services.errors import ValidationError

EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")  # patterns are always used with fullmatch
PHONE_RE = re.compile(r"[0-9+()\-. /ext]*")
TEXT_LIMIT = 20_000
# Characters that change how text looks without being seen: bidirectional embeddings,
# overrides and isolates (a name that reads backwards), zero-width spaces and joiners that
# are not letters' business, the byte-order mark. ZWJ/ZWNJ (U+200C/D) stay allowed: scripts
# such as Persian and Hindi and emoji sequences need them.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                      "\u061c\u200e\u200f\u180e")


def name_key(text: str) -> str:
    """How two names are compared: NFC-normalised, case-folded, spaces collapsed, so
    "ÉQUIPE NORD" meets "Équipe Nord" and the composed and decomposed "Café" are one name."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def text_problem(text: str, *, multiline: bool = False) -> str:
    """"" if `text` may be stored, else what is wrong with it in words (without the field's
    name, which the caller puts first)."""
    for ch in text:
        code = ord(ch)
        if multiline and ch in "\n\t\r":
            continue
        if code < 32 or 0x7F <= code <= 0x9F:
            return f"contains control characters (U+{code:04X}) that cannot be stored"
        if 0xD800 <= code <= 0xDFFF:
            return "contains a broken character (a lone surrogate) that cannot be stored"
        if ch in INVISIBLE:
            return (f"contains an invisible formatting character (U+{code:04X}, "
                    f"{unicodedata.name(ch, 'unnamed').lower()}) that could disguise the text")
    return ""


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
        if value is None or value == "" or (type(value) is int and value == 0):
            if spec.required:
                raise ValueError(f"{spec.label} is required.")
            return None
        if type(value) is not int:  # True and 1.0 are not record ids
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
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    if spec.kind != "multiline":
        text = " ".join(text.split())
    else:
        text = text.strip()
    problem = text_problem(text, multiline=spec.kind == "multiline")
    if problem:
        raise ValueError(f"{spec.label} {problem}.")
    if spec.required and not text:
        raise ValueError(f"{spec.label} is required.")
    if len(text) > spec.limit:
        raise ValueError(f"{spec.label} is too long: {len(text):,} characters, the most is {spec.limit:,}.")
    if text and spec.kind == "email" and not EMAIL_RE.fullmatch(text):
        raise ValueError(f"{spec.label} does not look like an e-mail address (name@example.org).")
    if text and spec.kind == "phone" and not PHONE_RE.fullmatch(text):
        raise ValueError(f"{spec.label} may hold only digits, spaces and + ( ) - .")
    if text and spec.kind == "choice" and not spec.free_choice and text not in spec.choices:
        raise ValueError(f"{spec.label} must be one of: {', '.join(spec.choices)}.")
    return text


def _has_control_chars(text: str) -> bool:
    """True if `text` holds anything text_problem refuses (line breaks and tabs allowed)."""
    return bool(text_problem(text, multiline=True))
