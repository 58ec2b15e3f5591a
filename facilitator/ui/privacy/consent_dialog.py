"""Consent history… on a participant: every change to their consents, oldest first, with the
wording the form showed when it was made."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
)

from facilitator.services.privacy.consent import consent_history
from facilitator.ui.widgets.text_table import TextTable
from facilitator.ui.workers import run_in_background, while_alive

HEADERS = ("Changed", "Consent", "Given", "Recorded on", "Wording shown")
SHORT = {"consent_storage": "Storing details", "consent_photos": "Photographs",
         "consent_share_org": "Sharing with organisation"}


class ConsentHistoryDialog(QDialog):
    def __init__(self, parent, name: str, history: list[dict]):
        super().__init__(parent)
        self.setWindowTitle(f"Consent history: {name}")
        self.resize(820, 360)
        layout = QVBoxLayout(self)
        note = QLabel("Every change to their consents, oldest first, with the words the form "
                      "showed at the time." if history else
                      "No consent has been recorded for them yet.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = TextTable(HEADERS, [
            (h["changed_at"].strftime("%d %b %Y %H:%M"), SHORT.get(h["consent"], h["consent"]),
             "Yes" if h["given"] else "No",
             h["recorded_on"].strftime("%d %b %Y") if h["recorded_on"] else "", h["wording"])
            for h in history])
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_consent_history(ctx, panel, rec: dict) -> None:
    name = f"{rec.get('given_name', '')} {rec.get('family_name', '')}".strip()
    db, pid = ctx.db, rec["id"]
    run_in_background(lambda: consent_history(db, pid),
                      while_alive(panel, lambda h: ConsentHistoryDialog(panel, name, h).exec()),
                      while_alive(panel, lambda exc: ctx.show_error(exc, panel)))
