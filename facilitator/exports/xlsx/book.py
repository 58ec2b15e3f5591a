"""Writing one workbook from its WorkbookSpec, in openpyxl's write-only mode (memory does not
grow with rows): a read-me sheet first, then the data sheets, a hidden lists sheet whose
ranges are named for the drop-downs, and a very hidden metadata sheet with the workbook id,
kind, scope, schema version and export time, plus a baseline sheet with each row's record id,
a fingerprint and its editable values as exported. Every sheet is protected (no password):
only the yellow cells can be typed in. Saved atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from facilitator.exports.xlsx import cells
from facilitator.exports.xlsx.schema import (
    KEY_HEADER,
    SCHEMA_VERSION,
    Sheet,
    WorkbookSpec,
    fingerprint_of_json,
    normalise,
    values_json,
)
from facilitator.fileio import TEMP_PREFIX, TEMP_SUFFIX, _default_mode, fsync_folder

META_SHEET = "_meta"
BASELINE_SHEET = "_baseline"
LISTS_SHEET = "_lists"
README_SHEET = "Read me"
FIRST_DATA_ROW = 3  # row 1 headers, row 2 guidance
PROGRESS_EVERY = 2000


class Cancelled(Exception):
    """The person pressed Cancel; nothing was written."""


@dataclass
class Progress:
    """Reports rows written and asks whether to stop (both optional)."""

    report: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None
    total: int = 0
    done: int = 0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done % PROGRESS_EVERY == 0:
            self.check()

    def check(self) -> None:
        if self.cancelled and self.cancelled():
            raise Cancelled()
        if self.report:
            self.report(self.done, max(self.total, self.done))


@dataclass
class Scope:
    """What the metadata sheet says the workbook is."""

    workbook_id: str
    kind: str
    cohort_uuid: str
    cohort_name: str
    organisation_uuid: str = ""
    participant_uuid: str = ""
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))
    extra: dict[str, str] = field(default_factory=dict)  # more metadata (e.g. a sheet's columns)


@dataclass
class SheetRows:
    """A sheet's rows: (values in column order, record id or "", a label naming the record)."""

    sheet: Sheet
    rows: Iterable[tuple[list[Any], str, str]]
    count: int = 0  # rows expected, for progress
    blank_rows: int = 0  # extra rows to fill in (drop-downs and unlocked cells reach them)


class Baseline:
    """The very hidden baseline sheet: each record's editable values as exported, with a
    fingerprint, as JSON objects {record id: [fingerprint, [values]]} packed a few hundred
    records to a cell (one row per record would cost more than the data sheet itself)."""

    CHUNK_CHARS = 24_000  # well under a cell's 32,767

    def __init__(self, ws):
        self.ws = ws
        ws.sheet_state = "veryHidden"
        ws.append(["sheet", "records (JSON: id -> [fingerprint, values])"])
        self.sheet = ""
        self.parts: list[str] = []
        self.size = 0

    def add(self, sheet: str, key: str, values: list) -> None:
        if sheet != self.sheet:
            self.flush()
            self.sheet = sheet
        vj = values_json(values)
        part = f'{json.dumps(key)}:["{fingerprint_of_json(vj)}",{vj}]'
        self.parts.append(part)
        self.size += len(part) + 1
        if self.size > self.CHUNK_CHARS:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            cell = WriteOnlyCell(self.ws, "{" + ",".join(self.parts) + "}")
            cell.data_type = "s"
            self.ws.append([self.sheet, cell])
        self.parts, self.size = [], 0


def _lists_sheet(wb: Workbook, lists: dict[str, tuple[str, ...]]) -> dict[str, str]:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    names = sorted(lists)
    ws.append(names)
    longest = max((len(lists[n]) for n in names), default=0)
    for i in range(longest):
        ws.append([lists[n][i] if i < len(lists[n]) else None for n in names])
    refs = {}
    for j, name in enumerate(names, start=1):
        letter = get_column_letter(j)
        ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(lists[name]) + 1}"
        defined = f"list_{name}"
        wb.defined_names[defined] = DefinedName(defined, attr_text=ref)
        refs[name] = defined
    ws.protection.sheet = True
    return refs


