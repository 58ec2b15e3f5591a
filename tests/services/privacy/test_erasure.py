"""Erase this person: gone from the database, its WAL, every backup and the files kept aside;
a record that an erasure happened, holding nothing about them."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from facilitator.services.cohort import participants, peer_groups
from facilitator.services.errors import NotFound
from facilitator.services.flex import assessments, registers
from facilitator.services.plans import attendance, events
from facilitator.services.privacy import erasure
from facilitator.store import backup, checks, scrub
from facilitator.store.paths import backups_dir

SECRETS = (b"Zephyrine", b"Quillfeather", b"zq-dietary-oat-7731", b"ZQ rule: no lone visits",
           b"ZQ assessment note", b"ZQ late note", b"zephyrine@example.org")


def _everything_about(db, cohort_id) -> tuple[int, int]:
    z = participants.create_participant(db, cohort_id, {
        "given_name": "Zephyrine", "family_name": "Quillfeather", "email": "zephyrine@example.org",
        "dietary_needs": "zq-dietary-oat-7731", "consent_storage": True,
        "consent_storage_date": date(2026, 9, 1)}).id
    ben = participants.create_participant(db, cohort_id, {"given_name": "Ben", "family_name": "Kept"}).id
    registers.create_rule(db, cohort_id, z, {"rule": "ZQ rule: no lone visits", "belief": "absolute"})
    registers.create_rule(db, cohort_id, ben, {"rule": "Ben's rule stays", "belief": "unsure"})
    assessments.save_scores(db, cohort_id, z, "skills_for_change", "start",
                            {"analysis": (2, "ZQ assessment note")})
    ev = events.create_event(db, cohort_id, {"title": "Lab", "kind": "learning lab",
                                              "start_date": date(2026, 10, 5),
                                              "end_date": date(2026, 10, 5)}).id
    attendance.set_mark(db, ev, z, "late", "ZQ late note")
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Trio"}).id
    peer_groups.set_members(db, group, [z, ben])
    return z, ben


def _files_holding(folder: Path, needles) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n!r}" for n in needles if n in data]
    return found


def _people(path: Path) -> list[str]:
    with checks.reading(path) as con:
        return sorted(r[0] for r in con.execute("SELECT given_name FROM participants"))


def test_plan_counts_everything_and_changes_nothing(db, cohort_id):
    z, _ben = _everything_about(db, cohort_id)
    plan = erasure.plan_erasure(db, z)
    assert plan.name == "Zephyrine Quillfeather"
    assert plan.counts == {"participants": 1, "rule_entries": 1, "assessments": 1,
                           "assessment_scores": 1, "attendance": 1, "peer_group_members": 1,
                           "consent_changes": 1}
    assert "Rules in their register: 1" in plan.describe()
    assert participants.get_participant(db, z)["given_name"] == "Zephyrine"


def test_erased_person_is_in_no_file_of_the_folder_backups_rewritten(db, cohort_id, tmp_path):
    z, ben = _everything_about(db, cohort_id)
    first = db.backup("manual")
    second = db.backup("daily")
    replaced = db.path.with_name(db.path.name + ".replaced-20261130-120000")
    backup.copy_database(first, replaced)
    assert _files_holding(tmp_path, SECRETS)  # the test can fail: they are there before

    result = erasure.erase_participant(db, z)

    assert result.problems == []
    assert result.backups_done == 2 and result.set_aside_done == 1
    assert result.counts["participants"] == 1 and result.counts["rule_entries"] == 1
    assert result.changes.touches("participants", "rule_entries")
    db.close(backup_on_close=True)  # the close backup and checkpoint too
    assert _files_holding(tmp_path, SECRETS) == []
    for copy in (first, second, replaced):
        assert copy.exists() and checks.integrity_ok(copy)[0]
        assert _people(copy) == ["Ben"]  # everyone else is kept
        backup.check_restorable(copy)
    with checks.reading(first) as con:
        assert con.execute("SELECT rule FROM rule_entries").fetchall() == [("Ben's rule stays",)]
    assert ben


def test_erasure_record_holds_no_personal_data(db, cohort_id):
    z, _ = _everything_about(db, cohort_id)
    result = erasure.erase_participant(db, z)
    [rec] = erasure.list_erasures(db)
    assert rec["reference"] == result.reference and rec["reference"].startswith("E-")
    assert rec["records"] == sum(result.counts.values()) and rec["backups"] == "rewrite"
    with pytest.raises(NotFound):
        participants.get_participant(db, z)
    with pytest.raises(NotFound):
        erasure.erase_participant(db, z)


def test_backups_and_set_aside_files_deleted_when_chosen(db, cohort_id, tmp_path):
    z, _ = _everything_about(db, cohort_id)
    kept = db.backup("manual")
    damaged = db.path.with_name(db.path.name + ".damaged-20261130-120000")
    damaged.write_bytes(b"not a database at all, but it names Zephyrine Quillfeather")
    sidecar_wal = damaged.with_name(damaged.name + "-wal")
    sidecar_wal.write_bytes(b"Quillfeather")

    result = erasure.erase_participant(db, z, backups="delete", set_aside="delete")

    assert result.problems == [] and result.backups == "delete"
    assert not kept.exists() and not damaged.exists() and not sidecar_wal.exists()
    db.close(backup_on_close=False)
    assert _files_holding(tmp_path, SECRETS) == []


def test_a_set_aside_file_that_cannot_be_rewritten_is_named_not_lost(db, cohort_id):
    z, _ = _everything_about(db, cohort_id)
    damaged = db.path.with_name(db.path.name + ".damaged-20261130-120000")
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"Quillfeather" * 100)
    result = erasure.erase_participant(db, z)  # rewrite is the default
    assert len(result.problems) == 1 and damaged.name in result.problems[0]
    assert "delete it" in result.problems[0]
    assert damaged.exists()  # left as it was, and said so
    assert not any(p.name.startswith(".") for p in db.path.parent.iterdir()
                   if "scrub" in p.name)


def test_older_copies_lose_a_person_deleted_and_added_again(db, cohort_id, tmp_path):
    """The undoable delete then a new record: a new uuid, but the old backup has the name."""
    old = participants.create_participant(db, cohort_id, {"given_name": "Zephyrine",
                                                          "family_name": "Quillfeather"}).id
    older = db.backup("manual")
    participants.delete_participant(db, old)
    again = participants.create_participant(db, cohort_id, {"given_name": "zephyrine",
                                                            "family_name": "QUILLFEATHER"}).id
    erasure.erase_participant(db, again)
    assert _people(older) == []
    db.close(backup_on_close=False)
    assert _files_holding(tmp_path, (b"Quillfeather", b"QUILLFEATHER")) == []


def test_find_participant_by_cohort_and_name(db, cohort_id):
    z, _ = _everything_about(db, cohort_id)
    assert erasure.find_participant(db, "test COHORT", "zephyrine quillfeather") == z
    with pytest.raises(NotFound, match="no participant"):
        erasure.find_participant(db, "Test cohort", "Nobody Here")
    with pytest.raises(NotFound, match="no cohort"):
        erasure.find_participant(db, "Elsewhere", "Zephyrine Quillfeather")


def test_walk_follows_later_tables_and_cuts_quoting_links():
    """Tables the app adds later are found by their foreign keys: a diary (CASCADE) goes with
    the person; an insight quoting them (SET NULL) keeps its text, loses link and quote."""
    con = sqlite3.connect(":memory:")
    con.executescript("""
        PRAGMA foreign_keys=ON;
        CREATE TABLE participants (id INTEGER PRIMARY KEY, given_name TEXT);
        CREATE TABLE diary (id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, body TEXT);
        CREATE TABLE diary_tags (diary_id INTEGER NOT NULL REFERENCES diary(id), tag TEXT);
        CREATE TABLE insights (id INTEGER PRIMARY KEY, text TEXT, quote TEXT,
            participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL);
        INSERT INTO participants VALUES (1, 'Zed'), (2, 'Ann');
        INSERT INTO diary VALUES (10, 1, 'zed private'), (11, 2, 'ann private');
        INSERT INTO diary_tags VALUES (10, 'x'), (11, 'y');
        INSERT INTO insights VALUES (5, 'A finding', 'said by Zed', 1), (6, 'Other', 'Ann', 2);
    """)
    counts = scrub.erase_where(scrub.sqlite_execute(con), "participants", "id = ?", (1,),
                               {("insights", "participant_id"): ("quote",)})
    assert counts == {"participants": 1, "diary": 1, "diary_tags": 1,
                      "insights.participant_id": 1}
    assert con.execute("SELECT * FROM insights ORDER BY id").fetchall() == [
        (5, "A finding", "", None), (6, "Other", "Ann", 2)]
    assert con.execute("SELECT body FROM diary").fetchall() == [("ann private",)]
    assert con.execute("SELECT tag FROM diary_tags").fetchall() == [("y",)]


def test_backups_folder_is_where_the_store_keeps_them(db, cohort_id):
    z, _ = _everything_about(db, cohort_id)
    made = db.backup("manual")
    assert made.parent == backups_dir(db.path)
    assert erasure.plan_erasure(db, z).backups == [made]


def test_a_reader_holding_the_wal_is_reported_and_the_backups_still_rewritten(db, cohort_id):
    z, _ = _everything_about(db, cohort_id)
    made = db.backup("manual")
    reader = sqlite3.connect(db.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM participants").fetchone()  # holds a read snapshot
    try:
        db.empty_wal = lambda tries=50, pause_s=0.1, real=db.empty_wal: real(3, 0.01)
        result = erasure.erase_participant(db, z)
    finally:
        reader.close()
    assert any("-wal" in p and "when Facilitator closes" in p for p in result.problems)
    assert result.backups_done == 1 and b"Quillfeather" not in made.read_bytes()
    assert db.empty_wal()


def test_a_namesake_still_in_the_cohort_is_never_touched(db, cohort_id):
    """Two people called Sam Smith: erasing one leaves the other, here and in the backups."""
    one = participants.create_participant(db, cohort_id, {"given_name": "Sam", "family_name": "Smith",
                                                          "notes": "the first"}).id
    other = participants.create_participant(db, cohort_id, {"given_name": "sam",
                                                            "family_name": "SMITH",
                                                            "notes": "the second"}).id
    made = db.backup("manual")
    assert erasure.plan_erasure(db, one).counts["participants"] == 1
    erasure.erase_participant(db, one)
    assert participants.get_participant(db, other)["notes"] == "the second"
    with checks.reading(made) as con:
        assert con.execute("SELECT notes FROM participants").fetchall() == [("the second",)]


def test_learning_records_go_and_insights_lose_their_words(db, tmp_path):
    """Pulse answers, diary entries and experiments are theirs and go; an insight that came from
    them stays, without the quote and without the link (checked on the demo's learning data)."""
    from facilitator import demo

    demo.create_demo(db)
    with sqlite3.connect(db.path) as con:
        pid, quote = con.execute(
            "SELECT participant_id, quote FROM insights WHERE participant_id IS NOT NULL "
            "AND quote != '' ORDER BY id LIMIT 1").fetchone()
        diaries = con.execute("SELECT count(*) FROM diary_entries WHERE participant_id = ?",
                              (pid,)).fetchone()[0]
        answers = con.execute("SELECT count(*) FROM pulse_answers WHERE participant_id = ?",
                              (pid,)).fetchone()[0]
    assert quote and answers  # the demo gives this person words and answers to lose

    result = erasure.erase_participant(db, pid)

    assert result.problems == []
    assert result.counts.get("pulse_answers") == answers
    assert result.counts.get("diary_entries", 0) == diaries
    with sqlite3.connect(db.path) as con:
        for table in ("pulse_answers", "diary_entries", "experiments"):
            left = con.execute(f"SELECT count(*) FROM {table} WHERE participant_id = ?", (pid,))
            assert left.fetchone()[0] == 0, table
        assert con.execute("SELECT count(*) FROM insights WHERE quote = ?",
                           (quote,)).fetchone()[0] == 0
    db.close(backup_on_close=True)
    assert _files_holding(tmp_path, [quote.encode()]) == []
