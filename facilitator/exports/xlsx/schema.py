"""Sheets declared once, as data: each column's header, field, type, whether it is required,
its drop-down list and the guidance shown to whoever fills it in. The same declaration writes
the workbook and reads it back (facilitator.imports), so the two cannot drift apart."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SCHEMA_VERSION = 1
CELL_LIMIT = 32_767  # the most characters an Excel cell holds
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^[0-9+()\-. /ext]*$")
KEY_HEADER = "Record id (do not change)"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    type: str = "text"  # text | multiline | email | phone | date | int | number | choice
    required: bool = False
    list: str = ""  # name of a list on the lists sheet (drop-down)
    guidance: str = ""
    editable: bool = False  # a cell the reader fills in (unlocked, read back)
    width: float = 18
    max_length: int = 2000
    free: bool = False  # a list column that also takes typed text
    low: int | None = None  # for int columns
    high: int | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    intro: str = ""  # a line for the read-me sheet
    keyed: bool = True  # rows carry a record id (last column) and a baseline
    row_lines: int = 1  # the least lines a row is tall (room to write in an empty cell)
    align_top: bool = False  # every cell styled to read from the top (small sheets only: slower)

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.editable)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)


@dataclass
class WorkbookSpec:
    """What one kind of workbook holds: its sheets in order and its lists."""

    kind: str
    title: str
    audience: str
    how_to_fill: str
    sheets: tuple[Sheet, ...]
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    @property
    def returnable(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.keyed and s.editable)


def normalise(value: Any) -> Any:
    """A value as the baseline keeps it: text stripped, dates as ISO text, None for empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else value
    text = str(value).strip()
    return text or None


def values_json(values: list[Any]) -> str:
    """Normalised values as compact JSON (what the baseline keeps and the fingerprint hashes)."""
    return json.dumps([normalise(v) for v in values], ensure_ascii=False, separators=(",", ":"))


def fingerprint_of_json(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def fingerprint(values: list[Any]) -> str:
    """A short hash of a row's editable values as exported, to tell an untouched row at once."""
    return fingerprint_of_json(values_json(values))


class CellProblem(ValueError):
    """A value that the column does not accept; the message says why, in words."""


_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y",
                 "%Y/%m/%d")


def parse_date(text: str) -> date:
    """ISO first, then the day-first styles people type in the UK and Europe."""
    text = text.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellProblem("is not a date (write it like 14/03/2026)")


def read_cell(col: Column, value: Any, lists: dict[str, tuple[str, ...]]) -> Any:
    """A returned cell's value checked and converted as the app's forms would; CellProblem if not."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            value = None
    if value is None:
        if col.required:
            raise CellProblem("must be filled in")
        return None
    if col.type == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float):
            raise CellProblem("is a number, not a date")
        return parse_date(str(value))
    if col.type == "int":
        if isinstance(value, bool):
            raise CellProblem("must be a whole number")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            try:
                value = int(value.replace(",", ""))
            except ValueError:
                raise CellProblem("must be a whole number") from None
        if not isinstance(value, int):
            raise CellProblem("must be a whole number")
        if (col.low is not None and value < col.low) or (col.high is not None and value > col.high):
            raise CellProblem(f"must be between {col.low} and {col.high}")
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value) if not isinstance(value, datetime | date) else value.isoformat()[:10]
    if col.type != "multiline":
        text = " ".join(text.split())
    if any((ord(c) < 32 and c not in "\n\t\r") or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise CellProblem("holds control characters that cannot be stored")
    if len(text) > col.max_length:
        raise CellProblem(f"is too long: {len(text):,} characters, the most is {col.max_length:,}")
    if col.type == "email" and not EMAIL_RE.match(text):
        raise CellProblem("does not look like an e-mail address (name@example.org)")
    if col.type == "phone" and not PHONE_RE.match(text):
        raise CellProblem("may hold only digits, spaces and + ( ) - .")
    if col.type == "choice" and not col.free:
        choices = lists.get(col.list, ())
        match = next((c for c in choices if c.lower() == text.lower()), None)
        if match is None:
            raise CellProblem(f"must be one of: {', '.join(choices)}")
        text = match
    return text
