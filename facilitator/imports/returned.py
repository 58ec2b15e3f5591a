"""What a returned workbook holds, read through the same sheet declarations that wrote it:
its metadata, its baseline, and for each returnable sheet the rows' record ids and values,
every value checked as the app's forms check it. Problems are collected with sheet, row,
column and value, never raised one at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from facilitator.exports.xlsx.book import BASELINE_SHEET, FIRST_DATA_ROW, META_SHEET
from facilitator.exports.xlsx.schema import (
    KEY_HEADER,
    SCHEMA_VERSION,
    CellProblem,
    fingerprint,
    read_cell,
)
from facilitator.exports.xlsx.specs import KINDS, spec_for
from facilitator.imports.safe_reader import WorkbookRefused, open_workbook, read_bytes, sheet_rows


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str  # "C · Role" or ""
    value: Any
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}" + (f", column {self.column}" if self.column else "")
        shown = "" if self.value in (None, "") else f" ({_short(self.value)!r})"
        return f"{where}: {self.message}{shown}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


@dataclass
class ReturnedRow:
    row: int
    key: str
    label: str  # the first column's text, to name the record
    values: dict[str, Any]  # editable field -> checked value (None = empty)


@dataclass
class ReturnedWorkbook:
    name: str
    meta: dict[str, str]
    baseline: dict[str, dict[str, list[Any]]]  # sheet -> record id -> values as exported
    sheets: dict[str, list[ReturnedRow]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "")

    @property
    def workbook_id(self) -> str:
        return self.meta.get("workbook_id", "")

    @property
    def spec(self):
        """The sheets it was written with (its metadata may add some, e.g. Pulse)."""
        return spec_for(self.kind, self.meta)


def _meta(wb, name: str) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookRefused(f"{name} was not made by Facilitator (it has no metadata sheet), "
                              "so there is nothing to match its rows to.")
    meta = {}
    for _n, row in sheet_rows(wb, META_SHEET, name, 2):
        if row and isinstance(row[0], str):
            meta[row[0]] = "" if row[1] is None else str(row[1])
        if len(meta) > 50:
            break
    if meta.get("format") != "facilitator-workbook" or not meta.get("workbook_id"):
        raise WorkbookRefused(f"{name}: its metadata sheet is not Facilitator's (or was "
                              "edited), so the workbook cannot be matched.")
    try:
        version = int(float(meta.get("schema_version", "0")))
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise WorkbookRefused(f"{name} was made by a newer version of Facilitator (workbook "
                              f"schema {version}); update the app to read it.")
    if version < 1 or meta.get("kind") not in KINDS:
        raise WorkbookRefused(f"{name}: its metadata sheet does not say what kind of workbook "
                              "it is.")
    return meta


def _baseline(wb, name: str) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = {}
    if BASELINE_SHEET not in wb.sheetnames:
        raise WorkbookRefused(f"{name}: its baseline sheet is missing, so what was changed "
                              "cannot be told from what was exported.")
    for n, row in sheet_rows(wb, BASELINE_SHEET, name, 2):
        if n == 1 or row[0] is None:
            continue
        try:
            chunk = json.loads(row[1])
            if not isinstance(chunk, dict):
                raise ValueError
            records = out.setdefault(str(row[0]), {})
            for key, (fp, values) in chunk.items():
                if not isinstance(values, list) or fingerprint(values) != fp:
                    raise ValueError
                records[key] = values
        except (TypeError, ValueError):
            raise WorkbookRefused(f"{name}: its baseline sheet is damaged or was edited at row "
                                  f"{n}, so changes cannot be told apart.") from None
    return out


def read_returned(path: Path, accept=None) -> ReturnedWorkbook:
    """Read and check a returned workbook; WorkbookRefused when it cannot be read at all.
    `accept(meta)` may refuse it on its metadata, before any row is read."""
    path = Path(path)
    name = path.name
    data = read_bytes(path)
    wb = open_workbook(data, name)
    try:
        meta = _meta(wb, name)
        if accept is not None:
            accept(meta)
        book = ReturnedWorkbook(name, meta, _baseline(wb, name))
        try:
            spec = book.spec
        except ValueError as exc:
            raise WorkbookRefused(f"{name}: {exc}, so it cannot be read back.") from None
        for sheet in spec.returnable:
            if sheet.name not in wb.sheetnames:
                raise WorkbookRefused(f"{name}: the sheet {sheet.name!r} is missing (was it "
                                      "renamed or deleted?).")
            book.sheets[sheet.name] = _read_sheet(wb, sheet, spec.lists, book, name)
        return book
    finally:
        wb.close()


def _read_sheet(wb, sheet, lists, book: ReturnedWorkbook, name: str) -> list[ReturnedRow]:
    cols = sheet.columns
    width = len(cols) + 1
    edit = [(j, c) for j, c in enumerate(cols) if c.editable]
    letters = {j: f"{get_column_letter(j + 1)} · {c.header}" for j, c in edit}
    baseline = book.baseline.get(sheet.name, {})
    seen: dict[str, int] = {}
    out: list[ReturnedRow] = []
    problems = book.problems
    for n, row in sheet_rows(wb, sheet.name, name, width):
        if n == 1:
            expected = [c.header for c in cols] + [KEY_HEADER]
            found = ["" if v is None else str(v).strip() for v in row]
            found += [""] * (width - len(found))
            for j, (want, got) in enumerate(zip(expected, found, strict=True)):
                if want != got:
                    raise WorkbookRefused(
                        f"{name}: on the sheet {sheet.name!r}, column {get_column_letter(j + 1)} "
                        f"should be headed {want!r} but is {got!r}: columns must not be moved, "
                        "renamed or deleted.")
            continue
        if n < FIRST_DATA_ROW:
            continue
        if len(row) < width:
            row = tuple(row) + (None,) * (width - len(row))
        key = row[-1]
        key = "" if key is None else str(key).strip()
        if not key:
            if any(row[j] not in (None, "") for j, _c in edit):
                problems.append(Problem(sheet.name, n, "", None, "this row has no record id, so "
                                        "it cannot be matched (new rows cannot be added here)"))
            continue
        if key not in baseline:
            problems.append(Problem(sheet.name, n, get_column_letter(width), key,
                                    "this record id was not in the workbook as exported"))
            continue
        if key in seen:
            problems.append(Problem(sheet.name, n, get_column_letter(width), key,
                                    f"this record id is also on row {seen[key]} (a copied row?)"))
            continue
        seen[key] = n
        values = {}
        for j, c in edit:
            try:
                values[c.field] = read_cell(c, row[j], lists)
            except CellProblem as exc:
                problems.append(Problem(sheet.name, n, letters[j], row[j], str(exc)))
                values[c.field] = None
        label = row[0]
        if isinstance(label, int | float) and not isinstance(label, bool):
            label = f"{cols[0].header.lower()} {label:g}"  # "week 3", not "3"
        out.append(ReturnedRow(n, key, "" if label is None else str(label), values))
    return out
