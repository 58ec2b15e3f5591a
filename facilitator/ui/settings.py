"""Where window state is remembered. FACILITATOR_SETTINGS points it at a file (tests do)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from facilitator import APP_NAME


def settings() -> QSettings:
    path = os.environ.get("FACILITATOR_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
