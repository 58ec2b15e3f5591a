"""`facilitator encrypt`, `decrypt` and `rekey`, and the passphrase on every command: read from
stdin (--passphrase-stdin, before or after the command) or FACILITATOR_PASSPHRASE, never an
argument; a wrong one exits non-zero with one line and changes nothing."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys

import pytest

from facilitator.cli import build_parser, main
from facilitator.services.cohort import cohorts, participants
from facilitator.store import backup, checks, cipher
from facilitator.store.database import open_database

PASS = "correct horse battery"
NEW = "the second passphrase"


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    cipher.forget_all()


def _stdin(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def _plain(path):
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "North"}).id
    participants.create_participant(db, cid, {"given_name": "Amira", "family_name": "Khan"})
    db.backup("manual")
    db.close(backup_on_close=False)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_encrypt_then_every_command_needs_the_passphrase(tmp_path, monkeypatch, capsys):
    path = tmp_path / "f.sqlite"
    _plain(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 0
    out = capsys.readouterr().out
    assert "is now encrypted" in out and "converted: 1" in out and "cannot be recovered" in out
    assert path.read_bytes()[:16] != checks.SQLITE_HEADER
    for made in backup.list_backups(path):
        assert made.read_bytes()[:16] == path.read_bytes()[:16]
    assert main(["--db", str(path), "flex"]) == 2
    err = capsys.readouterr().err
    assert "is encrypted" in err and "--passphrase-stdin" in err and err.count("\n") == 1
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "--passphrase-stdin", "flex"]) == 0  # before the command
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASS)
    assert main(["--db", str(path), "check"]) == 0
    assert "(encrypted)" in capsys.readouterr().out
    assert main(["--db", str(path), "backups"]) == 0
    assert "encrypted" not in capsys.readouterr().out.split("\n", 2)[2]  # counted, not refused


def test_wrong_passphrase_exits_2_with_one_line_and_changes_nothing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "w.sqlite"
    _plain(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 0
    capsys.readouterr()
    before = {p.name: _digest(p) for p in tmp_path.rglob("*") if p.is_file()}
    for argv in (["flex"], ["decrypt"], ["check"], ["restore", "--newest"], ["demo"]):
        _stdin(monkeypatch, "not the passphrase")
        assert main(["--db", str(path), *argv, "--passphrase-stdin"]) == 2, argv
        err = capsys.readouterr().err
        named = path if argv[0] != "restore" else backup.list_backups(path)[0]
        assert err == (f"facilitator: Wrong passphrase for {named}: it did not open, and the "
                       "file was not changed.\n"), argv
    assert {p.name: _digest(p) for p in tmp_path.rglob("*") if p.is_file()} == before


def test_rekey_reads_old_and_new_on_two_lines_and_decrypt_the_current(tmp_path, monkeypatch, capsys):
    path = tmp_path / "r.sqlite"
    _plain(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 0
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "rekey", "--passphrase-stdin"]) == 2
    assert "new passphrase" in capsys.readouterr().err
    _stdin(monkeypatch, PASS, NEW)
    assert main(["--db", str(path), "rekey", "--passphrase-stdin"]) == 0
    assert "has a new passphrase" in capsys.readouterr().out
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "decrypt", "--passphrase-stdin"]) == 2
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", NEW)
    assert main(["--db", str(path), "decrypt"]) == 0
    assert "no longer encrypted" in capsys.readouterr().out
    assert path.read_bytes()[:16] == checks.SQLITE_HEADER
    for made in backup.list_backups(path):
        assert made.read_bytes()[:16] == checks.SQLITE_HEADER


def test_rekey_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "e.sqlite"
    _plain(path)
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASS)
    assert main(["--db", str(path), "encrypt"]) == 0
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", NEW)
    assert main(["--db", str(path), "rekey"]) == 0
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", NEW)
    assert main(["--db", str(path), "flex"]) == 0


def test_encrypt_refuses_a_short_or_missing_passphrase(tmp_path, monkeypatch, capsys):
    path = tmp_path / "s.sqlite"
    _plain(path)
    before = _digest(path)
    _stdin(monkeypatch, "short")
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    assert main(["--db", str(path), "encrypt"]) == 2
    assert "new passphrase" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 2
    assert "stdin ended" in capsys.readouterr().err
    assert _digest(path) == before


def test_encrypt_delete_backups_removes_the_plain_copies(tmp_path, monkeypatch, capsys):
    path = tmp_path / "d.sqlite"
    _plain(path)
    plain = backup.list_backups(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin", "--delete-backups"]) == 0
    assert "deleted: 1" in capsys.readouterr().out
    assert not any(p.exists() for p in plain)


def test_no_command_takes_a_passphrase_as_an_argument():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        options = {o for a in command._actions for o in a.option_strings}
        assert "--passphrase-stdin" in options, name
        assert not {o for o in options if "passphrase" in o} - {"--passphrase-stdin"}, name
        stdin = next(a for a in command._actions if "--passphrase-stdin" in a.option_strings)
        assert stdin.nargs == 0, name  # a flag: the passphrase itself is never on the line


@pytest.mark.slow
def test_wrong_passphrase_in_a_real_process_prints_one_line_and_no_traceback(tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite"
    _plain(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 0
    env = {**os.environ, "FACILITATOR_PASSPHRASE": ""}
    proc = subprocess.run([sys.executable, "-m", "facilitator", "--db", str(path), "flex",
                           "--passphrase-stdin"], input="wrong passphrase\n", text=True,
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"facilitator: Wrong passphrase for {path}: it did not "
                                        "open, and the file was not changed."]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_backups_with_a_wrong_passphrase_says_so_instead_of_listing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "f.sqlite"
    _plain(path)
    _stdin(monkeypatch, PASS)
    assert main(["--db", str(path), "encrypt", "--passphrase-stdin"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "not the passphrase")
    assert main(["--db", str(path), "backups"]) == 2
    captured = capsys.readouterr()
    assert "Wrong passphrase" in captured.err and "Backups of" not in captured.out
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASS)
    assert main(["--db", str(path), "backups"]) == 0
    listed = capsys.readouterr().out
    assert "manual" in listed and "encrypted" not in listed.split("\n", 2)[2]  # counts shown
    monkeypatch.delenv("FACILITATOR_PASSPHRASE")
    assert main(["--db", str(path), "backups"]) == 0  # no passphrase: listed, marked encrypted
    assert "encrypted" in capsys.readouterr().out
