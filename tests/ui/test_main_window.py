"""Window state is remembered; the layering rule holds."""

from __future__ import annotations

import ast
from pathlib import Path

from facilitator import demo
from facilitator.services.cohort import cohorts
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow


def test_geometry_splitter_and_last_cohort_are_remembered(qtbot, db):
    cohorts.create_cohort(db, {"name": "First"})
    second = cohorts.create_cohort(db, {"name": "Second"}).id
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(AppContext(db, win))
    win.show()
    qtbot.waitExposed(win)
    win.resize(720, 520)
    win.splitter.setSizes([200, 520])
    win.selector.setCurrentIndex(win.selector.findData(second))
    assert win.ctx.cohort_id == second
    win.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.attach(AppContext(db, again))
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (720, 520)
    assert again.splitter.sizes()[0] == 200
    assert again.ctx.cohort_id == second


def test_only_working_areas_and_first_run_flag(qtbot, db):
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(AppContext(db, win))
    assert win.first_run is True
    assert [win.nav.item(i).text() for i in range(win.nav.count())] == list(
        t for _k, t, _c in __import__("facilitator.ui.areas", fromlist=["AREAS"]).AREAS
    )
    demo.create_demo(db)
    win2 = MainWindow()
    qtbot.addWidget(win2)
    win2.attach(AppContext(db, win2))
    assert win2.first_run is False


def test_ui_never_imports_sqlalchemy():
    ui = Path(__file__).parents[2] / "facilitator" / "ui"
    offenders = []
    for path in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "sqlalchemy"]
    assert offenders == []


def test_domain_and_services_never_import_qt_widgets():
    root = Path(__file__).parents[2] / "facilitator"
    for layer in ("models", "services", "store", "demo"):
        for path in (root / layer).rglob("*.py"):
            assert "PySide6" not in path.read_text(), path
