"""The house's layout: services grouped by area, mirrored in ui and tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[1]
AREAS = {"cohort", "plans", "library", "flex", "learning", "privacy"}
SHARED = {"__init__", "changes", "errors", "fields", "records", "snapshots"}
# ui packages over several areas: shared widgets, and the dialogs of File → Restore from backup…,
# Print and export… and the workbooks (export and import)
ACROSS_AREAS = {"widgets", "backups", "exports", "workbooks", "database"}


def test_services_top_holds_only_what_areas_share():
    top = ROOT / "facilitator" / "services"
    modules = {p.stem for p in top.glob("*.py")}
    packages = {p.name for p in top.iterdir() if (p / "__init__.py").exists()}
    assert modules <= SHARED, modules - SHARED
    assert AREAS <= packages


def test_ui_and_tests_use_the_same_area_names():
    for base in ("facilitator/ui", "tests/services", "tests/ui"):
        folder = ROOT / base
        have = {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
        assert AREAS <= have, (base, have)
        assert not have - AREAS - ACROSS_AREAS, (base, have - AREAS)
