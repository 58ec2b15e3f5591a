"""Cells written so that what a person typed stays text: never a formula, never cut, never
silently cleaned. A value the workbook cannot hold is refused with the record named."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from facilitator.exports.xlsx.schema import CELL_LIMIT, Column

# What openpyxl refuses (C0 controls but tab, newline, CR) and lone surrogates, which it
# writes but which leave a file Excel will not open.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5D62")
GUIDE_FONT = Font(italic=True, color="555555", size=9)
FILL_IN = PatternFill("solid", fgColor="FFF4C2")
KEY_FONT = Font(color="999999", size=8)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Border(bottom=Side(style="thin", color="BBBBBB"))
UNLOCKED = Protection(locked=False)
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")  # scores on a scale


class ExportRefused(ValueError):
    """A value cannot go into a workbook as it is; the message names the record and field."""


def check_text(text: str, where: str) -> None:
    bad = _ILLEGAL.search(text)
    if bad:
        raise ExportRefused(f"{where} holds a control character (code {ord(bad.group()):#04x}) "
                            "that a workbook cannot hold; remove it and export again.")
    if len(text) > CELL_LIMIT:
        raise ExportRefused(f"{where} is {len(text):,} characters long; a workbook cell holds "
                            f"at most {CELL_LIMIT:,}, and it will not be cut short.")


class CellMaker:
    """Turns one column's values into cells for a write-only sheet.

    Plain values go in as they are (the fastest path); text that could be read as a formula,
    dates and filled-in cells to fill go through one reusable styled cell per column, which a
    write-only sheet serialises at append time. Empty cells are not written at all: the
    columns to fill carry the unlocked, yellow style themselves (style_column)."""

    def __init__(self, ws, col: Column, top: bool = False):
        self.col = col
        self.wrap = col.type == "multiline" or col.width >= 30 or col.editable
        # numbers read at the top of a row other cells wrap onto several lines, as text does
        # (Calc does not take that from the default style)
        self.top = top or col.type in ("int", "number")
        self.styled = WriteOnlyCell(ws)
        self.styled.alignment = CENTRED if _scale(col) else WRAP
        if col.editable:
            self.styled.protection = UNLOCKED
            self.styled.fill = FILL_IN
        if col.type == "date":
            self.styled.number_format = "dd mmm yyyy"
        self.quoted = WriteOnlyCell(ws)
        self.quoted.alignment = WRAP
        self.quoted.quotePrefix = True
        if col.editable:
            self.quoted.protection = UNLOCKED
            self.quoted.fill = FILL_IN

    def make(self, value: Any, label: str):
        """The cell for `value`; `label` names the record in a refusal."""
        if value is None:
            return None  # an empty cell to fill takes its column's style: yellow, unlocked
        if type(value) is str:
            if _ILLEGAL.search(value) or len(value) > CELL_LIMIT:
                check_text(value, f"{label}, {self.col.header}")
            if value.startswith(_FORMULA_START):
                cell = self.quoted
                cell.value = value
                cell.data_type = "s"
                return cell
            if not (self.col.editable or self.wrap or self.top):
                return value
            cell = self.styled
            cell.value = value
            cell.data_type = "s"
            return cell
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date) or self.col.editable or self.top:
            cell = self.styled
            cell.value = value
            return cell
        return value


def _scale(col: Column) -> bool:
    return col.type == "int" and col.editable and col.high is not None


def header_cell(ws, text: str):
    cell = WriteOnlyCell(ws, text)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
    return cell


def guide_cell(ws, text: str, editable: bool):
    cell = WriteOnlyCell(ws, text)
    cell.font, cell.alignment, cell.border = GUIDE_FONT, WRAP, THIN
    if editable:
        cell.fill = FILL_IN
    return cell


def style_column(dim, col: Column) -> None:
    """A column to fill: every cell not written explicitly is unlocked, yellow and wrapped."""
    if col.editable:
        dim.protection = UNLOCKED
        dim.fill = FILL_IN
        dim.alignment = CENTRED if _scale(col) else WRAP
        if col.type == "date":
            dim.number_format = "dd mmm yyyy"
