"""Alembic, run from code. Revisions are numbered 0001, 0002, … so "newer" is a comparison."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def include_object(_obj, name, type_, _reflected, _compare_to) -> bool:
    """What autogenerate compares: not the full-text search tables, which are SQLite virtual
    tables (and their shadow tables) that migrations create by hand, not models."""
    return not (type_ == "table" and name and "_fts" in name)


REVISION_RE = re.compile(r"^revision\s*=\s*['\"]([0-9A-Za-z]+)['\"]", re.MULTILINE)


def known_revisions() -> list[str]:
    """Revision ids shipped with this build, oldest first (each version file's `revision`,
    which may carry a letter while branches are merged, e.g. "0006p")."""
    found = []
    for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"):
        m = REVISION_RE.search(p.read_text(encoding="utf-8"))
        found.append(m.group(1) if m else p.name.split("_", 1)[0])
    return sorted(found)


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
