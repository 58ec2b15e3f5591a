"""`facilitator backups`, `restore` and `check` from a terminal; damage and hostile text."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3

import pytest

from facilitator.cli import main
from facilitator.commands.terminal import MAX_MESSAGE, safe_text
from facilitator.services.cohort import cohorts, participants
from facilitator.store import backup
from facilitator.store.database import open_database


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _with_people(path, names=("Amira", "Ewa")):
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    for n in names:
        participants.create_participant(db, cid, {"given_name": n, "notes": "x" * 300})
    return db


def test_backups_lists_when_size_cohorts_and_participants(tmp_path, capsys):
    path = tmp_path / "b.sqlite"
    assert main(["--db", str(path), "backups"]) == 0
    assert "No backups" in capsys.readouterr().out
    db = _with_people(path)
    db.backup("manual")
    db.close(backup_on_close=False)
    assert main(["--db", str(path), "backups"]) == 0
    out = capsys.readouterr().out.splitlines()
    header, row = out[1], out[2]
    assert header.split()[:4] == ["Made", "Size", "Cohorts", "Participants"]
    cells = row.split()
    assert cells[3] == "KB" and cells[4:6] == ["1", "2"] and cells[6] == "manual"


def test_restore_newest_keeps_the_current_file_aside(tmp_path, capsys):
    path = tmp_path / "r.sqlite"
    db = _with_people(path)
    db.backup("manual")
    participants.delete_participant(db, participants.list_participants(db, 1)[0]["id"])
    db.close(backup_on_close=False)
    before = digest(path)
    assert main(["--db", str(path), "restore", "--newest"]) == 0
    out = capsys.readouterr().out
    assert "2 participant(s)" in out and "kept (not deleted)" in out
    [aside] = tmp_path.glob("r.sqlite.replaced-*")
    assert digest(aside) == before
    assert backup.count_people(path) == (1, 2)


def test_restore_by_name_from_the_list_and_refused_while_open(tmp_path, capsys):
    path = tmp_path / "o.sqlite"
    db = _with_people(path)
    made = db.backup("manual")
    assert main(["--db", str(path), "restore", made.name]) == 2
    assert "already open" in capsys.readouterr().err
    db.close(backup_on_close=False)
    assert main(["--db", str(path), "restore", made.name]) == 0
    assert main(["--db", str(path), "restore", str(tmp_path / "nothing.sqlite")]) == 2
    assert "no backup file" in capsys.readouterr().err.lower()


def _junk(path):
    raw = bytearray(path.read_bytes())
    for n in range(2, 12):
        raw[n * 4096:(n + 1) * 4096] = os.urandom(4096)
    path.write_bytes(bytes(raw))


def test_damaged_file_is_named_moved_aside_and_not_replaced_by_an_empty_one(tmp_path, capsys):
    path = tmp_path / "d.sqlite"
    db = _with_people(path, names=[f"P{i}" for i in range(200)])
    good = db.backup("manual")
    db.close(backup_on_close=False)
    _junk(path)
    assert main(["--db", str(path), "check"]) == 1
    assert f"{path} is damaged" in capsys.readouterr().err
    assert main(["--db", str(path), "demo"]) == 2
    err = capsys.readouterr().err
    assert f"{path} is damaged" in err and "restore --newest" in err and good.name in err
    assert not path.exists()
    assert main(["--db", str(path), "demo"]) == 2  # no empty database in its place
    err = capsys.readouterr().err
    assert "no empty database was started" in err and not path.exists()
    assert main(["--db", str(path), "restore", "--newest"]) == 0
    assert backup.count_people(path) == (1, 200)


def test_check_creates_nothing_and_refuses_what_it_cannot_open(tmp_path, capsys):
    path = tmp_path / "c.sqlite"
    _with_people(path).close(backup_on_close=False)
    files = sorted(p.name for p in tmp_path.iterdir())
    before = digest(path)
    assert main(["--db", str(path), "check"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == files and digest(path) == before
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    files, before = sorted(p.name for p in tmp_path.iterdir()), digest(path)
    assert main(["--db", str(path), "check"]) == 1
    assert "newer version" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == files and digest(path) == before
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    assert main(["--db", str(other), "check"]) == 1
    assert "not one of Facilitator's" in capsys.readouterr().err


def test_check_of_a_live_database_reads_its_wal_without_changing_it(db, capsys):
    cohorts.create_cohort(db, {"name": "Only in the WAL"})
    wal = db.path.with_name(db.path.name + "-wal")
    before = (digest(db.path), digest(wal))
    assert main(["--db", str(db.path), "check"]) == 0
    assert (digest(db.path), digest(wal)) == before


def test_terminal_text_is_escaped_and_capped():
    assert safe_text("a\x1b]0;owned\x07b\u202ec") == "a\\x1b]0;owned\\x07b\\u202ec"
    long = safe_text("x" * 2_500_000)
    assert len(long) < MAX_MESSAGE + 100 and "2,500,000 characters" in long


def test_hostile_field_names_in_a_pack_reach_the_terminal_escaped(tmp_path, capsys):
    path = tmp_path / "lib.sqlite"
    pack = tmp_path / "pack.json"
    card = {"key": "odd-card", "name": "Odd\u202e", "\x1b[2J\x1b]0;pwned\x07" + "y" * 100_000: 1}
    pack.write_text(json.dumps({"format": "facilitator-tool-pack", "schema_version": 1, "tools": [card]}))
    assert main(["--db", str(path), "library", "import", str(pack)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert len(err) < MAX_MESSAGE + 200


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_a_fifo_pack_is_refused_within_a_second(tmp_path, capsys):
    import time

    from facilitator.services.library import packs

    fifo = tmp_path / "pack.json"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    with pytest.raises(packs.PackError, match="not a regular file"):
        packs.read_pack(fifo)
    assert time.perf_counter() - t0 < 1.0
    assert main(["--db", str(tmp_path / "f.sqlite"), "library", "import", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
