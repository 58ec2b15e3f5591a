"""Shared fixtures: a real SQLite file per test, offscreen Qt, answered message boxes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import gc  # noqa: E402
import shutil  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from facilitator.store.database import open_database  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test reads or writes the user's real settings or data folder."""
    monkeypatch.setenv("FACILITATOR_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    monkeypatch.setattr("facilitator.store.paths.user_data_dir", lambda: tmp_path / "userdata")


@pytest.fixture(autouse=True)
def _collect_on_main_thread():
    """As the app does (ui/gc_guard.py): no cyclic GC in worker threads, collect here instead."""
    gc.disable()
    yield
    gc.collect()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture(scope="session")
def _fresh_database_file(tmp_path_factory) -> Path:
    """A new database, made once per run: its schema upgrades and built-in cards take about
    0.7 s to make, and copying the closed file about 10 ms."""
    path = tmp_path_factory.mktemp("fresh") / "fresh.sqlite"
    open_database(path, routine_backup=False).close(backup_on_close=False)
    return path


@pytest.fixture
def db(db_path, _fresh_database_file):
    shutil.copy(_fresh_database_file, db_path)  # the closed file alone (no -wal), mode too
    database = open_database(db_path, routine_backup=False)
    yield database
    database.close(backup_on_close=False)


@pytest.fixture
def cohort_id(db) -> int:
    from facilitator.services.cohort import cohorts

    return cohorts.create_cohort(db, {"name": "Test cohort"}).id


@dataclass
class Answers:
    """What the patched message boxes answered, and what they will answer next."""

    confirm: bool = True
    yes_no: bool = True
    choice: str = ""  # the label of the button `choose` presses ("" = the last, the escape)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> Answers:
    ans = Answers()
    import facilitator.ui.messages as messages

    def warn(_parent, title, text):
        ans.warnings.append((title, text))

    def confirm(_parent, title, text, yes="Delete"):
        ans.questions.append((title, text))
        return ans.confirm

    def ask_yes_no(_parent, title, text):
        ans.questions.append((title, text))
        return ans.yes_no

    def choose(_parent, title, text, buttons, **_kw):
        ans.questions.append((title, text))
        ans.offered = list(buttons)
        return buttons.index(ans.choice) if ans.choice in buttons else len(buttons) - 1

    monkeypatch.setattr(messages, "choose", choose)
    monkeypatch.setattr(messages, "warn", warn)
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    return ans


@pytest.fixture
def ctx(qtbot, db, cohort_id):
    from facilitator.ui.context import AppContext

    context = AppContext(db)
    context.set_cohort(cohort_id)
    return context


@pytest.fixture
def window(qtbot, db):
    """The main window attached to an open test database (as the app does after opening)."""
    from facilitator.ui.context import AppContext
    from facilitator.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(AppContext(db, win))
    return win
