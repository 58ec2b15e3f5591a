"""The Tool library area: search as you type, filters, the card, edits with undo, drag, packs."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QRadioButton

from facilitator.services.library import packs, search
from facilitator.ui.library.area import LibraryArea
from facilitator.ui.library.results_model import MIME_TYPE
from tests.ui.helpers import when_dialog_opens


@pytest.fixture
def area(qtbot, ctx):
    widget = LibraryArea(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.results_shown, timeout=5000):
        pass
    return widget


def type_query(qtbot, area, text):
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.search_box.setText(text)


def shown_keys(area):
    return [area.model.record(r)["key"] for r in range(area.model.rowCount())]


def test_first_load_brings_in_the_builtin_cards(area):
    assert area.model.rowCount() >= 30
    assert area.theme.findData("seeing systems") > 0
    assert area.card.toPlainText().startswith("Choose a card")


def test_typing_searches_and_opens_the_best_card(qtbot, area):
    type_query(qtbot, area, "rich pic")
    assert shown_keys(area)[0] == "rich-pictures"
    text = area.card.toPlainText()
    for words in ("Rich pictures", "PURPOSE", "1.", "min", "MATERIALS", "FACILITATOR TIPS",
                  "IN FRONTLINE SETTINGS", "Checkland", "MIT, Facilitator project"):
        assert words.lower() in text.lower()
    type_query(qtbot, area, "zzzqqq")
    assert area.model.rowCount() == 0 and "No cards match" in area.card.toPlainText()


def test_filters_narrow_the_results(qtbot, area):
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.group.setCurrentIndex(area.group.findData(2))
    assert "world-cafe" not in shown_keys(area) and "designing-an-alliance" in shown_keys(area)
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.theme.setCurrentIndex(area.theme.findData("finding the flex"))
    assert set(shown_keys(area)) <= {"rule-tracing", "small-experiment-canvas", "rule-sort"}
    assert shown_keys(area)


def test_results_are_a_drag_source_with_the_cards_defaults(qtbot, area):
    type_query(qtbot, area, "world cafe")
    index = area.model.index(0)
    mime = area.model.mimeData([index])
    assert area.model.mimeTypes() == [MIME_TYPE]
    data = json.loads(bytes(mime.data(MIME_TYPE)).decode())
    assert data == {"key": "world-cafe", "name": "World café on a systems question", "duration": 60,
                    "materials": "Tables for four or five\nPaper tablecloths\nPens\nThe question written large"}
    assert area.results.dragEnabled()


def test_favourite_and_undo(qtbot, area, ctx):
    type_query(qtbot, area, "seasons")
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.favourite_button.click()
    assert area.current()["favourite"] and area.favourite_button.text().startswith("★")
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        ctx.undo_stack.undo()
    assert not area.current()["favourite"]


def test_new_card_through_the_form_then_delete_and_undo(qtbot, area, ctx, answers):
    def fill(dlg):
        eds = dlg.editors
        eds["name"].set_value("Walking one-to-ones")
        eds["summary"].set_value("Pairs talk while walking.")
        eds["purpose"].set_value("Side by side talk is easier.")
        eds["themes"].set_value("listening")
        eds["steps"].set_value("walk")  # wrong: no minutes
        dlg.accept()
        assert dlg.isVisible() and "line 1" in eds["steps"].error.text()
        eds["steps"].set_value("5 | Pair up\n20 | Walk and talk")
        dlg.accept()

    when_dialog_opens(fill)
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.new_button.click()
    assert area.current()["name"] == "Walking one-to-ones"
    assert "Your card" in area.card.toPlainText()
    assert area.delete_button.isEnabled()
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.delete_button.click()
    assert "Walking one-to-ones" not in [area.model.record(r)["name"] for r in range(area.model.rowCount())]
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        ctx.undo_stack.undo()
    assert "Walking one-to-ones" in [area.model.record(r)["name"] for r in range(area.model.rowCount())]


def test_editing_a_builtin_offers_reset_and_both_undo(qtbot, area, ctx, answers):
    type_query(qtbot, area, "iceberg")
    assert not area.delete_button.isEnabled() and not area.reset_button.isEnabled()

    def edit(dlg):
        dlg.editors["summary"].set_value("Our own iceberg.")
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    when_dialog_opens(edit)
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.edit_button.click()
    assert area.current()["summary"] == "Our own iceberg." and area.current()["user_modified"]
    assert "edited by you" in area.card.toPlainText() and area.reset_button.isEnabled()
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.reset_button.click()
    assert area.current()["summary"].startswith("Take one frustrating event")
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        ctx.undo_stack.undo()
    assert area.current()["summary"] == "Our own iceberg."
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        ctx.undo_stack.undo()
    assert not area.current()["user_modified"]


def test_duplicate_selects_the_copy(qtbot, area, ctx):
    type_query(qtbot, area, "gallery")
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.duplicate_button.click()
    type_query(qtbot, area, "gallery walk copy")
    assert "Gallery walk (copy)" in area.card.toPlainText()


def test_export_then_import_with_a_conflict(qtbot, area, ctx, tmp_path, answers):
    type_query(qtbot, area, "iceberg")
    out = tmp_path / "pack.json"
    with qtbot.waitSignal(area.exported, timeout=5000):
        area.export_pack(str(out))
    data = json.loads(out.read_text())
    assert [c["key"] for c in data["tools"]] == area.chosen_keys()
    data["tools"][0]["summary"] = "A colleague's iceberg."
    out.write_text(json.dumps(data))

    def choose_replace(dlg):
        labels = " ".join(label.text() for label in dlg.findChildren(QLabel))
        assert "1 conflict." in labels and "different text" in labels  # one, not "(s)"
        dlg.findChild(QRadioButton, "replace").setChecked(True)
        dlg.accept()

    when_dialog_opens(choose_replace)
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        area.import_pack(str(out))
    rows = search.search_tools(ctx.db, search.Query("iceberg"))
    assert rows[0]["summary"] == "A colleague's iceberg."
    with qtbot.waitSignal(area.results_shown, timeout=5000):
        ctx.undo_stack.undo()
    assert search.search_tools(ctx.db, search.Query("iceberg"))[0]["summary"].startswith("Take one")


def test_a_bad_pack_is_refused_in_words(qtbot, area, tmp_path, answers):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": packs.FORMAT, "schema_version": 99, "tools": []}))
    before = area.model.rowCount()
    area.import_pack(str(bad))
    qtbot.waitUntil(lambda: bool(answers.warnings), timeout=5000)
    assert "schema version 99" in answers.warnings[0][1]
    assert area.model.rowCount() == before


def test_library_is_an_area_of_the_main_window(window):
    assert "library" in window.areas
    assert "Tool library" in [window.nav.item(i).text() for i in range(window.nav.count())]
    assert window.show_area("library") is window.areas["library"]
