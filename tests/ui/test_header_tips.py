"""Every abbreviated column header says what it means in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.cohort.test_cohort_area import demo_window
from tests.ui.plans.test_plan_area import open_plans

TIP = Qt.ItemDataRole.ToolTipRole
H = Qt.Orientation.Horizontal


def _tips(model) -> dict[str, str]:
    return {model.headerData(c, H): model.headerData(c, H, TIP) for c in range(model.columnCount())}


def test_consent_headers_say_what_they_mean(qtbot, db, window):
    area, _ = demo_window(qtbot, db, window)
    tips = _tips(area.participants.model)
    assert tips["Stores"].startswith("Stores: consented to Facilitator keeping")
    assert "photographs" in tips["Photos"]
    assert "share their worksheets with their organisation" in tips["Shares"]
    assert tips["Name"] is None  # a whole word needs no tooltip


def test_agenda_and_register_headers_say_what_they_mean(qtbot, db, window):
    area, _ = open_plans(qtbot, db, window)
    agenda = _tips(area.agenda.model)
    assert agenda["Min"].startswith("Minutes the item lasts") and "F2" in agenda["Min"]
    assert "pinned" in agenda["Start"]
    register = _tips(area.register.model)
    assert "P present, L late, E excused or A absent" in register["Mark"]
