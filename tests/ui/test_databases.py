"""File → New database…, Open database…, Open recent, the window title, and the refusal
dialogs: switching closes the old database as quitting does and opens the new one off the
UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.services.cohort import cohorts
from facilitator.store import backup
from facilitator.store.database import open_database
from facilitator.store.lock import InstanceLock
from facilitator.ui import recent_files


def _make_db(path: Path, cohort: str | None = None) -> Path:
    db = open_database(path, routine_backup=False)
    if cohort:
        cohorts.create_cohort(db, {"name": cohort})
    db.close(backup_on_close=False)
    return path


def _lock_is_free(path: Path) -> bool:
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except Exception:
        return False
    lock.release()
    return True


@pytest.fixture
def started(qtbot, tmp_path, answers):
    from facilitator.app import Starter
    from facilitator.ui.main_window import MainWindow

    answers.yes_no = False  # no demo on an empty database
    first = _make_db(tmp_path / "first.sqlite", "First cohort")
    win = MainWindow()
    qtbot.addWidget(win)
    starter = Starter(win, first)
    starter.open()
    qtbot.waitUntil(lambda: starter.ctx is not None, timeout=10_000)
    yield win, starter
    starter.shutdown()


def _switched_to(starter, path: Path):
    return lambda: starter.ctx is not None and starter.ctx.db.path == path and not starter.opening


def test_the_title_names_the_open_database(started):
    win, _starter = started
    assert win.windowTitle() == "first.sqlite — Facilitator"


def test_opening_another_database_closes_the_first_with_a_backup_and_unlocks_it(
        qtbot, tmp_path, started, monkeypatch):
    win, starter = started
    second = _make_db(tmp_path / "second.sqlite", "Second cohort")
    first = tmp_path / "first.sqlite"
    old_db = starter.ctx.db
    seen = []

    def choose(parent, folder):
        seen.append(folder)
        return second

    monkeypatch.setattr(recent_files, "choose_existing", choose)
    win.act_open_db.trigger()
    qtbot.waitUntil(_switched_to(starter, second), timeout=10_000)
    assert seen == [str(tmp_path)]
    assert win.windowTitle() == "second.sqlite — Facilitator"
    assert win.selector.currentText() == "Second cohort  (0 participants)"
    qtbot.waitUntil(lambda: old_db.engine is None and _lock_is_free(first), timeout=10_000)
    assert any("on-close" in p.name for p in backup.list_backups(first))
    assert not _lock_is_free(second)  # the new one is ours now
    from facilitator.ui.areas import AREAS

    assert len(win.nav_titles()) == len(AREAS) and win.view_menu.actions()  # the areas are back


def test_new_database_refuses_an_existing_file_and_makes_a_new_one(qtbot, tmp_path, started,
                                                                   monkeypatch, answers):
    from PySide6.QtWidgets import QFileDialog

    win, starter = started
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "first.sqlite"), ""))
    win.act_new_db.trigger()
    assert answers.warnings[-1][0] == "That file already exists"
    assert starter.ctx.db.path == tmp_path / "first.sqlite"

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "fresh"), ""))
    win.act_new_db.trigger()
    qtbot.waitUntil(_switched_to(starter, tmp_path / "fresh.sqlite"), timeout=10_000)
    assert win.windowTitle() == "fresh.sqlite — Facilitator"
    assert win.selector.count() == 0


def test_open_recent_lists_the_last_databases_and_greys_a_missing_one(qtbot, tmp_path, started):
    win, starter = started
    second = _make_db(tmp_path / "second.sqlite")
    gone = _make_db(tmp_path / "gone.sqlite")
    recent_files.remember(gone)
    recent_files.remember(second)
    recent_files.remember(tmp_path / "first.sqlite")
    gone.unlink()
    win.recent_menu.aboutToShow.emit()
    acts = [a for a in win.recent_menu.actions() if not a.isSeparator()]
    texts = [a.text() for a in acts]
    assert texts[0].startswith("&1 first.sqlite") and acts[0].isChecked()
    assert texts[1].startswith("&2 second.sqlite") and acts[1].isEnabled()
    assert texts[2].startswith("&3 gone.sqlite")
    assert not acts[2].isEnabled()
    assert acts[2].toolTip() == f"This file is no longer there: {gone}"
    assert texts[-1] == "Clear the list"

    acts[1].trigger()
    qtbot.waitUntil(_switched_to(starter, second), timeout=10_000)
    assert recent_files.recent()[:2] == [second, tmp_path / "first.sqlite"]
    win.recent_menu.aboutToShow.emit()
    assert win.recent_menu.actions()[0].text().startswith("&1 second.sqlite")


def test_a_file_that_is_not_a_database_offers_exactly_the_buttons_its_message_names(
        qtbot, tmp_path, started, answers, monkeypatch):
    win, starter = started
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"PK\x03\x04 a workbook, not a database")
    before = other.read_bytes()
    fresh = tmp_path / "new-one.sqlite"
    monkeypatch.setattr(recent_files, "choose_new", lambda parent, folder: fresh)
    answers.choice = "Start a new one…"
    win.database_requested.emit(other)
    qtbot.waitUntil(_switched_to(starter, fresh), timeout=10_000)
    assert "Choose another file, or start with a new one" in answers.questions[0][1]
    assert answers.offered == ["Choose another file…", "Start a new one…",
                               "Keep the current database"]
    assert other.read_bytes() == before


def test_refused_switch_keeps_the_current_database(qtbot, tmp_path, started, answers):
    win, starter = started
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"%PDF-1.4 not a database")
    win.database_requested.emit(other)
    qtbot.waitUntil(lambda: bool(answers.questions), timeout=10_000)
    assert starter.ctx.db.path == tmp_path / "first.sqlite"
    assert win.windowTitle() == "first.sqlite — Facilitator"
    assert win.selector.currentText().startswith("First cohort")
