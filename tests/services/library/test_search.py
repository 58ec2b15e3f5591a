"""Full-text search with filters, ranked, prefix-matching as you type."""

from __future__ import annotations

from facilitator.services.library import search, tools
from facilitator.services.library.search import Query, match_expression


def keys(db, **kw):
    return [r["key"] for r in search.search_tools(db, Query(**kw))]


def test_match_expression_is_safe_and_prefixes_every_word():
    assert match_expression('ice "berg" OR NEAR(') == '"ice"* "berg"* "or"* "near"*'
    assert match_expression("  ") == ""
    assert match_expression("peer c") == '"peer"*' and match_expression("p") == ""


def test_name_match_ranks_first_and_prefix_matches(lib):
    assert keys(lib, text="iceberg")[0] == "iceberg-model"
    assert keys(lib, text="icebe")[0] == "iceberg-model"
    assert keys(lib, text="rich pict")[0] == "rich-pictures"
    assert "peer-coaching-trios" in keys(lib, text="coaching threes")


def test_search_reaches_steps_and_tips(lib):
    # only in a step of the data trail card
    assert "data-trail-walk" in keys(lib, text="crosses")
    # only in a tip of the rule sort card
    assert "rule-sort" in keys(lib, text="circle these")


def test_edits_reach_the_index(lib):
    tid = next(r["id"] for r in search.search_tools(lib, Query("gallery")))
    tools.update_tool(lib, tid, {"steps": "10 | Zebra crossing of posters"})
    assert keys(lib, text="zebra") == ["gallery-walk"]
    assert "gallery-walk" not in keys(lib, text="hosts swap")


def test_filters(lib):
    trust = keys(lib, theme="Community and trust")
    assert "check-in-rounds" in trust and "iceberg-model" not in trust
    short = search.search_tools(lib, Query(fits_minutes=15))
    assert short and all(r["duration"]["min"] <= 15 for r in short)
    pairs = search.search_tools(lib, Query(group=2))
    assert pairs and all(r["group_size"]["min"] <= 2 <= r["group_size"]["max"] for r in pairs)
    assert "world-cafe" not in [r["key"] for r in pairs]
    both = keys(lib, text="listening", group=2, theme="peer coaching")
    assert both and set(both) <= {r["key"] for r in pairs}


def test_empty_search_lists_favourites_first_then_by_name(lib):
    tid = next(r["id"] for r in search.search_tools(lib, Query("seasons")))
    tools.set_favourite(lib, tid, True)
    rows = search.search_tools(lib, Query())
    assert rows[0]["key"] == "seasons-of-change"
    names = [r["name"].lower() for r in rows[1:]]
    assert names == sorted(names)
    assert "nature-based metaphors" in search.list_themes(lib)
