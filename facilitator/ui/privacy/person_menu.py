"""The "Personal data" button on a participant: a small menu with Consent history…,
Everything we hold about this person… and Erase this person… (one button, so the Cohort
area's bar does not grow wider)."""

from __future__ import annotations

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu, QPushButton

from facilitator.ui.privacy.consent_dialog import show_consent_history
from facilitator.ui.privacy.erase import erase_person
from facilitator.ui.privacy.subject_access import export_subject_access

LABEL = "Personal data…"


def personal_data_action(ctx):
    """An extra action for a RecordPanelSpec: (panel, record) -> opens the menu under the
    button (`panel.personal_data_menu`, kept so tests can reach it)."""

    def open_menu(panel, rec: dict) -> None:
        menu = QMenu(panel)
        menu.addAction("Consent history…", lambda: show_consent_history(ctx, panel, rec))
        menu.addAction("Everything we hold about this person…",
                       lambda: export_subject_access(ctx, panel, rec))
        menu.addSeparator()
        menu.addAction("Erase this person…", lambda: erase_person(ctx, panel, rec))
        panel.personal_data_menu = menu
        button = next((b for b in panel.findChildren(QPushButton) if b.text() == LABEL), None)
        pos = button.mapToGlobal(button.rect().bottomLeft()) if button else QCursor.pos()
        menu.popup(pos)

    return LABEL, open_menu


def menu_action(panel, text: str):
    return next(a for a in panel.personal_data_menu.actions() if a.text() == text)
