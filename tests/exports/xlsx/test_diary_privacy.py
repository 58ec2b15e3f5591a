"""Diaries are private: no workbook (cohort, organisation, participant) carries a diary's words."""

from __future__ import annotations

import sqlite3

from openpyxl import load_workbook

from facilitator import demo
from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import export_participant


def _cells(path) -> str:
    wb = load_workbook(path, read_only=True)
    try:
        return " ".join(" ".join(str(v).split()) for ws in wb.worksheets
                        for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    finally:
        wb.close()


def test_no_workbook_carries_a_diary_entry(db, tmp_path):
    cid, _ = demo.create_demo(db)
    with sqlite3.connect(db.path) as con:
        rows = con.execute("SELECT participant_id, what_happened, how_i_felt, what_i_noticed, "
                           "what_i_will_do FROM diary_entries").fetchall()
        writer_org = con.execute("SELECT organisation_id FROM participants WHERE id = ?",
                                 (rows[0][0],)).fetchone()[0]
    sentences = [" ".join(t.split())[:40] for r in rows for t in r[1:] if len(t) > 25]
    assert len(sentences) >= 5
    books = {"cohort": tmp_path / "c.xlsx", "organisation": tmp_path / "o.xlsx",
             "participant": tmp_path / "p.xlsx"}
    export_cohort(db, cid, books["cohort"])
    export_organisation(db, cid, writer_org, books["organisation"])
    export_participant(db, cid, rows[0][0], books["participant"])
    leaks = [(kind, s) for kind, path in books.items() for s in sentences if s in _cells(path)]
    assert leaks == []
