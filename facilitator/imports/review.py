"""The three-way compare of a returned workbook, field by field: the baseline (as exported),
the workbook (theirs) and the database now (ours).

  changed only in the workbook          -> an update
  changed only here since the export    -> kept (reported)
  changed on both sides, differently    -> a conflict: keep ours, take theirs or edit
  changed on both sides the same way,
  or not changed at all                 -> nothing

Nothing is written until `apply_review`, and it refuses while there are problems or
unresolved conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from facilitator.exports.xlsx.schema import CellProblem, normalise, read_cell
from facilitator.imports.returned import Problem, ReturnedWorkbook, read_returned
from facilitator.imports.safe_reader import WorkbookRefused
from facilitator.services.errors import ServiceError
from facilitator.services.returns import exported
from facilitator.services.returns.apply import Applied, Write, apply_writes
from facilitator.services.returns.sources import scope as cohort_scope
from facilitator.services.returns.targets import targets
from facilitator.store.database import Database

UPDATE, KEPT, CONFLICT, NEW = "update", "kept", "conflict", "new"
OURS, THEIRS, EDIT = "ours", "theirs", "edit"


@dataclass
class FieldChange:
    sheet: str
    row: int
    key: str
    label: str
    field: str
    header: str
    base: Any
    theirs: Any
    ours: Any
    status: str
    resolution: str = ""  # for conflicts: ours | theirs | edit
    edited: Any = None

    @property
    def resolved(self) -> bool:
        return self.status != CONFLICT or self.resolution in (OURS, THEIRS, EDIT)

    def value_to_write(self) -> tuple[bool, Any]:
        """(write?, value)."""
        if self.status in (UPDATE, NEW):
            return True, self.theirs
        if self.status == CONFLICT:
            if self.resolution == THEIRS:
                return True, self.theirs
            if self.resolution == EDIT:
                return True, self.edited
        return False, None


@dataclass
class Review:
    book: ReturnedWorkbook
    export: dict
    changes: list[FieldChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # block applying
    notes: list[Problem] = field(default_factory=list)  # reported, do not block

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def conflicts(self) -> list[FieldChange]:
        return [c for c in self.changes if c.status == CONFLICT]

    @property
    def unresolved(self) -> list[FieldChange]:
        return [c for c in self.changes if not c.resolved]

    @property
    def writes(self) -> list[Write]:
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for c in self.changes:
            ok, value = c.value_to_write()
            if ok:
                rows.setdefault((c.sheet, c.key), {})[c.field] = value
        return [Write(sheet, key, values) for (sheet, key), values in rows.items()]

    def resolve_all(self, resolution: str) -> None:
        for c in self.conflicts:
            c.resolution = resolution

    def edit(self, change: FieldChange, text: Any) -> None:
        """Resolve a conflict with a value typed by the user, checked as the column checks."""
        spec = self.book.spec
        col = spec.sheet(change.sheet).column(change.field)
        try:
            value = read_cell(col, text, spec.lists)
        except CellProblem as exc:
            raise ServiceError(f"{change.header}: {exc}.") from None
        change.resolution, change.edited = EDIT, normalise(value)


def _label(sheet_name: str, row_label: str, key: str) -> str:
    return row_label or f"new row ({key[:8]})"


def review_workbook(db: Database, path: Path) -> Review:
    """Read a returned workbook and compare it with its baseline and the database now.
    WorkbookRefused when the file cannot be read or does not belong to this database."""
    found: dict = {}

    def accept(meta: dict) -> None:
        name = Path(path).name
        wx = exported.find_export(db, meta["workbook_id"])
        if wx is None:
            raise WorkbookRefused(f"{name} was not exported from this database (workbook id "
                                  f"{meta['workbook_id']}): it may come from another laptop or "
                                  "have been exported before this database was restored.")
        if wx["kind"] != meta["kind"]:
            raise WorkbookRefused(f"{name} says it is a {meta['kind']} workbook, but this "
                                  f"database exported it as {_a(wx['kind'])} workbook.")
        if cohort_scope(db, wx["cohort_id"])["cohort_uuid"] != meta.get("cohort_uuid"):
            raise WorkbookRefused(f"{name}: its cohort does not match the one it was "
                                  "exported for.")
        found.update(wx)

    book = read_returned(path, accept)
    wx = found
    review = Review(book, wx, problems=list(book.problems))
    spec = book.spec
    tgts = targets(book.kind)
    for sheet in spec.returnable:
        rows = book.sheets.get(sheet.name, [])
        tgt = tgts[sheet.name]
        fields = [c.field for c in sheet.editable]
        headers = {c.field: c.header for c in sheet.editable}
        current = _current(db, tgt, wx, [r.key for r in rows])
        base_rows = book.baseline.get(sheet.name, {})
        for r in rows:
            base = dict(zip(fields, base_rows[r.key], strict=False))
            theirs = {f: normalise(r.values.get(f)) for f in fields}
            ours = current.get(r.key)
            label = _label(sheet.name, r.label, r.key)
            if ours is None:
                if any(v is not None for v in base.values()):
                    if theirs != base:
                        review.notes.append(Problem(sheet.name, r.row, "", label,
                                                    "this record was deleted here since the "
                                                    "export; its changes are not applied"))
                    continue
                if not tgt.creates:
                    review.notes.append(Problem(sheet.name, r.row, "", label,
                                                "this record is no longer in the database"))
                    continue
                if all(v is None for v in theirs.values()):
                    continue
                for f in fields:
                    if theirs[f] is not None:
                        review.changes.append(FieldChange(sheet.name, r.row, r.key, label, f,
                                                          headers[f], None, theirs[f], None, NEW))
                continue
            for f in fields:
                b, t, o = base.get(f), theirs[f], ours.get(f)
                if t == b:
                    if o != b:
                        review.changes.append(FieldChange(sheet.name, r.row, r.key, label, f,
                                                          headers[f], b, t, o, KEPT))
                elif o == b:
                    review.changes.append(FieldChange(sheet.name, r.row, r.key, label, f,
                                                      headers[f], b, t, o, UPDATE))
                elif o != t:
                    review.changes.append(FieldChange(sheet.name, r.row, r.key, label, f,
                                                      headers[f], b, t, o, CONFLICT))
    return review


def _current(db: Database, tgt, wx: dict, keys: list[str]) -> dict:
    from facilitator.models import WorkbookExport  # the target reads in the export's scope

    with db.read() as s:
        export = s.get(WorkbookExport, wx["id"])
        out = tgt.values_now(s, export, keys)
        return {k: {f: (v.isoformat() if isinstance(v, date) else v) for f, v in vals.items()}
                for k, vals in out.items()}


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


class NotReady(ServiceError):
    """The review still has problems or unresolved conflicts."""


def apply_review(db: Database, review: Review) -> Applied:
    """Write the accepted changes in one transaction; refuse while anything is unsettled."""
    if review.problems:
        raise NotReady(f"{len(review.problems)} problem(s) in the workbook must be put right "
                       "first; nothing was changed.")
    if review.unresolved:
        raise NotReady(f"{len(review.unresolved)} conflict(s) need a decision (keep ours, take "
                       "theirs or edit); nothing was changed.")
    return apply_writes(db, review.book.workbook_id, review.writes)
