"""The export log: each export writes an entry (when, kind, cohort, organisation, people, file
name), never the file's contents; an erased person leaves the log, the entry stays."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.cohort import organisations, participants
from facilitator.services.errors import ValidationError
from facilitator.services.library import packs
from facilitator.services.library.builtin import sync_builtin_cards
from facilitator.services.plans import calendar_export, events
from facilitator.services.privacy import erasure
from facilitator.services.privacy.export_log import list_exports, log_export


def test_log_export_keeps_the_name_not_the_path_and_the_people(db, cohort_id, tmp_path):
    org = organisations.create_organisation(db, cohort_id, {"name": "Northgate Housing"}).id
    a = participants.create_participant(db, cohort_id, {"given_name": "Amira", "family_name": "Z"}).id
    b = participants.create_participant(db, cohort_id, {"given_name": "Ben"}).id
    changes = log_export(db, "workbook", tmp_path / "secret folder" / "north.xlsx",
                         cohort_id=cohort_id, organisation_id=org, participant_ids=[b, a, a])
    assert changes.touches("export_log")
    [row] = list_exports(db)
    assert row["file_name"] == "north.xlsx" and row["kind_label"] == "Workbook"
    assert row["cohort"] == "Test cohort" and row["organisation"] == "Northgate Housing"
    assert row["people"] == ["Ben", "Amira Z"]
    assert list_exports(db, participant_id=a) == [row]
    assert list_exports(db, participant_id=participants.create_participant(
        db, cohort_id, {"given_name": "Cleo"}).id) == []


def test_unknown_kind_is_refused_and_nothing_logged(db):
    with pytest.raises(ValidationError, match="not a kind of export"):
        log_export(db, "telepathy", "x.txt")
    assert list_exports(db) == []


def test_calendar_and_tool_pack_exports_write_entries(db, cohort_id, tmp_path):
    events.create_event(db, cohort_id, {"title": "Lab", "kind": "learning lab",
                                        "start_date": date(2026, 10, 5),
                                        "end_date": date(2026, 10, 5)})
    calendar_export.write_ics(db, cohort_id, tmp_path / "cohort.ics")
    sync_builtin_cards(db)
    packs.export_pack(db, tmp_path / "pack.json", ["iceberg-model"])
    rows = list_exports(db)
    assert [(r["kind"], r["file_name"], r["cohort"]) for r in rows] == [
        ("tool pack", "pack.json", ""), ("calendar", "cohort.ics", "Test cohort")]


def test_a_failed_export_writes_no_entry(db, tmp_path):
    sync_builtin_cards(db)
    with pytest.raises(Exception, match="No card with the key"):
        packs.export_pack(db, tmp_path / "none.json", ["missing-key"])
    assert list_exports(db) == []


def test_erasure_takes_the_person_out_of_the_log_and_keeps_the_entry(db, cohort_id):
    a = participants.create_participant(db, cohort_id, {"given_name": "Amira"}).id
    b = participants.create_participant(db, cohort_id, {"given_name": "Ben"}).id
    log_export(db, "pdf", "report.pdf", cohort_id=cohort_id, participant_ids=[a, b])
    assert erasure.plan_erasure(db, a).counts["export_people"] == 1
    erasure.erase_participant(db, a)
    [row] = list_exports(db)
    assert row["people"] == ["Ben"] and row["file_name"] == "report.pdf"


def test_pdf_packs_and_card_decks_write_entries_naming_the_people(db, tmp_path):
    from facilitator import demo
    from facilitator.exports.pdf import packs as pdf_packs
    from facilitator.exports.pdf.cards import deck, geometry, selection
    from facilitator.exports.pdf.document import PackRequest
    from facilitator.services.cohort import roster

    cid, _ = demo.create_demo(db)
    event = next(e for e in events.list_events(db, cid) if e["kind"] == "residential")
    expected = sorted(p["name"] for p in roster.expected(db, cid))
    pdf_packs.export(db, pdf_packs.BY_KEY["venue"], PackRequest(cid, event["id"]),
                     tmp_path / "venue.pdf")
    layout = geometry.Layout(paper="a4", per_sheet=4)
    deck.write_deck(tmp_path / "cards.pdf", selection.all_cards(db), layout, log_to=db)
    rows = list_exports(db)
    assert [(r["kind"], r["file_name"]) for r in rows] == [("cards pdf", "cards.pdf"),
                                                          ("pdf", "venue.pdf")]
    assert sorted(rows[1]["people"]) == expected and rows[1]["cohort"]
