"""Print cards…: the dialog from the library writes a real deck in a worker, remembers its
choices, and a cancelled deck leaves no file."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel

from facilitator.services.library import tools
from facilitator.services.plans import agenda, events, sessions
from facilitator.ui.library.area import LibraryArea
from facilitator.ui.library.print_dialog import PrintCardsDialog


@pytest.fixture
def area(qtbot, ctx):
    widget = LibraryArea(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.results_shown, timeout=5000):
        pass
    return widget


def _select(area, keys):
    sel = area.results.selectionModel()
    sel.clearSelection()
    for row in range(area.model.rowCount()):
        if area.model.record(row)["key"] in keys:
            sel.select(area.model.index(row), QItemSelectionModel.SelectionFlag.Select)


def _titles(path):
    return [e["/Title"] for e in PdfReader(path).outline]


def test_print_cards_writes_the_selected_cards_as_laid_out(qtbot, area, tmp_path, monkeypatch):
    opened = []  # the system viewer is outside the app
    monkeypatch.setattr("facilitator.ui.library.print_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    _select(area, {"world-cafe", "check-in-rounds"})
    dlg = area.print_cards()
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and dlg.source_buttons["selected"].isChecked()
    assert "2 selected" in dlg.source_buttons["selected"].text()
    dlg.per_sheet.setCurrentIndex(dlg.per_sheet.findData(2))
    dlg.duplex.setChecked(True)
    dlg.offset_x.setValue(1.5)
    dlg.paper.setCurrentIndex(dlg.paper.findData("letter"))
    dlg.open_after.setChecked(True)
    out = tmp_path / "deck.pdf"
    with qtbot.waitSignal(dlg.written, timeout=20000) as blocker:
        dlg.save(str(out))
        assert dlg.progress.isVisible() and not dlg.save_button.isEnabled()
    assert blocker.args == [str(out)] and opened == [str(out)]
    reader = PdfReader(out)
    assert sorted(_titles(out)) == ["Check-in rounds", "World café on a systems question"]
    assert len(reader.pages) == 2  # one sheet of two, and its duplex back page
    assert round(float(reader.pages[0].mediabox.height) / 72 * 25.4, 1) == 279.4
    assert "Saved 2 card(s) on 1 sheet(s)" in dlg.status.text() and dlg.save_button.isEnabled()

    again = PrintCardsDialog(area.ctx, [], area)  # the choices are remembered
    qtbot.addWidget(again)
    assert again.per_sheet.currentData() == 2 and again.duplex.isChecked()
    assert again.offset_x.value() == 1.5 and again.paper.currentData() == "letter"
    assert again.source() == "all" and not again.source_buttons["selected"].isEnabled()
    assert again.open_after.isChecked()


def test_favourites_and_an_events_cards(qtbot, ctx, db, cohort_id, tmp_path):
    from facilitator.services.library import sync_builtin_cards

    sync_builtin_cards(db)
    from facilitator.services.library.search import Query, search_tools

    row = search_tools(db, Query(text="iceberg"))[0]
    tools.set_favourite(db, row["id"], True)
    ev = events.create_event(db, cohort_id, {"title": "Lab <day>", "kind": "learning lab",
                                              "start_date": "2026-03-02", "end_date": "2026-03-02"}).id
    ses = sessions.create_session(db, ev, {"title": "Morning", "day": "2026-03-02", "start": "09:30"}).id
    item = agenda.create_item(db, ses, {"title": "Café", "kind": "activity", "duration": "30"}).id
    agenda.link_tool(db, item, "world-cafe")

    dlg = PrintCardsDialog(ctx, [])
    qtbot.addWidget(dlg)
    dlg.source_buttons["favourites"].setChecked(True)
    with qtbot.waitSignal(dlg.written, timeout=20000):
        dlg.save(str(tmp_path / "fav.pdf"))
    assert _titles(tmp_path / "fav.pdf") == [row["name"]]

    assert dlg.event.count() == 1 and dlg.source_buttons["event"].isEnabled()
    dlg.source_buttons["event"].setChecked(True)
    with qtbot.waitSignal(dlg.written, timeout=20000):
        dlg.save(str(tmp_path / "event.pdf"))
    reader = PdfReader(tmp_path / "event.pdf")
    assert _titles(tmp_path / "event.pdf") == ["World café on a systems question"]
    assert reader.metadata.title == "Method cards for Lab <day>"


def test_a_bad_pack_file_says_why_and_writes_nothing(qtbot, ctx, tmp_path, answers):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    dlg = PrintCardsDialog(ctx, [])
    qtbot.addWidget(dlg)
    dlg.source_buttons["pack"].setChecked(True)
    dlg.pack_path.setText("")
    dlg.save(str(tmp_path / "x.pdf"))
    assert "Choose a tool pack file" in dlg.status.text() and dlg.job is None
    dlg.pack_path.setText(str(bad))
    with qtbot.waitSignal(dlg.finished_job, timeout=20000) as blocker:
        dlg.save(str(tmp_path / "x.pdf"))
    assert blocker.args == ["failed"]
    assert answers.warnings and "not valid JSON" in answers.warnings[-1][1]
    assert not (tmp_path / "x.pdf").exists() and "Nothing was written" in dlg.status.text()


def test_cancel_leaves_no_file(qtbot, ctx, db, tmp_path):
    from facilitator.services.library import sync_builtin_cards

    sync_builtin_cards(db)
    dlg = PrintCardsDialog(ctx, [])
    qtbot.addWidget(dlg)
    dlg.source_buttons["all"].setChecked(True)
    dlg.per_sheet.setCurrentIndex(dlg.per_sheet.findData(1))
    out = tmp_path / "all.pdf"
    with qtbot.waitSignal(dlg.finished_job, timeout=30000) as blocker:
        dlg.save(str(out))
        assert dlg.cancel_button.text() == "Cancel"
        dlg.cancel_button.click()
    assert blocker.args == ["cancelled"] and "Cancelled; nothing was written" in dlg.status.text()
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")] == []
    assert dlg.cancel_button.text() == "Close" and dlg.save_button.isEnabled()


def test_an_empty_library_says_so(qtbot, ctx, tmp_path, answers):
    dlg = PrintCardsDialog(ctx, [])
    qtbot.addWidget(dlg)
    assert dlg.source() == "all"
    with qtbot.waitSignal(dlg.finished_job, timeout=20000) as blocker:
        dlg.save(str(tmp_path / "x.pdf"))
    assert blocker.args == ["failed"] and "no cards to print" in answers.warnings[-1][1]
    assert not (tmp_path / "x.pdf").exists()
