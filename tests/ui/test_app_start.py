"""The real start-up path in a child process: window first, database in the background."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from facilitator.cli import main


def start(db, tmp_path, mode="loaded"):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACILITATOR_EXIT_WHEN_READY=mode,
               FACILITATOR_SETTINGS=str(tmp_path / "s.ini"))
    return subprocess.run([sys.executable, "-m", "facilitator", "--db", str(db)],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_app_starts_and_loads_participants(tmp_path):
    db = tmp_path / "start.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    proc = start(db, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ready-loaded" in proc.stdout


@pytest.mark.slow
def test_app_refuses_a_locked_database_with_a_message(tmp_path, db):
    proc = start(db.path, tmp_path, mode="interactive-error")
    assert "open-failed Facilitator is already open" in proc.stdout
