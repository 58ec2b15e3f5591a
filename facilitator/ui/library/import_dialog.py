"""Before a tool pack is imported: what is new, what is unchanged, and each conflict, with a
choice of how to resolve conflicts. Nothing is written until Import is pressed."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from facilitator.ui.plurals import count

CHOICES = (
    ("keep", "Keep ours: skip the pack's version of these cards"),
    ("replace", "Replace ours with the pack's version (you can undo)"),
    ("copy", "Add the pack's version as separate copies"),
)


class ImportDialog(QDialog):
    def __init__(self, parent, file_name: str, plan):
        super().__init__(parent)
        self.setWindowTitle("Import tool pack")
        self.plan = plan
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"<b>{escape(file_name)}</b><br>{count(len(plan.new), 'new card')}, "
            f"{len(plan.same)} already here unchanged, {count(len(plan.conflicts), 'conflict')}."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.group = QButtonGroup(self)
        if plan.conflicts:
            rows = "".join(
                f"<li><b>{escape(ours)}</b> ({escape(key)}): the pack has different text"
                + (f", named “{escape(theirs)}”" if theirs != ours else "") + "</li>"
                for key, ours, theirs in plan.conflicts[:20]
            )
            more = f"<li>… and {len(plan.conflicts) - 20} more</li>" if len(plan.conflicts) > 20 else ""
            conflicts = QLabel(f"<p>These cards are already in your library with different text:</p><ul>{rows}{more}</ul>")
            conflicts.setWordWrap(True)
            layout.addWidget(conflicts)
            for i, (value, label) in enumerate(CHOICES):
                button = QRadioButton(label)
                button.setObjectName(value)
                button.setChecked(i == 0)
                self.group.addButton(button, i)
                layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(plan.new or plan.conflicts))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def resolution(self) -> str | None:
        if not self.plan.conflicts:
            return None
        return CHOICES[max(self.group.checkedId(), 0)][0]
