"""Every built-in card goes through the schema; the schema refuses what it should."""

from __future__ import annotations

import copy

import pytest

from facilitator.services.errors import ValidationError
from facilitator.services.library.builtin import (
    BuiltinCardError,
    builtin_cards,
    load_card_file,
    tools_dir,
)
from facilitator.services.library.cards import OWN_LICENCE, check_card, typical_minutes
from facilitator.services.library.forms import card_to_form, form_to_card

FILES = sorted(tools_dir().glob("*.toml"))
THEMES_ASKED_FOR = {
    "community and trust", "rituals", "seeing systems", "theory of change", "peer coaching",
    "listening", "tech audit", "getting colleagues on board", "systems prototyping",
    "field trips", "learning calls", "reflection", "finding the flex", "harvesting insights",
    "nature-based metaphors",
}


def test_at_least_thirty_cards():
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_card_passes_the_schema_and_is_runnable(path):
    card = load_card_file(path)
    assert card["key"] == path.stem
    assert card["licence"] == OWN_LICENCE
    assert card["considerations"], "every card says something about frontline settings"
    assert card["materials"] and card["tips"] and card["purpose"] and card["when_to_use"]
    total = sum(s["minutes"] for s in card["steps"])
    assert card["duration"]["min"] <= total <= card["duration"]["max"], "steps fit the duration"
    assert set(card["themes"]) <= THEMES_ASKED_FOR


def test_cards_cover_every_theme_of_the_programme():
    covered = {t for card in builtin_cards().values() for t in card["themes"]}
    assert covered == THEMES_ASKED_FOR


def test_known_methods_name_their_source():
    cards = builtin_cards()
    assert "Checkland" in cards["rich-pictures"]["source"]
    assert "Theory U" in cards["levels-of-listening"]["source"]
    assert "co-active" in cards["designing-an-alliance"]["source"].lower()
    assert "iceberg" in cards["iceberg-model"]["source"].lower()


@pytest.fixture
def card():
    return copy.deepcopy(builtin_cards()["check-in-rounds"])


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda c: c.pop("name"), "name", "Name is required"),
        (lambda c: c.update(name=42), "name", "must be text"),
        (lambda c: c.update(key="Bad Key!"), "key", "lower-case"),
        (lambda c: c.update(themes="trust"), "themes", "list of texts"),
        (lambda c: c.update(themes=[]), "themes", "at least one theme"),
        (lambda c: c.update(duration={"min": 30, "max": 10}), "duration", "min not above max"),
        (lambda c: c.update(duration={"min": "10", "max": 20}), "duration", "whole numbers"),
        (lambda c: c.update(group_size=[1, 5]), "group_size", "range"),
        (lambda c: c.update(steps=[]), "steps", "at least one step"),
        (lambda c: c.update(steps=[{"minutes": -1, "text": "x"}]), "steps", "minutes must be"),
        (lambda c: c.update(steps=[{"minutes": 5, "text": "x", "extra": 1}]), "steps", "exactly two"),
        (lambda c: c.update(summary="x" * 301), "summary", "too long"),
        (lambda c: c.update(tips=["ok\x00"]), "tips", "control characters"),
        (lambda c: c.update(version=True), "version", "whole number"),
        (lambda c: c.update(colour="red"), "", "unknown field"),
    ],
)
def test_schema_refuses_bad_cards_saying_where(card, change, field, words):
    change(card)
    with pytest.raises(ValidationError) as err:
        check_card(card, where="x.toml")
    assert words in err.value.problems[field]
    assert err.value.problems[field].startswith("x.toml: ")


def test_bad_toml_names_the_file(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("key = \n")
    with pytest.raises(BuiltinCardError, match="broken.toml"):
        load_card_file(bad)
    other = tmp_path / "other-name.toml"
    other.write_text((tools_dir() / "check-in-rounds.toml").read_text())
    with pytest.raises(BuiltinCardError, match="must match the file name"):
        load_card_file(other)


def test_form_round_trip_and_form_errors(card):
    form = card_to_form(card)
    assert form["steps"].startswith("2 | Explain the ritual")
    back = form_to_card(form, card["key"], card["version"])
    assert back == card
    assert typical_minutes(card) == 17
    with pytest.raises(ValidationError) as err:
        form_to_card(form | {"steps": "Explain the ritual", "duration": "ten"}, "k-ey")
    assert "line 1" in err.value.problems["steps"]
    assert "range like 20-30" in err.value.problems["duration"]
    assert form_to_card(form | {"duration": "15 - 25"}, card["key"])["duration"] == {"min": 15, "max": 25}
