"""`facilitator erase --cohort C --participant P --yes`: refuses without --yes, saying what
it would erase; with it, the person is in no file of the folder."""

from __future__ import annotations

import hashlib

from facilitator.cli import main
from facilitator.services.cohort import cohorts, participants
from facilitator.services.flex import registers
from facilitator.store import backup, checks
from facilitator.store.database import open_database


def _setup(path):
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    z = participants.create_participant(db, cid, {"given_name": "Zephyrine",
                                                  "family_name": "Quillfeather"}).id
    participants.create_participant(db, cid, {"given_name": "Ben", "family_name": "Kept"})
    registers.create_rule(db, cid, z, {"rule": "Zq rule text 55", "belief": "unsure"})
    made = db.backup("manual")
    db.close(backup_on_close=False)
    return made


def _digests(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(".lock")}


def test_without_yes_it_refuses_and_says_what_it_would_erase(tmp_path, capsys):
    path = tmp_path / "e.sqlite"
    _setup(path)
    before = _digests(tmp_path)
    code = main(["--db", str(path), "erase", "--cohort", "North", "--participant",
                 "Zephyrine Quillfeather"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Erasing Zephyrine Quillfeather from North would remove:" in out
    assert "Rules in their register: 1" in out and "Backups in which they may appear: 1" in out
    assert err.strip().startswith("facilitator: nothing was erased") and len(err.splitlines()) == 1
    after = _digests(tmp_path)
    assert {p: d for p, d in after.items() if p in before} == before


def test_with_yes_the_person_is_in_no_file(tmp_path, capsys):
    path = tmp_path / "e.sqlite"
    made = _setup(path)
    code = main(["--db", str(path), "erase", "--cohort", "North", "--participant",
                 "zephyrine quillfeather", "--yes"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "reference E-" in out and "Backups rewritten: " in out
    for p in tmp_path.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert b"Quillfeather" not in data and b"Zq rule text 55" not in data, p
    assert checks.integrity_ok(made)[0]
    assert backup.count_people(made)[1] == 1  # Ben stays


def test_unknown_person_or_cohort_is_one_line_and_nonzero(tmp_path, capsys):
    path = tmp_path / "e.sqlite"
    _setup(path)
    assert main(["--db", str(path), "erase", "--cohort", "North", "--participant", "No One",
                 "--yes"]) == 2
    err = capsys.readouterr().err
    assert "no participant called 'No One' in North" in err and len(err.splitlines()) == 1
    assert main(["--db", str(path), "erase", "--cohort", "South", "--participant", "No One"]) == 2
    assert "no cohort called 'South'" in capsys.readouterr().err


def test_deleting_backups_is_an_explicit_choice(tmp_path, capsys):
    path = tmp_path / "e.sqlite"
    made = _setup(path)
    assert main(["--db", str(path), "erase", "--cohort", "North", "--participant",
                 "Zephyrine Quillfeather", "--yes", "--delete-backups"]) == 0
    assert "Backups deleted: " in capsys.readouterr().out
    assert not made.exists()


def test_retention_lists_sets_and_refuses_bad_dates(tmp_path, capsys):
    from datetime import date

    path = tmp_path / "r.sqlite"
    db = open_database(path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "Old", "end_date": date(2020, 1, 31)})
    db.close(backup_on_close=False)
    assert main(["--db", str(path), "retention", "--months", "1"]) == 0
    out = capsys.readouterr().out
    assert "kept 1 months" in out and "Old: keep until 2020-02-29 - PASSED" in out
    assert main(["--db", str(path), "retention", "--cohort", "Old",
                 "--keep-until", "2099-01-01"]) == 0
    assert "Old: keep until 2099-01-01 (set by hand)" in capsys.readouterr().out
    assert main(["--db", str(path), "retention", "--cohort", "Old", "--keep-until", "soon"]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert main(["--db", str(path), "retention", "--months", "0"]) == 2
    assert "1 to 120 months" in capsys.readouterr().err
