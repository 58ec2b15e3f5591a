"""Choose a method card for an agenda item."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from facilitator.ui.library.card_browser import CardBrowser


class CardPickerDialog(QDialog):
    def __init__(self, ctx, parent, title: str, *, offer_defaults: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: dict | None = None
        self.browser = CardBrowser(ctx, self)
        self.browser.activated.connect(self._take)
        self.defaults = QCheckBox("Use the card's time and materials for the item")
        self.defaults.setChecked(True)
        self.defaults.setVisible(offer_defaults)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #444;")
        self.browser.list.selectionModel().currentChanged.connect(lambda *_: self._describe())
        self.browser.results_shown.connect(lambda _n: self._describe())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(lambda: self._take(self.browser.current()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.defaults)
        layout.addWidget(buttons)
        self.resize(520, 560)
        self.browser.search_box.setFocus()

    def _describe(self) -> None:
        rec = self.browser.current()
        if rec is None:
            self.detail.setText("No card chosen.")
            return
        materials = ", ".join(rec["materials"]) or "no materials listed"
        self.detail.setText(f"<b>{escape(rec['name'])}</b>: about {rec['typical_minutes']} min; {escape(materials)}.")

    def _take(self, rec: dict | None) -> None:
        if rec is not None:
            self.chosen = rec
            self.accept()
