"""Choose who is in a peer-coaching group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)


class MembersDialog(QDialog):
    def __init__(self, parent, group: dict, people: list[dict], other_groups: dict[int, str]):
        super().__init__(parent)
        self.setWindowTitle(f"Members of {group['name']}")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter people…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("members")
        chosen = set(group.get("member_ids", []))
        for p in people:
            name = f"{p['given_name']} {p['family_name']}".strip()
            extra = [x for x in (p.get("organisation"), other_groups.get(p["id"])) if x]
            item = QListWidgetItem(name + (f"  —  {', '.join(extra)}" if extra else ""))
            item.setData(Qt.ItemDataRole.UserRole, p["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p["id"] in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.summary = QLabel()
        self.list.itemChanged.connect(lambda _i: self._update_summary())
        self.filter.textChanged.connect(self._apply_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(460, 520)
        self._update_summary()

    def member_ids(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_summary(self) -> None:
        n = len(self.member_ids())
        hint = "" if n == 3 else "  (peer coaching works best in threes)"
        self.summary.setText(f"{n} chosen{hint}")

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))
