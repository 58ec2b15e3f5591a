"""File → Print and export driven as a person would: pick a pack and options, save, cancel;
the choices are remembered; "Print run sheet…" in Plans opens it on that event."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator import demo
from facilitator.services.plans import events
from facilitator.ui.exports.pack_list import ENTRIES
from tests.exports.pdf.conftest import flat, read, text_of


def _open(qtbot, db, window):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    window.act_print.trigger()
    from facilitator.ui.exports.print_dialog import PrintDialog

    qtbot.waitUntil(lambda: window.findChild(PrintDialog) is not None, timeout=3000)
    return cid, window.findChild(PrintDialog)


def _pick(dlg, key):
    row = next(i for i, e in enumerate(ENTRIES) if e.key == key)
    dlg.packs.setCurrentRow(row)


def test_menu_has_print_with_ctrl_p(window):
    assert window.act_print.text() == "&Print and export…"
    assert window.act_print.shortcut().toString() == "Ctrl+P"
    assert window.act_print.isEnabled()


def test_dialog_saves_a_participant_pack_for_ticked_people(qtbot, db, window, tmp_path):
    _cid, dlg = _open(qtbot, db, window)
    assert [dlg.packs.item(i).text() for i in range(dlg.packs.count())][:2] == \
        ["Run sheet", "Participant pack"]
    _pick(dlg, "participant-pack")
    assert dlg.each.isEnabled() and dlg.people.isEnabled() and not dlg.per.isEnabled()
    dlg.each.setChecked(True)
    for i in range(2, dlg.people.count()):
        dlg.people.item(i).setCheckState(Qt.CheckState.Unchecked)
    kept = [dlg.people.item(i).text() for i in range(2)]
    dlg.paper.setCurrentIndex(dlg.paper.findData("a4"))
    out = tmp_path / "packs.pdf"
    dlg.save_to(out)
    assert not dlg.save_button.isEnabled() and dlg.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=60000)
    assert dlg.last_saved == out and "Saved packs.pdf" in dlg.status.text()
    reader = read(out.read_bytes())
    text = flat(text_of(reader))
    assert all(f"Welcome, {name}" in text for name in kept)
    assert [t for t in reader.outline if not isinstance(t, list)][0].title == kept[0]
    assert round(float(reader.pages[0].mediabox.width)) == 595


def test_cancel_leaves_no_file_and_choices_are_remembered(qtbot, db, window, tmp_path):
    cid, dlg = _open(qtbot, db, window)
    _pick(dlg, "participant-pack")
    dlg.each.setChecked(True)
    dlg.paper.setCurrentIndex(dlg.paper.findData("letter"))
    evs = events.list_events(db, cid)
    dlg.event.setCurrentIndex(dlg.event.findData(evs[1]["id"]))
    out = tmp_path / "cancelled.pdf"
    dlg.save_to(out)
    dlg.cancel()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=60000)
    assert "Cancelled" in dlg.status.text()
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []
    dlg.reject()
    window.act_print.trigger()
    from facilitator.ui.exports.print_dialog import PrintDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PrintDialog)),
                    timeout=3000)
    again = next(d for d in window.findChildren(PrintDialog) if d.isVisible())
    assert again.current_pack().key == "participant-pack"
    assert again.paper.currentData() == "letter" and again.each.isChecked()
    assert again.event.currentData() == evs[1]["id"]


def test_print_run_sheet_from_plans_opens_on_that_event(qtbot, db, window, tmp_path):
    from tests.ui.plans.test_plan_area import open_plans

    area, event_id = open_plans(qtbot, db, window)
    assert area.timeline.print_button.isEnabled()
    dlg = area.timeline.print_run_sheet()
    assert dlg.current_pack().key == "run-sheet" and dlg.event.currentData() == event_id
    out = tmp_path / "run.pdf"
    dlg.save_to(out)
    qtbot.waitUntil(lambda: dlg.job is None, timeout=60000)
    assert "Who is expected" in flat(text_of(read(out.read_bytes())))


def test_dialog_prints_the_events_method_cards_and_logs_the_file(qtbot, db, window, tmp_path):
    from facilitator.services.privacy.export_log import list_exports

    cid, dlg = _open(qtbot, db, window)
    residential = next(e for e in events.list_events(db, cid) if e["kind"] == "residential")
    dlg.event.setCurrentIndex(dlg.event.findData(residential["id"]))
    _pick(dlg, "cards")
    out = tmp_path / "cards.pdf"
    dlg.save_to(out)
    qtbot.waitUntil(lambda: dlg.job is None, timeout=60000)
    assert dlg.last_saved == out
    text = flat(text_of(read(out.read_bytes())))
    assert "Check-in rounds" in text  # a card the built-in residential uses
    assert [(r["kind"], r["file_name"]) for r in list_exports(db)] == [("cards pdf", "cards.pdf")]
