"""What the app loads, it imports plainly: so PyInstaller (and a reader) sees every module."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

import facilitator
from facilitator import commands
from facilitator.ui.areas import AREAS
from facilitator.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "facilitator"


def test_every_command_module_is_registered():
    on_disk = {p.stem for p in (PACKAGE / "commands").glob("*.py")} - {"__init__", "groups", "terminal"}
    assert {m.__name__.rsplit(".", 1)[1] for m in commands.MODULES} == on_disk
    assert all(callable(m.register) for m in commands.MODULES)


def test_every_area_loads_a_widget_class():
    assert [key for key, _t, _l in AREAS] == ["cohort", "plans", "library", "flex", "learning"]
    for _key, _title, load in AREAS:
        assert issubclass(load(), QWidget)


def test_nothing_is_imported_by_a_name_in_a_string():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in ("import_module", "__import__"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_the_version_is_pyprojects_and_about_shows_it(qtbot, monkeypatch):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert facilitator.__version__ == version
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    win = MainWindow()
    qtbot.addWidget(win)
    help_menu = next(a.menu() for a in win.menuBar().actions() if "Help" in a.text())
    next(a for a in help_menu.actions() if "About" in a.text()).trigger()
    assert shown and f"Facilitator {version}" in shown[0][1]
