"""File → New database…, Open database… and Open recent: choosing which database file to work
on. The choice is handed to the window's `database_requested` signal; the app opens it (off the
UI thread) and switches over only once it has opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from facilitator.ui import messages
from facilitator.ui.settings import settings

KEY = "recent/databases"
KEEP = 8
FILTER = "Facilitator database (*.sqlite);;All files (*)"


def recent() -> list[Path]:
    """The databases opened last, newest first (they may have been moved or deleted since)."""
    value = settings().value(KEY) or []
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [Path(v) for v in value if v][:KEEP]


def remember(path: Path) -> None:
    path = Path(path).resolve()
    paths = [path] + [p for p in recent() if p != path]
    s = settings()
    s.setValue(KEY, [str(p) for p in paths[:KEEP]])
    s.sync()


def forget_all() -> None:
    s = settings()
    s.remove(KEY)
    s.sync()


def fill_menu(window, menu: QMenu) -> None:
    """Rebuilt each time it opens, so a file deleted meanwhile shows greyed out."""
    menu.clear()
    current = window.ctx.db.path.resolve() if window.ctx is not None else None
    paths = recent()
    for n, path in enumerate(paths, start=1):
        label = f"&{n} {path.name}" if n < 10 else path.name
        act = menu.addAction(f"{label}   —   {path.parent}")
        if not path.is_file():
            act.setEnabled(False)
            act.setToolTip(f"This file is no longer there: {path}")
        elif path == current:
            act.setCheckable(True)
            act.setChecked(True)
            act.setToolTip(f"Open now: {path}")
        else:
            act.setToolTip(str(path))
        act.triggered.connect(lambda _=False, p=path: window.database_requested.emit(p))
    if not paths:
        none = menu.addAction("No databases opened yet")
        none.setEnabled(False)
    menu.addSeparator()
    clear = menu.addAction("Clear the list")
    clear.setEnabled(bool(paths))
    clear.triggered.connect(forget_all)


def _folder(window) -> str:
    if window.ctx is not None:
        return str(window.ctx.db.path.parent)
    paths = recent()
    return str(paths[0].parent) if paths else str(Path.home())


def choose_existing(parent: QWidget, folder: str) -> Path | None:
    """A real Open dialog: only an existing file can be chosen."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open a database", folder, FILTER)
    return Path(name) if name else None


def choose_new(parent: QWidget, folder: str) -> Path | None:
    """A Save dialog for a file that does not exist yet (an existing one is refused, never
    overwritten)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "New database", str(Path(folder) / "programme.sqlite"), FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".sqlite")
    if path.exists():
        messages.warn(parent, "That file already exists",
                      f"{path} already exists, so a new database was not made there (nothing "
                      "was changed).\nTo work on it, use File → Open database…; for a new one, "
                      "choose a name that is not taken.")
        return None
    return path


def ask_open_database(window) -> None:
    path = choose_existing(window, _folder(window))
    if path is not None:
        window.database_requested.emit(path)


def ask_new_database(window) -> None:
    path = choose_new(window, _folder(window))
    if path is not None:
        window.database_requested.emit(path)
