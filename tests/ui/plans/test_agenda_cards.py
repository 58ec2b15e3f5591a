"""Cards onto the agenda as a facilitator would: pick one for an item, drag one from the
cards panel, double-click one; undo; the library shows how often a card is used."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from facilitator.services.plans import agenda
from facilitator.services.plans.agenda import TOOL_MIME
from tests.ui.helpers import when_dialog_opens
from tests.ui.plans.test_plan_area import column, open_plans, settle


def wait_results(qtbot, browser):
    qtbot.waitUntil(lambda: not browser._busy and browser.model.rowCount() > 0, timeout=5000)


def test_pick_a_card_for_an_item_then_undo(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    view.table.selectRow(column(area, 3).index("Hopes and fears"))
    item = view.current_item()
    picked = {}

    def choose(dlg):
        wait_results(qtbot, dlg.browser)
        qtbot.keyClicks(dlg.browser.search_box, "levels of listening")
        qtbot.waitUntil(lambda: dlg.browser.current() is not None
                        and dlg.browser.current()["key"] == "levels-of-listening", timeout=5000)
        picked.update(dlg.browser.current())
        assert "min" in dlg.detail.text()
        dlg._take(dlg.browser.current())

    when_dialog_opens(choose)
    view.card_button.trigger()
    settle(qtbot, area, event_id)
    rec = agenda.get_item(db, item["id"])
    assert rec["tool_key"] == "levels-of-listening"
    assert rec["duration_minutes"] == picked["typical_minutes"]
    window.undo_action.trigger()
    assert agenda.get_item(db, item["id"])["tool_key"] == item["tool_key"]
    assert agenda.get_item(db, item["id"])["duration_minutes"] == item["duration_minutes"]


def test_drag_from_the_cards_panel_and_double_click(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    view.cards_toggle.trigger()
    assert view.cards.isVisibleTo(view)
    wait_results(qtbot, view.cards)
    rows_before = view.model.rowCount()
    card = view.cards.model.record(0)
    mime = view.cards.model.mimeData([view.cards.model.index(0)])
    assert mime.hasFormat(TOOL_MIME)
    assert view.model.dropMimeData(mime, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    settle(qtbot, area, event_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == rows_before + 1, timeout=5000)
    assert column(area, 3)[1] == card["name"]
    # double-click in the panel adds after the chosen item
    view.table.selectRow(0)
    view.cards.list.setCurrentIndex(view.cards.model.index(1))
    second = view.cards.model.record(1)
    view.cards.activated.emit(second)
    qtbot.waitUntil(lambda: view.model.rowCount() == rows_before + 2, timeout=5000)
    assert column(area, 3)[1] == second["name"]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == rows_before + 1, timeout=5000)


def test_library_shows_how_often_a_card_is_used(qtbot, db, window):
    area, event_id = open_plans(qtbot, db, window)
    view = area.agenda
    view.table.selectRow(0)
    view.cards_toggle.trigger()
    wait_results(qtbot, view.cards)
    card = view.cards.model.record(0)
    view.cards.activated.emit(card)
    library = window.show_area("library")
    qtbot.waitUntil(lambda: any(
        r["key"] == card["key"] and r["times_used"] >= 1 for r in library.model._rows), timeout=5000)
    row = next(i for i, r in enumerate(library.model._rows) if r["key"] == card["key"])
    assert "used" in library.model.data(library.model.index(row))
