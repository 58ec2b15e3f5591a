"""Small dialogs of the Plans area: choose a session, create an event from a template."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import OptionalDateEdit


class ChoiceDialog(QDialog):
    def __init__(self, parent, title: str, label: str, choices: list[tuple[str, object]]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo = QComboBox()
        self.combo.setObjectName("choice")
        for text, value in choices:
            self.combo.addItem(text, value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.combo)
        layout.addWidget(buttons)
        self.resize(460, 120)


def choose_session(parent, title: str, choices: list[tuple[str, int]]) -> int | None:
    dlg = ChoiceDialog(parent, title, "Session:", choices)
    return dlg.combo.currentData() if dlg.exec() == QDialog.DialogCode.Accepted else None


class TemplateDialog(QDialog):
    """Choose a template, the first day and a title for the new event."""

    def __init__(self, parent, templates: list[dict], first_day: date | None):
        super().__init__(parent)
        self.setWindowTitle("New event from a template")
        self.template = QComboBox()
        self.template.setObjectName("template")
        for t in templates:
            suffix = " (built in)" if t["builtin"] else ""
            self.template.addItem(f"{t['name']} · {count(t['days'], 'day')}{suffix}", t["key"])
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #444;")
        self._descriptions = [t["description"] for t in templates]
        self.template.currentIndexChanged.connect(self._describe)
        self.first_day = OptionalDateEdit()
        self.first_day.setObjectName("first_day")
        self.first_day.set_value(first_day)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setPlaceholderText("(the template's name)")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Template", self.template)
        form.addRow("", self.description)
        form.addRow("First day *", self.first_day)
        form.addRow("Title", self.title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.submit = None
        self._describe(0)
        self.resize(560, 240)

    def _describe(self, index: int) -> None:
        self.description.setText(self._descriptions[index] if 0 <= index < len(self._descriptions) else "")

    def values(self) -> tuple[str, date | None, str]:
        return self.template.currentData(), self.first_day.value(), self.title.text()

    def accept(self) -> None:
        if self.submit is not None:
            problem = self.submit(*self.values())
            if problem:
                self.error.setText(problem)
                self.error.show()
                return
        super().accept()
