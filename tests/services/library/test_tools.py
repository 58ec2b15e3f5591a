"""Cards in the database: create, edit, duplicate, delete, favourite, built-in versions."""

from __future__ import annotations

import shutil

import pytest

from facilitator.services.errors import NotFound, ServiceError, ValidationError
from facilitator.services.library import builtin, search, tools
from facilitator.services.library.forms import blank_form


def _id(db, key):
    return next(r["id"] for r in search.search_tools(db, search.Query()) if r["key"] == key)


def _form(**over):
    return blank_form() | {
        "name": "Walking one-to-ones", "summary": "Pairs talk while walking.",
        "purpose": "Easier talk side by side.", "themes": "listening, reflection",
        "steps": "5 | Pair up\n20 | Walk and talk\n5 | Swap one insight",
    } | over


def test_first_run_loads_every_builtin_card_once(db):
    changes = builtin.sync_builtin_cards(db)
    assert changes.touches("tools")
    assert search.count_tools(db) == len(builtin.builtin_cards())
    assert not builtin.sync_builtin_cards(db)  # nothing new the second time
    assert search.count_tools(db) == len(builtin.builtin_cards())


def _bump(folder, key, **edits):
    path = folder / f"{key}.toml"
    text = path.read_text().replace("version = 1", "version = 2", 1)
    for old, new in edits.items():
        text = text.replace(old, new)
    path.write_text(text)


def test_upgrade_updates_unedited_cards_and_keeps_the_users_edits(db, tmp_path):
    folder = tmp_path / "tools"
    shutil.copytree(builtin.tools_dir(), folder)
    builtin.sync_builtin_cards(db, folder)
    edited = _id(db, "iceberg-model")
    tools.update_tool(db, edited, {"summary": "Our team's own version."})
    assert tools.get_tool(db, edited)["user_modified"]

    _bump(folder, "check-in-rounds", **{"Everyone answers one question": "Each person answers one question"})
    _bump(folder, "iceberg-model", **{"Take one frustrating event": "Take one recent event"})
    (folder / "new-card.toml").write_text(
        (folder / "gallery-walk.toml").read_text().replace('key = "gallery-walk"', 'key = "new-card"')
    )
    assert builtin.sync_builtin_cards(db, folder).touches("tools")

    plain = tools.get_tool(db, _id(db, "check-in-rounds"))
    assert plain["summary"].startswith("Each person answers") and plain["builtin_version"] == 2
    mine = tools.get_tool(db, edited)
    assert mine["summary"] == "Our team's own version." and mine["builtin_version"] == 1
    assert _id(db, "new-card")

    builtin.reset_to_builtin(db, edited, folder)
    reset = tools.get_tool(db, edited)
    assert reset["summary"].startswith("Take one recent event")
    assert not reset["user_modified"] and reset["builtin_version"] == 2


def test_create_edit_duplicate_delete_and_restore(lib):
    new = tools.create_tool(lib, _form())
    rec = tools.get_tool(lib, new.id)
    assert rec["key"].startswith("walking-one-to-ones-") and not rec["builtin"]
    assert rec["typical_minutes"] == 20  # 30 minutes of steps, kept inside the card's 20
    assert rec["themes"] == ["listening", "reflection"]

    tools.update_tool(lib, new.id, {"duration": "25-40"})
    assert tools.get_tool(lib, new.id)["typical_minutes"] == 30

    copy = tools.duplicate_tool(lib, new.id)
    assert tools.get_tool(lib, copy.id)["name"] == "Walking one-to-ones (copy)"

    snap, changes = tools.delete_tool(lib, new.id)
    assert changes.touches("tools")
    with pytest.raises(NotFound):
        tools.get_tool(lib, new.id)
    tools.restore_tools(lib, snap)
    assert tools.get_tool(lib, new.id)["name"] == "Walking one-to-ones"
    assert search.search_tools(lib, search.Query("walking"))[0]["id"] in {new.id, copy.id}


def test_invalid_edit_changes_nothing_and_says_where(lib):
    new = tools.create_tool(lib, _form())
    before = tools.get_tool(lib, new.id)
    with pytest.raises(ValidationError) as err:
        tools.update_tool(lib, new.id, {"steps": "walk for a bit", "name": ""})
    assert set(err.value.problems) >= {"steps"}
    assert tools.get_tool(lib, new.id) == before


def test_builtin_cards_cannot_be_deleted(lib):
    with pytest.raises(ServiceError, match="built-in card"):
        tools.delete_tool(lib, _id(lib, "check-in-rounds"))


def test_state_round_trip_undoes_an_edit_of_a_builtin(lib):
    tid = _id(lib, "rich-pictures")
    before = tools.tool_state(lib, tid)
    tools.update_tool(lib, tid, {"name": "Rich pictures (ours)"})
    tools.put_state(lib, tid, before)
    rec = tools.get_tool(lib, tid)
    assert rec["name"] == "Rich pictures" and not rec["user_modified"]


def test_favourites_defaults_and_choices(lib):
    tid = _id(lib, "world-cafe")
    tools.set_favourite(lib, tid, True)
    favs = search.search_tools(lib, search.Query(favourites=True))
    assert [r["key"] for r in favs] == ["world-cafe"]
    d = tools.tool_defaults(lib, "world-cafe")
    assert d == {"key": "world-cafe", "name": "World café on a systems question", "duration": 60,
                 "materials": "Tables for four or five\nPaper tablecloths\nPens\nThe question written large"}
    choices = tools.list_tool_choices(lib)
    assert ("World café on a systems question", "world-cafe") in choices
    assert choices == sorted(choices, key=lambda c: c[0].lower())
    with pytest.raises(NotFound, match="no card with the key"):
        tools.tool_defaults(lib, "nope")
