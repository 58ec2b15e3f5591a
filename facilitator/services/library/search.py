"""Search as you type: SQLite FTS5 over name, summary, purpose, steps, tips and themes, ranked by bm25
(a match in the name counts most), plus filters by theme, time, group size and favourites."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from facilitator.services.library.cards import typical_minutes
from facilitator.services.library.usage import usage_counts
from facilitator.store.database import Database

WORD_RE = re.compile(r"\w+", re.UNICODE)
# bm25 weights for name, summary, purpose, steps, tips, themes
WEIGHTS = "10.0, 5.0, 2.0, 1.0, 1.0, 3.0"
LIMIT = 200


@dataclass(frozen=True)
class Query:
    text: str = ""
    theme: str = ""
    fits_minutes: int | None = None  # cards that can be run in this time
    group: int | None = None  # cards that work for a group of this size
    favourites: bool = False
    limit: int = LIMIT


def match_expression(query_text: str) -> str:
    """Each word typed must appear; every word may be the start of a longer one (as you type).

    A lone letter matches almost everything and is slow to rank, so single characters wait
    for the next keystroke (digits count: "5" finds "5 minutes")."""
    words = [w for w in WORD_RE.findall(query_text.lower()) if len(w) > 1 or w.isdigit()][:12]
    return " ".join(f'"{w}"*' for w in words)


def search_tools(db: Database, query: Query) -> list[dict[str, Any]]:
    where, params = ["1"], {"limit": query.limit}
    if query.theme:
        where.append("instr(char(10) || lower(t.themes) || char(10), :theme) > 0")
        params["theme"] = "\n" + query.theme.lower() + "\n"
    if query.fits_minutes is not None:
        where.append("t.duration_min <= :fits")
        params["fits"] = query.fits_minutes
    if query.group is not None:
        where.append("t.group_min <= :group AND t.group_max >= :group")
        params["group"] = query.group
    if query.favourites:
        where.append("t.favourite = 1")
    columns = (
        "t.id, t.key, t.name, t.summary, t.themes, t.duration_min, t.duration_max, t.group_min, "
        "t.group_max, t.favourite, t.builtin, t.user_modified, t.materials, t.steps"
    )
    match = match_expression(query.text)
    if match:
        params["match"] = match
        sql = (
            f"SELECT {columns} FROM tools_fts f JOIN tools t ON t.id = f.rowid "
            f"WHERE tools_fts MATCH :match AND {' AND '.join(where)} "
            f"ORDER BY bm25(tools_fts, {WEIGHTS}), t.favourite DESC, t.name LIMIT :limit"
        )
    else:
        sql = (
            f"SELECT {columns} FROM tools t WHERE {' AND '.join(where)} "
            "ORDER BY t.favourite DESC, lower(t.name) LIMIT :limit"
        )
    with db.read() as s:
        rows = s.execute(text(sql), params).all()
        used = usage_counts(s, [r.key for r in rows]) if rows else {}
    return [_row(r, used.get(r.key, 0)) for r in rows]


def _row(r, times_used: int) -> dict[str, Any]:
    duration = {"min": r.duration_min, "max": r.duration_max}
    return {
        "id": r.id, "key": r.key, "name": r.name, "summary": r.summary,
        "themes": [t for t in r.themes.split("\n") if t],
        "duration": duration,
        "group_size": {"min": r.group_min, "max": r.group_max},
        "favourite": bool(r.favourite), "builtin": bool(r.builtin),
        "user_modified": bool(r.user_modified),
        "materials": [m for m in r.materials.split("\n") if m],
        "typical_minutes": typical_minutes({"steps": json.loads(r.steps or "[]"), "duration": duration}),
        "times_used": times_used,
    }


def count_tools(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM tools")).scalar())


def list_themes(db: Database) -> list[str]:
    """Every theme in use, sorted, for the filter."""
    with db.read() as s:
        rows = s.execute(text("SELECT DISTINCT themes FROM tools")).scalars()
        found = {t.strip() for themes in rows for t in themes.split("\n") if t.strip()}
    return sorted(found, key=str.lower)
