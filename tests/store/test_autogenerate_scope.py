"""What the schema comparison (autogenerate, and the test that models match migrations) looks
at: every table, column and index of the models, but not the full-text search tables, which
migrations make by hand as SQLite virtual tables."""

from __future__ import annotations

import pytest

from facilitator.store.migrate import include_object


@pytest.mark.parametrize(("name", "type_", "compared"), [
    ("participants", "table", True),
    ("tool_fts", "table", False),
    ("tool_fts_data", "table", False),  # a shadow table of the virtual one
    ("ix_tool_fts_hint", "index", True),  # only tables are left out, whatever their name
    ("notes_fts", "column", True),
])
def test_only_the_full_text_tables_are_left_out_of_the_comparison(name, type_, compared):
    assert include_object(None, name, type_, False, None) is compared
