"""Every malformed or hostile workbook of the corpus gets its own clear message, a non-zero
exit, and leaves the database file byte for byte as it was."""

from __future__ import annotations

import hashlib
import time

import pytest

from facilitator.cli import main
from facilitator.exports.xlsx.organisation import export_organisation
from facilitator.store.database import open_database
from tests.exports.xlsx.helpers import column_of, demo_cohort, org_with_both
from tests.imports.corpus import build


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    db_path = folder / "demo.sqlite"
    db = open_database(db_path, routine_backup=False)
    try:
        cohort = demo_cohort(db)
        org = org_with_both(db, cohort)
        good = folder / "good.xlsx"
        export_organisation(db, cohort, org["id"], good)
    finally:
        db.close(backup_on_close=False)
    key_col = column_of(good, "Rules we meet", "Record id (do not change)")
    return db_path, good, build(good, folder / "bad", "Rules we meet", key_col)


def _digest(db_path):
    """The database file and any write-ahead log with content (an empty -wal or the -shm
    index come and go as connections open and close)."""
    wal = db_path.with_name(db_path.name + "-wal")
    parts = [db_path] + ([wal] if wal.exists() and wal.stat().st_size else [])
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in parts}


CASES = 31  # the corpus's size; the parametrised test below runs each one


def test_there_are_at_least_twenty(corpus):
    assert len(corpus[2]) == CASES >= 20


def test_the_good_workbook_imports(corpus, capsys):
    db_path, good, _cases = corpus
    assert main(["--db", str(db_path), "import", "xlsx", str(good), "--dry-run"]) == 0
    assert "Nothing to change" in capsys.readouterr().out


@pytest.mark.parametrize("index", range(CASES))
def test_each_bad_workbook_is_refused_and_changes_nothing(corpus, capsys, index):
    db_path, _good, cases = corpus
    path, case = cases[index]
    before = _digest(db_path)
    started = time.perf_counter()
    code = main(["--db", str(db_path), "import", "xlsx", str(path), "--apply", "--take", "theirs"])
    took = time.perf_counter() - started
    out = capsys.readouterr()
    said = out.err + out.out
    assert code == case.code, said
    assert case.says in said, said
    assert "Traceback" not in said
    assert _digest(db_path) == before
    if case.name == "zip-bomb":
        assert took < 1.0


def test_a_folder_and_a_pipe_are_refused(corpus, capsys, tmp_path):
    import os

    db_path = corpus[0]
    assert main(["--db", str(db_path), "import", "xlsx", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    assert main(["--db", str(db_path), "import", "xlsx", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
