"""Diaries are private: no workbook of any kind (cohort, pseudonymised or not, every
organisation's, every participant's, the writer's own included) carries a diary's words, even
when an insight drawn from the diary (with permission, marked shareable) quotes them."""

from __future__ import annotations

import sqlite3

from openpyxl import load_workbook

from facilitator import demo
from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.exports.xlsx.participant import export_participant
from facilitator.exports.xlsx.specs import KINDS
from facilitator.services.learning import insights


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
        rows = con.execute("SELECT id, participant_id, what_happened, how_i_felt, "
                           "what_i_noticed, what_i_will_do FROM diary_entries").fetchall()
        con.execute("UPDATE diary_entries SET may_use = 1 WHERE id = ?", (rows[0][0],))
        orgs = [r[0] for r in con.execute("SELECT id FROM organisations WHERE cohort_id = ?",
                                          (cid,))]
        people = [r[0] for r in con.execute("SELECT id FROM participants WHERE cohort_id = ?",
                                            (cid,))]
    sentences = [" ".join(t.split())[:40] for r in rows for t in r[2:] if len(t) > 25]
    assert len(sentences) >= 5
    insights.create_insight(db, cid, {"level": "individual", "title": "From a diary",
                                      "text": "In general terms", "quote": rows[0][2],
                                      "source_kind": "diary (with permission)",
                                      "diary_id": rows[0][0], "shareable": True})
    books = {("cohort", "plain"): tmp_path / "c.xlsx", ("cohort", "pseudo"): tmp_path / "cp.xlsx"}
    export_cohort(db, cid, books["cohort", "plain"])
    export_cohort(db, cid, books["cohort", "pseudo"], pseudonymise=True)
    for oid in orgs:
        books["organisation", oid] = tmp_path / f"o{oid}.xlsx"
        export_organisation(db, cid, oid, books["organisation", oid])
    writers = {r[1] for r in rows}
    for pid in people:
        books["participant", pid] = tmp_path / f"p{pid}.xlsx"
        export_participant(db, cid, pid, books["participant", pid])
    assert {kind for kind, _ in books} == set(KINDS)  # a new kind of workbook must be added here
    assert writers <= {who for kind, who in books if kind == "participant"}
    leaks = [(key, s) for key, path in books.items() for s in sentences if s in _cells(path)]
    assert leaks == []
