"""The terminal commands, run as a user would (in a child process where it matters)."""

from __future__ import annotations

import subprocess
import sys

from facilitator.cli import main
from facilitator.demo.cohort_demo import demo_name
from facilitator.demo.dates import calendar


def test_demo_check_and_backup(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "demo"]) == 0
    assert "Demo cohort ready" in capsys.readouterr().out
    assert main(["--db", db, "check"]) == 0
    assert "Integrity: ok" in capsys.readouterr().out
    out = tmp_path / "copy.sqlite"
    assert main(["--db", db, "backup", "--out", str(out)]) == 0
    assert out.exists() and "checked" in capsys.readouterr().out


def test_scale_data(tmp_path, capsys):
    db = str(tmp_path / "scale.sqlite")
    assert main(["--db", db, "demo", "--participants", "50", "--cohorts", "3"]) == 0
    assert "Created 3 cohort(s) of 50 participants" in capsys.readouterr().out
    assert main(["--db", db, "demo", "--participants", "0"]) == 2


def test_env_variable_chooses_the_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "env.sqlite"))
    assert main(["demo"]) == 0
    assert (tmp_path / "env.sqlite").exists()


def test_bad_file_is_a_clear_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    proc = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(bad), "check"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "is not a Facilitator database" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert bad.read_text() == "hello"


def test_app_without_display_explains_how_to_get_one(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(tmp_path / "x.sqlite")],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert proc.returncode == 3
    assert "no display" in proc.stderr and "xvfb-run" in proc.stderr


def test_export_ics_from_the_terminal(tmp_path, capsys):
    import icalendar

    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "demo"]) == 0
    out = tmp_path / "cohort.ics"
    assert main(["--db", db, "export", "ics", "--cohort", demo_name(calendar().start),
                 "--out", str(out)]) == 0
    assert "Wrote 6 event(s)" in capsys.readouterr().out
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 6
    assert main(["--db", db, "export", "ics", "--cohort", "Nobody", "--out", str(out)]) == 2
    assert "no cohort called 'Nobody'" in capsys.readouterr().err


def test_check_is_read_only_on_an_old_schema(tmp_path, capsys):
    import hashlib
    import shutil
    from pathlib import Path

    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema_0001.sqlite", old)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    assert main(["--db", str(old), "check"]) == 0
    out = capsys.readouterr().out
    assert "Schema: 0001 (will be upgraded" in out and "Integrity: ok" in out
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]


def test_backup_into_a_missing_folder_is_a_message(tmp_path, capsys):
    db = str(tmp_path / "b.sqlite")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "backup", "--out", "/proc/no-such-folder/x.sqlite"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("facilitator: ") and "Traceback" not in err
