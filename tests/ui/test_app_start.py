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


def _damage(path):
    from tests.store.test_backup_and_recovery import _corrupt_with_wal

    _corrupt_with_wal(path)


def start_in_process(qtbot, path):
    from facilitator.app import Starter
    from facilitator.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    starter = Starter(win, path)
    starter.open()
    return win, starter


def test_damaged_database_offers_the_newest_good_backup_and_restores_it(qtbot, tmp_path, answers):
    from facilitator.services.cohort import cohorts
    from facilitator.store.database import open_database

    path = tmp_path / "crashy.sqlite"
    db = open_database(path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "Saved yesterday"})
    db.backup("manual")
    db.close(backup_on_close=False)
    _damage(path)
    answers.choice = "Restore that backup"
    win, starter = start_in_process(qtbot, path)
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=10_000)
    assert answers.offered == ["Restore that backup", "Start an empty database", "Quit"]
    assert "moved aside" in answers.questions[0][1]
    assert win.selector.currentText().startswith("Saved yesterday")
    assert list(tmp_path.glob("crashy.sqlite.damaged-*"))  # the damaged file was kept
    starter.shutdown()


def test_after_a_move_aside_the_next_start_offers_the_backup_again(qtbot, tmp_path, answers):
    """Quitting at the offer leaves no file; starting again must not open an empty database
    in the damaged one's place, but say what happened and offer the backup once more."""
    from facilitator.services.cohort import cohorts
    from facilitator.store.database import open_database

    path = tmp_path / "crashy.sqlite"
    db = open_database(path, routine_backup=False)
    cohorts.create_cohort(db, {"name": "Saved yesterday"})
    db.backup("manual")
    db.close(backup_on_close=False)
    _damage(path)
    answers.choice = "Quit"
    _win, first = start_in_process(qtbot, path)
    qtbot.waitUntil(lambda: len(answers.questions) == 1, timeout=10_000)
    assert not path.exists() and list(tmp_path.glob("crashy.sqlite.damaged-*"))
    answers.choice = "Start an empty database"
    win, again = start_in_process(qtbot, path)
    qtbot.waitUntil(lambda: again.ctx is not None, timeout=10_000)
    title, text = answers.questions[1]
    assert title == "Database damaged" and "no empty database was started" in text
    assert answers.offered[-3:] == ["Restore that backup", "Start an empty database", "Quit"]
    assert win.selector.count() == 0  # the empty file the user chose, knowing
    again.shutdown()


def test_newer_database_message_and_quit_leaves_file_alone(qtbot, tmp_path, answers):
    import sqlite3

    from facilitator.store.database import open_database

    path = tmp_path / "newer.sqlite"
    open_database(path, routine_backup=False).close(backup_on_close=False)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    win, starter = start_in_process(qtbot, path)
    qtbot.waitUntil(lambda: bool(answers.questions), timeout=10_000)
    title, text = answers.questions[0]
    assert title == "Database from a newer version" and "Install the newer version" in text
    assert answers.offered == ["Open another file…", "New database…", "Quit"]
    assert path.read_bytes() == before


def test_an_unexpected_error_is_logged_and_told_in_words(tmp_path, answers):
    from facilitator.app import log_path, report_unexpected

    try:
        int("²")
    except ValueError as exc:
        report_unexpected(type(exc), exc, exc.__traceback__)
    title, text = answers.warnings[-1]
    assert title == "Something went wrong" and "Everything saved before this is safe" in text
    assert "ValueError" in log_path().read_text()


def test_built_in_cards_are_loaded_at_start_without_opening_the_library(qtbot, tmp_path):
    from facilitator.services.library import search

    win, starter = start_in_process(qtbot, tmp_path / "fresh.sqlite")
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=10_000)
    db = starter.ctx.db
    qtbot.waitUntil(lambda: search.count_tools(db) >= 30, timeout=10_000)
    assert "library" not in win.areas.built()
    starter.shutdown()
