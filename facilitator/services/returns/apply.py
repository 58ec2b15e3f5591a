"""Applying a returned workbook's accepted values: one call, one transaction. It returns what
changed and the values it replaced, so that the same call with those puts everything back
(the app's undo)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from facilitator.models import WorkbookExport
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.returns.targets import Values, targets
from facilitator.store.database import Database


@dataclass(frozen=True)
class Write:
    sheet: str
    key: str
    values: Values | None  # None: the record did not exist before (undo removes it)


@dataclass
class Applied:
    changes: Changes
    undo: list[Write] = field(default_factory=list)  # apply these to put it all back
    rows: int = 0


def apply_writes(db: Database, workbook_id: str, writes: list[Write], *,
                 count_return: bool = True) -> Applied:
    """Write every accepted value of one returned workbook, or nothing (ValidationError)."""
    kinds: set[str] = set()
    undo: list[Write] = []
    with db.session() as s:
        wx = s.scalar(select(WorkbookExport).where(WorkbookExport.uuid == workbook_id))
        if wx is None:
            raise NotFound("This workbook's export is no longer recorded in this database.")
        tgts = targets(wx.kind)
        by_sheet: dict[str, list[Write]] = {}
        for w in writes:
            by_sheet.setdefault(w.sheet, []).append(w)
        for sheet, ws in by_sheet.items():
            tgt = tgts.get(sheet)
            if tgt is None:
                raise ValidationError({"sheet": f"The sheet {sheet!r} cannot change anything."})
            before = tgt.values_now(s, wx, [w.key for w in ws])
            for w in ws:
                old = before.get(w.key)
                if old is None and not tgt.creates and w.values is not None:
                    raise NotFound(f"{sheet}: the record {w.key} is no longer in the database.")
                prior = None if old is None else {f: old[f] for f in (w.values or old)}
                try:
                    tgt.write(s, wx, w.key, w.values)
                except ValidationError as exc:
                    raise ValidationError({k: f"{sheet}, record {w.key}: {m}"
                                           for k, m in exc.problems.items()}) from None
                undo.append(Write(sheet, w.key, prior))
                kinds.add(tgt.table)
            s.flush()
        if count_return:
            wx.returns_applied += 1
        cohort_id = wx.cohort_id
    undo.reverse()
    return Applied(Changes(frozenset(kinds), cohort_id), undo, len(writes))
