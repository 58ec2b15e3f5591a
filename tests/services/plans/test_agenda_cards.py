"""Agenda items linked to library cards: defaults taken, undo, and "times used" counted."""

from __future__ import annotations

import pytest

from facilitator.services.errors import NotFound
from facilitator.services.library import builtin, search, tools
from facilitator.services.plans import agenda
from tests.services.plans.test_plans import add

KEY = "levels-of-listening"


@pytest.fixture
def cards(db):
    builtin.sync_builtin_cards(db)
    return {r["key"]: r for r in search.search_tools(db, search.Query())}


def used(db, key):
    [row] = [r for r in search.search_tools(db, search.Query(text="listening")) if r["key"] == key]
    return row["times_used"]


def test_linking_takes_the_cards_time_and_materials_and_undo_restores(db, session_id, cards):
    item = add(db, session_id, "Listening practice", 25)
    before, changes = agenda.link_tool(db, item, KEY)
    assert changes.touches("agenda_items")
    rec = agenda.get_item(db, item)
    card = cards[KEY]
    assert rec["tool_key"] == KEY and rec["method"] == card["name"]
    assert rec["duration_minutes"] == card["typical_minutes"]
    assert rec["materials"] == "\n".join(card["materials"])
    assert rec["title"] == "Listening practice"  # the item keeps its own title
    agenda.update_item(db, item, before)
    back = agenda.get_item(db, item)
    assert (back["tool_key"], back["duration_minutes"], back["materials"]) == (None, 25, "")


def test_linking_without_defaults_keeps_the_items_time(db, session_id, cards):
    item = add(db, session_id, "Pairs", 10, materials="Our own cards")
    agenda.link_tool(db, item, KEY, take_defaults=False)
    rec = agenda.get_item(db, item)
    assert (rec["tool_key"], rec["duration_minutes"], rec["materials"]) == (KEY, 10, "Our own cards")


def test_unknown_card_is_refused_and_nothing_changes(db, session_id, cards):
    item = add(db, session_id, "Pairs", 10)
    with pytest.raises(NotFound, match="no card with the key"):
        agenda.link_tool(db, item, "no-such-card")
    assert agenda.get_item(db, item)["tool_key"] is None


def test_times_used_is_counted_from_agendas(db, session_id, cards):
    assert used(db, KEY) == 0
    first = add(db, session_id, "Listening", 20)
    agenda.link_tool(db, first, KEY)
    values = agenda.values_from_tool(tools.tool_defaults(db, KEY))
    agenda.create_item(db, session_id, values)
    assert used(db, KEY) == 2
    assert tools.get_tool(db, cards[KEY]["id"])["times_used"] == 2
    agenda.delete_item(db, first)
    assert used(db, KEY) == 1
    agenda.link_tool(db, agenda.create_item(db, session_id, values).id, None)
    assert used(db, KEY) == 1  # unlinked items do not count
