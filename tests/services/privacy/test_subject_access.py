"""Subject access includes every kind of record the person has: the tables are found as
erasure finds them (the foreign keys the database file declares), the test person has a row
in each, and each is in what subject access gathers, with none of anyone else's."""

from __future__ import annotations

import json
import sqlite3

import pytest

from facilitator.services.errors import NotFound
from facilitator.services.privacy import erasure, subject_access
from facilitator.store import scrub
from tests.services.privacy import everyone_s_records as records

NOT_THEIRS = ("ben-not-theirs", "ben pulse words", "ben diary", "ben-only.pdf", "Ben's insight")
EXTRAS = {"organisations", "export_log"}  # not found by the walk: what their records point at


def tables_about_a_participant(path) -> set[str]:
    """Every table erasing a participant reaches: dependent (walked on) or linked (cut)."""
    con = sqlite3.connect(path)
    execute = scrub.sqlite_execute(con)
    found, todo = {"participants"}, ["participants"]
    try:
        while todo:
            for child, _col, _to, on_delete, nullable in scrub.references_to(execute, todo.pop()):
                if child not in found:
                    found.add(child)
                    if not (on_delete == "SET NULL" and nullable):
                        todo.append(child)
    finally:
        con.close()
    return found


def test_the_test_person_has_a_row_in_every_table_that_refers_to_a_participant(db, cohort_id):
    """A table added later that refers to participants fails here until it has a seed in
    everyone_s_records.py (and so a check below that subject access shows it)."""
    assert tables_about_a_participant(db.path) == set(records.MARK) - EXTRAS


def test_subject_access_holds_every_kind_of_record_and_nobody_else_s(db, cohort_id):
    z, _other = records.make(db, cohort_id)
    sar = subject_access.gather(db, z)
    data = sar.as_json()
    assert set(data["kinds"]) == set(records.MARK)
    for table, marker in records.MARK.items():
        kind = data["kinds"][table]
        assert kind["records"], table
        assert marker in json.dumps(kind["records"], ensure_ascii=False), table
        assert kind["label"] == subject_access.kind_label(table)
    [place] = data["kinds"]["peer_group_members"]["records"]
    assert data["referenced_records"]["peer_groups"][str(place["peer_group_id"])] == "Trio of Zq"
    text = json.dumps(data, ensure_ascii=False)
    for theirs_not in NOT_THEIRS:
        assert theirs_not not in text
    # what erasure would remove or unlink is all here
    planned = {t.split(".")[0] for t in erasure.plan_erasure(db, z).counts}
    assert planned <= set(data["kinds"])


def test_every_field_with_ids_and_the_ways_each_kind_refers_to_them(db, cohort_id):
    z, _ = records.make(db, cohort_id)
    data = subject_access.gather(db, z).as_json()
    [person] = data["kinds"]["participants"]["records"]
    assert person["id"] == z and person["given_name"] == "Zephyrine"
    assert person["consent_share_org"] is True and person["consent_share_org_date"] == "2026-09-01"
    assert {"uuid", "created_at", "updated_at", "notes", "email"} <= set(person)
    [entry] = data["kinds"]["consent_changes"]["records"]
    assert entry["consent"] == "consent_share_org" and entry["given"] is True
    assert entry["wording"] == records.MARK["consent_changes"] and entry["changed_at"]
    [logged] = data["kinds"]["export_log"]["records"]
    assert logged["kind"] == "pdf" and logged["file_name"] == "zq-pack.pdf"
    quotes = data["kinds"]["insights"]
    assert len(quotes["records"]) == 2  # the linked one and the one naming them in its words
    assert "their name in its words" in quotes["refers_to_them_by"]
    assert "insights.participant_id → participants" in quotes["refers_to_them_by"]
    assert data["participant"] == {"id": z, "name": "Zephyrine Łąkowska-Quill",
                                   "cohort": "Test cohort"}


def test_gathering_changes_nothing_and_a_missing_person_is_refused(db, cohort_id):
    z, _ = records.make(db, cohort_id)
    before = erasure.plan_erasure(db, z).counts
    subject_access.gather(db, z)
    assert erasure.plan_erasure(db, z).counts == before
    with pytest.raises(NotFound):
        subject_access.gather(db, z + 1000)


def test_what_exists_is_listed_for_a_message(db, cohort_id):
    records.make(db, cohort_id)
    assert subject_access.choices(db) == ["Test cohort"]
    assert subject_access.choices(db, "test COHORT") == ["Ben Other", "Zephyrine Łąkowska-Quill"]
    assert subject_access.choices(db, "Elsewhere") == []
