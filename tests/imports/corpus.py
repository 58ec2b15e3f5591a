"""Malformed and hostile workbooks, made by script from a good returned workbook: each with the
words its message must hold and the exit code `facilitator import xlsx … --apply` must give.

    python -m tests.imports.corpus GOOD.xlsx OUTDIR   # to look at them by hand
"""

from __future__ import annotations

import io
import sys
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from facilitator.exports.xlsx.book import BASELINE_SHEET, META_SHEET


@dataclass(frozen=True)
class Case:
    name: str
    says: str  # words the message must hold
    code: int = 2  # 2: refused outright; 1: read, but rows refused


def _rezip(good: bytes, change) -> bytes:
    """Copy the zip, letting `change(name, data)` return new bytes (or None to drop a part)."""
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
    return buf.getvalue()


def _edit(good: Path, out: Path, fn) -> None:
    wb = openpyxl.load_workbook(good)
    fn(wb)
    wb.save(out)


def _bomb(out: Path) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"<c><v>0</v></c>" * 70_000
            for _ in range(200):  # about 200 MB of sheet XML, a few hundred KB packed
                fh.write(chunk)


def _set_meta(key: str, value):
    def fn(wb):
        ws = wb[META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return fn


def build(good: Path, folder: Path, return_sheet: str, key_column: str) -> list[tuple[Path, Case]]:
    """Write the corpus beside a good organisation workbook; (file, case) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = good.read_bytes()
    cases: list[tuple[Path, Case]] = []

    def add(name: str, says: str, data: bytes | None = None, code: int = 2, fn=None) -> None:
        path = folder / f"{len(cases) + 1:02d}-{name}.xlsx"
        if fn is not None:
            fn(path)
        else:
            path.write_bytes(data)
        cases.append((path, Case(name, says, code)))

    add("empty", "is empty", b"")
    add("csv-renamed", "text file (CSV or similar) renamed", b"name,role\nAmira,Lead\n")
    add("pdf-renamed", "is a PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    add("old-xls", "old-style Excel file (.xls", ole + b"Workbook".ljust(64, b"\x00") * 4)
    add("encrypted", "protected with a password",
        ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600)
    add("random-bytes", "is not an Excel workbook", bytes(range(256)) * 8)
    add("truncated", "zip structure is broken", raw[: len(raw) // 2])
    add("empty-zip", "empty zip archive", b"PK\x05\x06" + b"\x00" * 18)
    add("plain-zip", "has no xl/workbook.xml",
        _rezip(raw, lambda n, d: None if n == "xl/workbook.xml" else d))
    add("zip-bomb", "possible zip bomb", fn=_bomb)

    def many(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as zf:
            for i in range(2_100):
                zf.writestr(f"xl/media/x{i}.bin", b"x")
    add("too-many-parts", "2,100 parts", fn=many)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>')
    add("billion-laughs", "declares a DTD or entities",
        _rezip(raw, lambda n, d: laughs if n == "xl/workbook.xml" else d))
    add("external-entity", "declares a DTD or entities", _rezip(raw, lambda n, d: (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + d[d.find(b"<styleSheet"):]) if n == "xl/styles.xml" else d))
    add("damaged-sheet-xml", "damaged", _rezip(raw, lambda n, d: d[:200] + b"<<<" + d[200:]
                                               if n == "xl/workbook.xml" else d))

    def not_ours(path: Path) -> None:
        wb = openpyxl.Workbook()
        wb.active.append(["Name", "Role"])
        wb.save(path)
    add("not-facilitator", "was not made by Facilitator", fn=not_ours)
    add("meta-edited", "metadata sheet is not Facilitator's",
        fn=lambda p: _edit(good, p, _set_meta("format", "something-else")))
    add("newer-schema", "newer version of Facilitator",
        fn=lambda p: _edit(good, p, _set_meta("schema_version", 99)))
    add("foreign-workbook-id", "was not exported from this database",
        fn=lambda p: _edit(good, p, _set_meta("workbook_id", str(uuid.uuid4()))))
    add("kind-changed", "says it is a cohort workbook, but this database exported it as an "
        "organisation workbook",
        fn=lambda p: _edit(good, p, _set_meta("kind", "cohort")))
    add("return-sheet-deleted", f"the sheet {return_sheet!r} is missing",
        fn=lambda p: _edit(good, p, lambda wb: wb.remove(wb[return_sheet])))
    add("baseline-deleted", "baseline sheet is missing",
        fn=lambda p: _edit(good, p, lambda wb: wb.remove(wb[BASELINE_SHEET])))

    def tamper_baseline(wb):
        cell = wb[BASELINE_SHEET]["B2"]
        cell.value = cell.value.replace("null", '"changed by hand"', 1)
    add("baseline-edited", "baseline sheet is damaged or was edited",
        fn=lambda p: _edit(good, p, tamper_baseline))

    def rename_header(wb):
        wb[return_sheet]["B1"] = "Rule (edited)"
    add("header-renamed", "should be headed 'The rule' but is 'Rule (edited)'",
        fn=lambda p: _edit(good, p, rename_header))

    def many_sheets(wb):
        for i in range(70):
            wb.create_sheet(f"extra {i}")
    add("too-many-sheets", "sheets; at most", fn=lambda p: _edit(good, p, many_sheets))

    def unknown_id(wb):
        wb[return_sheet][f"{key_column}3"] = str(uuid.uuid4())
    add("unknown-record-id", "was not in the workbook as exported", code=1,
        fn=lambda p: _edit(good, p, unknown_id))

    def copied_row(wb):
        ws = wb[return_sheet]
        ws[f"{key_column}4"] = ws[f"{key_column}3"].value
    add("copied-row", "is also on row 3", code=1, fn=lambda p: _edit(good, p, copied_row))

    def no_id(wb):
        ws = wb[return_sheet]
        ws.append(["Someone", "A rule typed under the table", "", "", "", "", "Don't know"])
    add("row-without-id", "has no record id", code=1, fn=lambda p: _edit(good, p, no_id))

    def bad_choice(wb):
        wb[return_sheet]["G3"] = "Sort of"
    add("bad-choice", "must be one of", code=1, fn=lambda p: _edit(good, p, bad_choice))

    def bad_phone(wb):
        wb["Our people"]["E3"] = "call reception"
    add("phone-in-words", "may hold only digits", code=1, fn=lambda p: _edit(good, p, bad_phone))

    def too_long(wb):
        wb[return_sheet]["K3"] = "x" * 2_500
    add("comment-too-long", "is too long: 2,500 characters", code=1,
        fn=lambda p: _edit(good, p, too_long))

    def spoofed_dimension(path: Path) -> None:
        def fix(n, d):
            if n.startswith("xl/worksheets/") and b"<dimension" in d:
                start = d.find(b"<dimension")
                end = d.find(b"/>", start) + 2
                return d[:start] + b'<dimension ref="A1:XFD1048576"/>' + d[end:]
            return d
        good_bad = io.BytesIO()
        wb = openpyxl.load_workbook(good)
        wb[return_sheet]["G3"] = "Sort of"
        wb.save(good_bad)
        path.write_bytes(_rezip(good_bad.getvalue(), fix))
    add("spoofed-dimension", "must be one of", code=1, fn=spoofed_dimension)
    return cases


if __name__ == "__main__":
    for path, case in build(Path(sys.argv[1]), Path(sys.argv[2]), "Rules we meet", "L"):
        print(f"{path.name}: {case.says!r} (exit {case.code})")
