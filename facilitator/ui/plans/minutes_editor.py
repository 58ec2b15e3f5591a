"""The agenda's Min cell edited in place: a spin box; Enter saves, Escape cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate

from facilitator.services.plans.form_values import MAX_MINUTES


class MinutesDelegate(QStyledItemDelegate):
    def createEditor(self, parent, _option, _index):  # noqa: N802 - Qt's name
        box = QSpinBox(parent)
        box.setObjectName("minutesEditor")
        box.setRange(0, MAX_MINUTES)
        box.setSingleStep(5)
        box.setSuffix(" min")
        box.setAlignment(Qt.AlignmentFlag.AlignRight)
        box.setFrame(False)
        box.setToolTip("Minutes: Enter saves, Escape cancels")
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))
        editor.selectAll()

    def setModelData(self, editor, model, index):  # noqa: N802
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, _index):  # noqa: N802
        rect = option.rect
        editor.setGeometry(rect.adjusted(0, 0, max(0, 84 - rect.width()), 0))  # room for "120 min"
