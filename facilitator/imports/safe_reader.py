"""Opening a workbook someone sent back, before trusting a byte of it: a regular file under a
size cap, its first bytes looked at (an old .xls, an encrypted workbook, a PDF or a text file
renamed .xlsx each get their own message), the zip's member count, sizes and compression
ratio checked (a zip bomb is refused in well under a second), no DTDs or entities in any XML
part, then openpyxl in read-only mode (which uses defusedxml when installed) with sheet and row
counts capped and spoofed dimensions ignored."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from facilitator.fileio import InputFileError, read_input_file

MAX_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 400 * 1024 * 1024
MAX_TOTAL_BYTES = 800 * 1024 * 1024
MAX_RATIO = 150  # uncompressed ÷ compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_SHEETS = 60
MAX_ROWS = 250_000
MAX_COLUMNS = 200

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


class WorkbookRefused(ValueError):
    """The file cannot be read as a returned workbook; the message says why, in words."""


def read_bytes(path: Path) -> bytes:
    try:
        return read_input_file(path, max_bytes=MAX_BYTES, what="workbook")
    except InputFileError as exc:
        raise WorkbookRefused(str(exc)) from None


def sniff(data: bytes, name: str) -> None:
    """Refuse what is not an .xlsx zip, saying what it looks like instead."""
    head = data[:8]
    if not data:
        raise WorkbookRefused(f"{name} is empty (0 bytes): it is not a workbook.")
    if head.startswith(OLE):
        if ENCRYPTED_MARK in data[:1 << 20] or ENCRYPTED_MARK in data[-(1 << 20):]:
            raise WorkbookRefused(f"{name} is protected with a password (encrypted). Open it in "
                                  "Excel or LibreOffice, remove the password to open, save it "
                                  "as .xlsx and send that.")
        raise WorkbookRefused(f"{name} is an old-style Excel file (.xls, Excel 97–2003). Open "
                              "it and save it as an Excel Workbook (.xlsx), then read that in.")
    if head.startswith(b"%PDF"):
        raise WorkbookRefused(f"{name} is a PDF, not a workbook: it was probably printed or "
                              "exported. Please send the .xlsx file itself.")
    if head.startswith(b"PK\x05\x06"):
        raise WorkbookRefused(f"{name} is an empty zip archive, not a workbook.")
    if not head.startswith(b"PK\x03\x04"):
        sample = data[:4096]
        try:
            sample.decode("utf-8")
            is_text = b"\x00" not in sample
        except UnicodeDecodeError:
            is_text = False
        if is_text:
            raise WorkbookRefused(f"{name} is a text file (CSV or similar) renamed to .xlsx, "
                                  "not a workbook: the returned .xlsx is needed.")
        raise WorkbookRefused(f"{name} is not an Excel workbook (.xlsx): its content is "
                              "something else.")


def check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookRefused(f"{name} is damaged: it starts like a workbook but its zip "
                              "structure is broken (was it cut short in sending?).") from None
    if len(infos) > MAX_MEMBERS:
        raise WorkbookRefused(f"{name} holds {len(infos):,} parts; a workbook from Facilitator "
                              f"has a few dozen (at most {MAX_MEMBERS:,} are read).")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookRefused(f"{name} has encrypted parts ({info.filename}); save it "
                                  "without a password and send it again.")
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise WorkbookRefused(f"{name} would unpack to more than "
                                  f"{MAX_TOTAL_BYTES // (1024 * 1024):,} MB ({info.filename} "
                                  "alone is too big): refused as a possible zip bomb.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WorkbookRefused(f"{name}: the part {info.filename} is compressed "
                                  f"{info.file_size // max(info.compress_size, 1):,} to 1, far "
                                  "more than any real workbook: refused as a possible zip bomb.")
    names = {i.filename for i in infos}
    for needed in ("[Content_Types].xml", "xl/workbook.xml"):
        if needed not in names:
            raise WorkbookRefused(f"{name} is a zip archive but not an Excel workbook "
                                  f"(it has no {needed}).")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    prolog = fh.read(4096)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                raise WorkbookRefused(f"{name} is damaged: the part {info.filename} cannot be "
                                      "unpacked.") from None
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise WorkbookRefused(f"{name}: the part {info.filename} declares a DTD or "
                                      "entities, which no workbook needs: refused as unsafe.")
    return zf


def open_workbook(data: bytes, name: str):
    """An openpyxl read-only workbook on checked bytes."""
    sniff(data, name)
    check_zip(data, name).close()
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise WorkbookRefused(f"{name} is damaged and cannot be opened as a workbook "
                              f"({type(exc).__name__}).") from None
    if len(wb.sheetnames) > MAX_SHEETS:
        wb.close()
        raise WorkbookRefused(f"{name} has {len(wb.sheetnames)} sheets; at most {MAX_SHEETS} "
                              "are read.")
    return wb


def sheet_rows(wb, sheet: str, name: str, width: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, first `width` values) for every row of a sheet, capped; the sheet's own
    claim about its size is ignored."""
    ws = wb[sheet]
    ws.reset_dimensions()
    width = min(width, MAX_COLUMNS)
    n = 0
    try:
        for n, row in enumerate(ws.iter_rows(max_col=width, values_only=True), start=1):
            if n > MAX_ROWS:
                raise WorkbookRefused(f"{name}: the sheet {sheet!r} has more than {MAX_ROWS:,} "
                                      "rows; at most that many are read.")
            yield n, row
    except WorkbookRefused:
        raise
    except Exception as exc:
        raise WorkbookRefused(f"{name}: the sheet {sheet!r} is damaged near row {n + 1} "
                              f"({type(exc).__name__}).") from None
