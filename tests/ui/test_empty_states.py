"""With no cohort, Plans and Finding the flex say what to do next, with buttons that do it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import when_dialog_opens


@pytest.mark.parametrize("key", ["plans", "flex"])
def test_no_cohort_shows_the_way_on_instead_of_disabled_buttons(qtbot, window, key):
    area = window.show_area(key)
    assert window.ctx.cohort_id is None
    assert area.page.showing_empty
    assert "Create a cohort or add the demo" in area.page.empty.text.text()
    assert list(area.page.empty.buttons) == ["New cohort…", "Add the demo cohort"]


def test_the_new_cohort_button_makes_one_and_the_area_appears(qtbot, window):
    area = window.show_area("plans")

    def fill(dlg):
        dlg.editors["name"].widget.setText("Spring cohort")
        dlg.accept()

    when_dialog_opens(fill)
    qtbot.mouseClick(area.page.empty.buttons["New cohort…"], Qt.MouseButton.LeftButton)
    assert window.selector.currentText() == "Spring cohort  (0 participants)"
    assert not area.page.showing_empty
    qtbot.waitUntil(area.timeline.new_button.isEnabled, timeout=5000)  # loaded in the background
    window.undo_action.trigger()  # the cohort goes again, and so does the area's content
    assert window.ctx.cohort_id is None and area.page.showing_empty


def test_the_demo_button_does_what_the_file_menu_does(qtbot, window):
    area = window.show_area("flex")
    with qtbot.waitSignal(window.act_demo.triggered, timeout=1000):
        qtbot.mouseClick(area.page.empty.buttons["Add the demo cohort"], Qt.MouseButton.LeftButton)
