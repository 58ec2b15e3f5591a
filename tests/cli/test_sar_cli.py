"""`facilitator export sar --cohort C --participant P --out DIR`: the folder is written and
logged; a cohort or person that is not there is named with what is (exit 2), nothing written."""

from __future__ import annotations

import json

from facilitator.cli import main
from facilitator.exports import sar
from facilitator.services.cohort import cohorts
from facilitator.services.privacy import export_log
from facilitator.store.database import open_database
from tests.services.privacy import everyone_s_records as records


def _setup(path) -> None:
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    cohorts.create_cohort(db, {"name": "South"})
    records.make(db, cid)
    db.close(backup_on_close=False)


def _logged(path) -> list[dict]:
    db = open_database(path, routine_backup=False)
    try:
        return export_log.list_exports(db)
    finally:
        db.close(backup_on_close=False)


def test_export_sar_writes_the_folder(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    _setup(path)
    out = tmp_path / "sar"
    code = main(["--db", str(path), "export", "sar", "--cohort", "north", "--participant",
                 "zephyrine łąkowska-quill", "--out", str(out)])
    said, err = capsys.readouterr()
    assert code == 0, err
    assert "Subject access for Zephyrine Łąkowska-Quill: " in said and str(out) in said
    assert sorted(p.name for p in out.iterdir()) == sorted(sar.FILES)
    assert json.loads((out / sar.JSON).read_text("utf-8"))["participant"]["cohort"] == "North"
    assert _logged(path)[0]["kind"] == "subject access"


def test_a_wrong_cohort_or_person_names_what_exists_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    _setup(path)
    before = len(_logged(path))
    out = tmp_path / "sar"
    code = main(["--db", str(path), "export", "sar", "--cohort", "East", "--participant",
                 "Zephyrine Łąkowska-Quill", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "no cohort called 'East'" in err and "The cohorts: North, South." in err
    code = main(["--db", str(path), "export", "sar", "--cohort", "North", "--participant",
                 "Nobody Here", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "no participant called 'Nobody Here' in North" in err
    assert "The people in it: Ben Other, Zephyrine Łąkowska-Quill." in err
    assert not out.exists() and len(_logged(path)) == before


def test_a_folder_with_files_in_it_is_refused(tmp_path, capsys):
    path = tmp_path / "f.sqlite"
    _setup(path)
    out = tmp_path / "sar"
    out.mkdir()
    (out / "x.txt").write_text("keep")
    code = main(["--db", str(path), "export", "sar", "--cohort", "North", "--participant",
                 "Zephyrine Łąkowska-Quill", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "already has files in it" in err
    assert [p.name for p in out.iterdir()] == ["x.txt"]
