"""Alembic, run from code. Revisions are numbered 0001, 0002, … so "newer" is a comparison."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def include_object(_obj, name, type_, _reflected, _compare_to) -> bool:
    """What autogenerate compares: not the full-text search tables, which are SQLite virtual
    tables (and their shadow tables) that migrations create by hand, not models."""
    return not (type_ == "table" and name and "_fts" in name)




def known_revisions() -> list[str]:
    """Revision ids shipped with this build, oldest first (from the version files' names)."""
    return sorted(
        _revision_id(p) for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    )


def _revision_id(path: Path) -> str:
    """The file's `revision = '…'` (a branch's migration may carry a letter, e.g. 0006x,
    until it is renumbered), else the number its name starts with."""
    found = re.search(r"^revision = ['\"]([^'\"]+)['\"]", path.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else path.name.split("_", 1)[0]


def head_revision() -> str:
    return known_revisions()[-1]


def is_newer(revision: str) -> bool:
    if revision in known_revisions():
        return False
    return not revision.isdigit() or revision > head_revision()


def upgrade_file(path: Path, target: str = "head") -> None:
    """Upgrade the database at `path` in one transaction (see store.engines): all the
    migrations of this start commit together, or none of them does."""
    from facilitator.store.engines import make_migration_engine

    engine = make_migration_engine(path)
    try:
        upgrade(engine, target)
    finally:
        engine.dispose()


def upgrade(engine, target: str = "head") -> None:
    """Run the migrations on `engine` inside one SQLAlchemy transaction; refuse to commit a
    result whose references do not hold. Only an engine from make_migration_engine makes the
    DDL itself transactional (upgrade_file uses one)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, target)
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the upgrade left {len(broken)} broken reference(s), first {broken[0]}")
