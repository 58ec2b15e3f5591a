"""Everything we hold about this person… in the Personal data… menu: a folder chooser (its
answer set here), the folder written in a worker with a progress dialog, and a message naming
the folder; a folder that cannot be used is said so, and Cancel on the chooser does nothing."""

from __future__ import annotations

import json
import time
from datetime import date

from PySide6.QtWidgets import QPushButton

from facilitator.exports import sar
from facilitator.services.privacy import export_log
from facilitator.ui.privacy import subject_access as sar_ui
from tests.services.privacy import everyone_s_records as records
from tests.ui.privacy.test_erase_ui import _select, pick

ACTION = "Everything we hold about this person…"


def _panel(qtbot, window, db, cohort_id):
    z, _ = records.make(db, cohort_id)
    window.selector.reload(cohort_id)
    panel = window.areas["cohort"].participants
    _select(qtbot, panel, "Zephyrine")
    return z, panel


def test_the_folder_is_written_in_the_background_and_named(qtbot, db, window, cohort_id,
                                                           answers, tmp_path, monkeypatch):
    z, panel = _panel(qtbot, window, db, cohort_id)
    asked = []
    monkeypatch.setattr(sar_ui, "ask_location",
                        lambda _parent, name: asked.append(name) or tmp_path)
    pick(qtbot, panel, ACTION)
    qtbot.waitUntil(lambda: any(t == "Subject access written" for t, _ in answers.warnings),
                    timeout=20000)
    assert asked == ["Zephyrine Łąkowska-Quill"]
    out = tmp_path / sar_ui.folder_name("Zephyrine Łąkowska-Quill", date.today())
    [(_, said)] = [w for w in answers.warnings if w[0] == "Subject access written"]
    assert str(out) in said and "Zephyrine Łąkowska-Quill" in said
    assert sorted(p.name for p in out.iterdir()) == sorted(sar.FILES)
    assert json.loads((out / sar.JSON).read_text("utf-8"))["participant"]["id"] == z
    assert panel.sar_progress.wasCanceled() is False
    assert export_log.list_exports(db, participant_id=z)[0]["kind"] == "subject access"
    assert window.ctx.undo_stack.count() == 0  # nothing to undo


def test_a_folder_already_there_is_refused_with_a_message(qtbot, db, window, cohort_id, answers,
                                                          tmp_path, monkeypatch):
    _z, panel = _panel(qtbot, window, db, cohort_id)
    taken = tmp_path / sar_ui.folder_name("Zephyrine Łąkowska-Quill")
    taken.mkdir()
    (taken / "old.pdf").write_bytes(b"older")
    monkeypatch.setattr(sar_ui, "ask_location", lambda *_: tmp_path)
    pick(qtbot, panel, ACTION)
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=20000)
    [(title, said)] = answers.warnings
    assert title == "Please check the form" and "already has files in it" in said
    assert [p.name for p in taken.iterdir()] == ["old.pdf"]


def test_closing_the_chooser_writes_nothing(qtbot, db, window, cohort_id, answers, tmp_path,
                                            monkeypatch):
    z, panel = _panel(qtbot, window, db, cohort_id)
    monkeypatch.setattr(sar_ui, "ask_location", lambda *_: None)
    before = len(export_log.list_exports(db))
    pick(qtbot, panel, ACTION)
    qtbot.wait(200)
    assert answers.warnings == [] and not hasattr(panel, "sar_progress")
    assert len(export_log.list_exports(db)) == before and list(tmp_path.glob("Subject*")) == []


def test_cancel_on_the_progress_leaves_no_folder(qtbot, db, window, cohort_id, answers,
                                                 tmp_path, monkeypatch):
    z, panel = _panel(qtbot, window, db, cohort_id)
    out = tmp_path / "sar"
    real = sar.write_sar

    def slow_then_check(db_, pid, out_, progress=None, cancelled=None):
        for _ in range(500):  # waits for Cancel (at most 5 s)
            if cancelled():
                break
            time.sleep(0.01)
        return real(db_, pid, out_, progress, cancelled)

    monkeypatch.setattr(sar, "write_sar", slow_then_check)
    sar_ui.start(window.ctx, panel, z, out)
    [button] = panel.sar_progress.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=20000)
    assert answers.warnings == [(sar_ui.TITLE, "Cancelled: no folder was written.")]
    assert not out.exists()


def test_folder_names_are_safe_on_every_system():
    assert sar_ui.folder_name('A/B: "C"', date(2026, 12, 1)) == \
        "Subject access - A B C - 2026-12-01"
    assert sar_ui.folder_name("...", date(2026, 12, 1)) == \
        "Subject access - participant - 2026-12-01"
