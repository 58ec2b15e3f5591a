"""Manage event templates: the saved ones can be renamed and deleted (both undoable); the
built-in ones are listed, marked, and left alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from facilitator.services.fields import FieldSpec
from facilitator.services.plans import templates
from facilitator.ui import messages, undo
from facilitator.ui.plans import edits
from facilitator.ui.widgets.form import FormDialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
BUILTIN_FG = QColor("#6b6b6b")
NAME_FIELD = (FieldSpec("name", "Template name", required=True, max_length=160),)


class TemplateManager(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Event templates")
        self.templates: list[dict] = []
        self.list = QListWidget()
        self.list.setObjectName("templates")
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda *_: self._chosen())
        self.list.itemDoubleClicked.connect(lambda _i: self.rename())
        self.about = QLabel()
        self.about.setObjectName("templateAbout")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setStyleSheet("color: #444;")
        self.about.setMinimumHeight(48)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.delete_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        intro = QLabel("Templates you saved from an event can be renamed or deleted "
                       "(Ctrl+Z undoes either). The built-in ones come with the app.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.about)
        layout.addWidget(buttons)
        ctx.changed.connect(self._on_changed)
        self.reload()
        self.resize(560, 400)

    # loading -------------------------------------------------------------------------------
    def reload(self, select_key: str | None = None) -> None:
        keep = select_key or (self.current() or {}).get("key")
        self.templates = self.ctx.call(templates.list_templates, self.ctx.db, parent=self) or []
        self.list.blockSignals(True)
        self.list.clear()
        target = None
        for t in self.templates:
            days = f"{t['days']} day" + ("" if t["days"] == 1 else "s")
            text = f"{t['name']}  ·  {days}" + ("  ·  built in" if t["builtin"] else "")
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, t["key"])
            if t["builtin"]:
                item.setForeground(QBrush(BUILTIN_FG))
                item.setToolTip("Built in: it comes with the app and cannot be renamed or deleted.")
            self.list.addItem(item)
            if t["key"] == keep:
                target = item
        self.list.blockSignals(False)
        if target is None:  # first saved one, else the first of all
            saved = [i for i in range(self.list.count()) if not self.templates[i]["builtin"]]
            target = self.list.item(saved[0] if saved else 0)
        if target is not None:
            self.list.setCurrentItem(target)
        self._chosen()

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches("event_templates"):
            self.reload()

    def current(self) -> dict | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _chosen(self) -> None:
        t = self.current()
        saved = t is not None and not t["builtin"]
        self.rename_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)
        if t is None:
            self.about.setText("")
            return
        note = "Built in: it cannot be renamed or deleted." if t["builtin"] else "Saved from an event."
        self.about.setText(f"{t['description'].strip() or '(no description)'}\n{note}")

    # actions -------------------------------------------------------------------------------
    def rename(self) -> None:
        t = self.current()
        if t is None or t["builtin"]:
            return
        db, tid, before = self.ctx.db, t["id"], t["name"]

        def submit(values):
            name = templates.check_name(db, values["name"], tid)
            if name == before:
                return True
            return edits.set_value(self.ctx, "Rename template",
                                   lambda n: templates.rename_template(db, tid, n),
                                   before, name) or False

        FormDialog(self, f"Rename the template {before!r}", NAME_FIELD, {"name": before},
                   submit=submit).exec()

    def delete(self) -> None:
        t = self.current()
        if t is None or t["builtin"] or not messages.confirm(
            self, "Delete template",
            f"Delete the template {t['name']!r}?\nEvents already made from it keep their "
            "sessions and agenda. You can undo this with Ctrl+Z.",
        ):
            return
        db = self.ctx.db
        undo.remove(self.ctx, "template", lambda i: templates.delete_template(db, i),
                    lambda snap: templates.restore_template(db, snap), t["id"])
