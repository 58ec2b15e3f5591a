"""The demo cohort and quick ways to its records, for the workbook tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from facilitator.demo import create_demo
from facilitator.models import Organisation, Participant


def demo_cohort(db) -> int:
    return create_demo(db)[0]


def org_with_both(db, cohort_id: int) -> dict:
    """An organisation with one person who shares and one who does not."""
    with db.read() as s:
        for o in s.scalars(select(Organisation).where(Organisation.cohort_id == cohort_id)):
            people = s.scalars(select(Participant).where(Participant.organisation_id == o.id)).all()
            sharing = [p for p in people if p.consent_share_org and p.consent_share_org_date]
            others = [p for p in people if p not in sharing]
            if sharing and others:
                return {"id": o.id, "name": o.name, "sharing": [p.full_name for p in sharing],
                        "withheld": [p.full_name for p in others],
                        "sharing_ids": [p.id for p in sharing]}
    raise AssertionError("the demo has no organisation with both")


def rows(path: Path, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def edit(path: Path, out: Path, changes: dict[str, dict[str, object]]) -> None:
    """Change cells as the organisation would in a spreadsheet: {sheet: {"C3": value}}; text is
    typed as text (a spreadsheet keeps a quote-prefixed cell text when it is edited)."""
    wb = openpyxl.load_workbook(path)
    for sheet, cells in changes.items():
        for ref, value in cells.items():
            cell = wb[sheet][ref]
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    wb.save(out)


def column_of(path: Path, sheet: str, header: str) -> str:
    from openpyxl.utils import get_column_letter

    first = rows(path, sheet)[0]
    return get_column_letter(first.index(header) + 1)