def _readme(wb: Workbook, spec: WorkbookSpec, scope: Scope, subject: str) -> None:
    ws = wb.create_sheet(README_SHEET)
    ws.column_dimensions["A"].width = 100
    ws.sheet_view.showGridLines = False
    _fit_to_width(ws)
    title = WriteOnlyCell(ws, spec.title)
    title.font = Font(bold=True, size=16, color="2F5D62")
    ws.append([title])
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(text: str, bold: bool = False) -> None:
        # one row per printed line: row heights are not known in write-only mode, so a long
        # wrapped paragraph would be cut to the height of one or two lines
        for part in textwrap.wrap(text, 105) or [""]:
            cell = WriteOnlyCell(ws, part)
            cell.alignment = wrap
            if bold:
                cell.font = Font(bold=True)
            ws.append([cell])

    line(f"{subject} · cohort {scope.cohort_name} · exported {scope.exported_at:%d %b %Y %H:%M} UTC")
    line("")
    line("Who it is for", bold=True)
    line(spec.audience)
    line("")
    line("What to fill in", bold=True)
    line(spec.how_to_fill)
    line("")
    line("What is in it", bold=True)
    for sheet in spec.sheets:
        line(f"• {sheet.name}: {sheet.intro}")
    line("")
    line("Please keep", bold=True)
    line("Do not rename or delete sheets, columns or the grey record ids at the end of each row: "
         "they are how your answers find their way back. Cells other than the yellow ones are "
         "locked against accidents (Review → Unprotect sheet, no password, if you really must).")
    ws.protection.sheet = True


FIT_WIDTH = 330  # total column width that still reads when shrunk to an A4 landscape page


