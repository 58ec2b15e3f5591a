"""Tool packs: export, import with merge by key, conflicts first, and bad packs refused whole."""

from __future__ import annotations

import json

import pytest

from facilitator.services.library import packs, search, tools
from facilitator.services.library.packs import ConflictError, PackError


def snapshot(db):
    return [tools.get_tool(db, r["id"]) for r in search.search_tools(db, search.Query(limit=1000))]


def _pack(tmp_path, cards, **over):
    body = {"format": packs.FORMAT, "schema_version": 1, "tools": cards} | over
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(body))
    return path


def test_export_then_import_into_another_database(lib, tmp_path):
    out = tmp_path / "out.json"
    assert packs.export_pack(lib, out, ["iceberg-model", "rich-pictures"]) == 2
    data = json.loads(out.read_text())
    assert data["schema_version"] == 1 and [c["key"] for c in data["tools"]] == ["iceberg-model", "rich-pictures"]
    assert not list(tmp_path.glob(".facilitator-*"))  # no temp file left behind
    with pytest.raises(Exception, match="No card with the key"):
        packs.export_pack(lib, tmp_path / "none.json", ["missing-key"])
    assert not (tmp_path / "none.json").exists()

    cards = packs.read_pack(out)
    plan = packs.plan_import(lib, cards)
    assert plan.same == ["iceberg-model", "rich-pictures"] and not plan.new and not plan.conflicts


def test_conflicts_write_nothing_until_resolved(lib, tmp_path):
    card = packs.pack_cards(lib, ["iceberg-model"])[0]
    theirs = dict(card, summary="Their version of the iceberg.")
    fresh = dict(card, key="their-own-card", name="Their own card")
    path = _pack(tmp_path, [theirs, fresh])
    cards = packs.read_pack(path)
    plan = packs.plan_import(lib, cards)
    assert plan.new == ["their-own-card"] and [c[0] for c in plan.conflicts] == ["iceberg-model"]

    before = snapshot(lib)
    with pytest.raises(ConflictError, match="1 conflict"):
        packs.apply_import(lib, cards)
    assert snapshot(lib) == before

    kept = packs.apply_import(lib, cards, "keep")
    assert len(kept.created) == 1 and not kept.replaced
    packs.undo_import(lib, kept)
    assert snapshot(lib) == before

    replaced = packs.apply_import(lib, cards, "replace")
    ice = tools.get_tool(lib, replaced.replaced[0][0])
    assert ice["summary"] == "Their version of the iceberg." and ice["user_modified"]
    packs.undo_import(lib, replaced)
    assert snapshot(lib) == before

    again = packs.apply_import(lib, cards, "replace")
    packs.undo_import(lib, again)
    packs.redo_import(lib, again)  # redo brings back the same cards, so later steps still apply
    assert {tools.get_tool(lib, i)["key"] for i in again.created} == {"their-own-card"}
    assert tools.get_tool(lib, again.replaced[0][0])["summary"] == "Their version of the iceberg."
    assert search.search_tools(lib, search.Query(text="their own card"))[0]["id"] == again.created[0]
    packs.undo_import(lib, again)
    assert snapshot(lib) == before

    copied = packs.apply_import(lib, cards, "copy")
    names = {tools.get_tool(lib, i)["name"] for i in copied.created}
    assert names == {"Their own card", "The iceberg: events, patterns, structures, mental models (imported)"}


BAD_PACKS = {
    "not JSON at all": (b"PK\x03\x04 this is a zip", "not valid JSON"),
    "a number of 5,000 digits": (b'{"format": "x", "n": ' + b"9" * 5000 + b"}", "number too long"),
    "not UTF-8": (b"\xff\xfe{}", "not UTF-8"),
    "wrong format": (json.dumps({"format": "other", "tools": []}).encode(), "not a Facilitator tool pack"),
    "wrong schema version": (
        json.dumps({"format": packs.FORMAT, "schema_version": 7, "tools": [{}]}).encode(), "newer Facilitator"
    ),
    "duplicate JSON keys": (
        b'{"format": "facilitator-tool-pack", "format": "x", "schema_version": 1, "tools": []}', "appears twice"
    ),
    "no tools": (json.dumps({"format": packs.FORMAT, "schema_version": 1, "tools": {}}).encode(), "list of at least one"),
    "an empty list of tools": (
        json.dumps({"format": packs.FORMAT, "schema_version": 1, "tools": []}).encode(), "list of at least one"
    ),
    "tools missing": (json.dumps({"format": packs.FORMAT, "schema_version": 1}).encode(), "list of at least one"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
}


@pytest.mark.parametrize("name", BAD_PACKS)
def test_malformed_packs_change_nothing_and_say_why(lib, tmp_path, name):
    data, words = BAD_PACKS[name]
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    before = snapshot(lib)
    with pytest.raises(PackError, match=words):
        packs.read_pack(path)
    assert snapshot(lib) == before


def _good(lib):
    return packs.pack_cards(lib, ["check-in-rounds"])[0] | {"key": "imported-one", "name": "Imported"}


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (lambda c: c.pop("steps"), "Steps must be a list"),
        (lambda c: c.pop("name"), "Name is required"),
        (lambda c: c.update(duration="20 minutes"), "Duration"),
        (lambda c: c.update(themes=[1, 2]), "Themes must be a list of texts"),
        (lambda c: c.update(tips="x" * 1_000_000), "Facilitator tips must be a list"),
        (lambda c: c.update(summary="y" * 1_000_000), "Summary is too long"),
    ],
)
def test_bad_cards_refuse_the_whole_pack(lib, tmp_path, spoil, words):
    good = _good(lib)
    bad = _good(lib) | {"key": "imported-two"}
    spoil(bad)
    path = _pack(tmp_path, [good, bad])
    with pytest.raises(PackError) as err:
        packs.read_pack(path)
    assert words in str(err.value) and "card 2 (imported-two)" in str(err.value)
    assert "nothing was imported" in str(err.value)
    assert "imported-one" not in [r["key"] for r in search.search_tools(lib, search.Query(limit=1000))]


def test_duplicate_card_keys_and_a_50_mb_string(lib, tmp_path):
    good = _good(lib)
    with pytest.raises(PackError, match="appears more than once"):
        packs.read_pack(_pack(tmp_path, [good, dict(good)]))
    huge = tmp_path / "huge.json"
    with huge.open("w") as f:
        f.write('{"format": "facilitator-tool-pack", "schema_version": 1, "tools": [{"key": "big", "name": "')
        f.write("x" * 50_000_000)
        f.write('"}]}')
    with pytest.raises(PackError, match="a tool pack is at most 5 MB"):
        packs.read_pack(huge)