def _fit_to_width(ws, width: float = 0) -> None:
    """Printed (or turned into a PDF): landscape, as wide as the page (when that leaves the
    text readable), as many pages down as it takes."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    if width > FIT_WIDTH:
        return
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _meta(wb: Workbook, scope: Scope) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    for key, value in (
        ("format", "facilitator-workbook"), ("workbook_id", scope.workbook_id),
        ("kind", scope.kind), ("schema_version", SCHEMA_VERSION),
        ("cohort_uuid", scope.cohort_uuid), ("organisation_uuid", scope.organisation_uuid),
        ("participant_uuid", scope.participant_uuid),
        ("exported_at", scope.exported_at.isoformat(timespec="seconds")),
        *scope.extra.items(),
    ):
        if isinstance(value, str):
            cells.check_text(value, f"The metadata {key!r}")
            value = WriteOnlyCell(ws, value)
            value.data_type = "s"  # never read as a formula
        ws.append([key, value])
    ws.protection.sheet = True


def makers_wrap(col) -> bool:
    """Columns whose text wraps (and so may need a taller row)."""
    if col.type in ("int", "number", "date"):
        return False
    return col.type == "multiline" or col.width >= 30 or col.editable


def _lines(texts, widths, per_unit: float = 1.1, most: int = 12) -> int:
    """About how many lines the longest of these wrapped texts takes in its column."""
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        if isinstance(text, str) and text:
            per_line = max(int(width * per_unit), 4)
            n = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, n)
    return min(lines, most)


def _data_sheet(wb: Workbook, data: SheetRows, refs: dict[str, str], baseline, progress: Progress):
    sheet = data.sheet
    ws = wb.create_sheet(sheet.name)
    columns = list(sheet.columns)
    for j, col in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(j)]
        dim.width = col.width
        cells.style_column(dim, col)
    if sheet.keyed:
        ws.column_dimensions[get_column_letter(len(columns) + 1)].width = 34
    _fit_to_width(ws, sum(c.width for c in columns) + (34 if sheet.keyed else 0))
    ws.print_title_rows = f"1:{FIRST_DATA_ROW - 1}"
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    headers = [cells.header_cell(ws, c.header) for c in columns]
    guides = [cells.guide_cell(ws, c.guidance or ("fill in" if c.editable else ""), c.editable)
              for c in columns]
    if sheet.keyed:
        headers.append(cells.header_cell(ws, KEY_HEADER))
        guides.append(cells.guide_cell(ws, "", False))
    ws.row_dimensions[1].height = 15 * _lines([c.header for c in columns],
                                              [c.width for c in columns], 0.85)  # bold
    ws.row_dimensions[2].height = 13 * _lines([c.guidance for c in columns],
                                              [c.width for c in columns], 1.3)
    ws.append(headers)
    ws.append(guides)
    wrapped = [(j, c.width) for j, c in enumerate(columns) if makers_wrap(c)]
    makers = [cells.CellMaker(ws, c, sheet.align_top) for c in columns]
    edit_idx = [j for j, c in enumerate(columns) if c.editable]
    key_cell = WriteOnlyCell(ws)
    key_cell.font = cells.KEY_FONT
    key_cell.alignment = Alignment(vertical="top")
    n = 0
    for values, key, label in data.rows:
        if wrapped:  # row heights are not computed by every program: give the lines room
            lines = max(_lines([values[j] for j, _w in wrapped], [w for _j, w in wrapped]),
                        sheet.row_lines)
            if lines > 1:
                ws.row_dimensions[FIRST_DATA_ROW + n].height = 15 * lines
        where = f"{label} ({sheet.name})"
        row = [None if v is None else m.make(v, where) for m, v in zip(makers, values, strict=True)]
        if sheet.keyed:
            key_cell.value = key
            row.append(key_cell)
            if edit_idx and baseline is not None:
                baseline.add(sheet.name, key, [normalise(values[j]) for j in edit_idx])
        ws.append(row)
        n += 1
        progress.step()
    if baseline is not None:
        baseline.flush()
    for _ in range(data.blank_rows):
        ws.append([m.make(None, sheet.name) for m in makers])
        n += 1
    last = FIRST_DATA_ROW + max(n, 1) - 1
    for j, col in enumerate(columns, start=1):
        if col.editable and col.list:
            dv = DataValidation(type="list", formula1=refs[col.list], allow_blank=True,
                                showErrorMessage=not col.free, errorStyle="stop")
            dv.error = f"Choose {col.header.lower()} from the list."
            dv.prompt = col.guidance or "Choose from the list"
            dv.showInputMessage = True
            letter = get_column_letter(j)
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
            ws.data_validations.append(dv)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.formatRows = False
    ws.protection.autoFilter = False


def write_workbook(path: Path, spec: WorkbookSpec, scope: Scope, subject: str,
                   sheets: list[SheetRows], progress: Progress | None = None) -> None:
    """Build the workbook and replace `path` with it in one step (temp file, fsync, replace).
    ExportRefused or Cancelled leave nothing behind."""
    progress = progress or Progress()
    progress.total = sum(s.count for s in sheets)
    wb = Workbook(write_only=True)
    # Plain cells (most of them, written without a style of their own for speed) read best
    # aligned to the top of rows that other cells wrap onto several lines.
    wb._alignments[0] = Alignment(vertical="top")
    try:
        _build(wb, spec, scope, subject, sheets, progress)
    except BaseException:
        _discard(wb)
        raise
    _save_atomically(wb, Path(path))
    if progress.report:
        progress.report(progress.total, progress.total)


def _discard(wb: Workbook) -> None:
    """Close and remove the sheets' temp files of a workbook that will not be saved."""
    for ws in wb._sheets:
        with contextlib.suppress(Exception):
            ws.close()
        out = getattr(getattr(ws, "_writer", None), "out", None)
        if out:
            Path(out).unlink(missing_ok=True)


def _build(wb: Workbook, spec: WorkbookSpec, scope: Scope, subject: str,
           sheets: list[SheetRows], progress: Progress) -> None:
    _readme(wb, spec, scope, subject)
    baseline_ws = None
    if any(s.sheet.keyed and s.sheet.editable for s in sheets):
        baseline_ws = Baseline(wb.create_sheet(BASELINE_SHEET))
    refs = _lists_sheet(wb, spec.lists) if spec.lists else {}
    for data in sheets:
        _data_sheet(wb, data, refs, baseline_ws, progress)
    if baseline_ws is not None:
        baseline_ws.ws.protection.sheet = True
    _meta(wb, scope)
    progress.check()


def _save_atomically(wb: Workbook, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX,
                               dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
