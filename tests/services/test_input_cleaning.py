"""Input the app reads is clean (issue 9): whole-pattern keys, integers that are integers,
no control or invisible characters (the message names the field), names compared
NFC-normalised and case-folded."""

from __future__ import annotations

import json
import unicodedata

import pytest

from facilitator.services.cohort import organisations, participants
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean, name_key
from facilitator.services.library import packs
from facilitator.services.library.cards import check_card
from facilitator.services.library.packs import PackError

CAFE_NFC = unicodedata.normalize("NFC", "Café")
CAFE_NFD = unicodedata.normalize("NFD", "Café")


def _card(**over):
    card = {"key": "clean-card", "name": "Clean card", "summary": "s", "purpose": "p",
            "themes": ["t"], "duration": {"min": 5, "max": 10}, "group_size": {"min": 2, "max": 8},
            "steps": [{"minutes": 5, "text": "Do it"}], "licence": "CC BY 4.0"}
    return card | over


def _pack_bytes(cards, **over):
    return json.dumps({"format": packs.FORMAT, "schema_version": 1, "tools": cards} | over).encode()


def test_a_valid_card_passes():
    assert check_card(_card())["key"] == "clean-card"


@pytest.mark.parametrize("key", ["clean-card\n", "clean-card\r\n", " clean-card"])
def test_keys_are_matched_whole(key):
    with pytest.raises(ValidationError) as err:
        check_card(_card(key=key))
    assert "key" in err.value.problems


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_schema_version_must_be_the_integer_1(version):
    with pytest.raises(PackError, match="schema version"):
        packs.parse_pack(_pack_bytes([_card()], schema_version=version))


@pytest.mark.parametrize("minutes", [True, 5.0])
def test_step_minutes_must_be_integers(minutes):
    with pytest.raises(ValidationError):
        check_card(_card(steps=[{"minutes": minutes, "text": "x"}]))


@pytest.mark.parametrize(("bad", "code"), [
    ("Check\u202eni-kcehc", "U+202E"),   # right-to-left override
    ("Check\u200bin", "U+200B"),         # zero-width space
    ("Check\x7fin", "U+007F"),           # DEL
    ("Check\x1b[31min", "U+001B"),       # a terminal escape
])
def test_card_names_refuse_control_and_invisible_characters(bad, code):
    with pytest.raises(ValidationError) as err:
        check_card(_card(name=bad))
    assert code in err.value.problems["name"] and "Name" in err.value.problems["name"]


def test_a_record_id_is_an_integer_not_true():
    spec = FieldSpec("organisation_id", "Organisation", kind="ref")
    with pytest.raises(ValidationError, match="Organisation"):
        clean((spec,), {"organisation_id": True})
    with pytest.raises(ValidationError):
        clean((spec,), {"organisation_id": 2.0})
    assert clean((spec,), {"organisation_id": 2}) == {"organisation_id": 2}


def test_text_field_message_names_the_field():
    spec = FieldSpec("given_name", "Given name")
    with pytest.raises(ValidationError) as err:
        clean((spec,), {"given_name": "Am\u2066ira"})
    assert err.value.problems["given_name"].startswith("Given name contains an invisible")
    # joiners that scripts need stay allowed
    assert clean((spec,), {"given_name": "می\u200cخواهم"})["given_name"] == "می\u200cخواهم"


def test_text_is_stored_nfc():
    spec = FieldSpec("name", "Name")
    assert clean((spec,), {"name": CAFE_NFD}) == {"name": CAFE_NFC}


def test_name_key():
    assert name_key("ÉQUIPE  NORD") == name_key("équipe nord") == name_key("Équipe Nord")
    assert name_key(CAFE_NFC) == name_key(CAFE_NFD)
    assert name_key("Straße") == name_key("STRASSE")


def test_organisation_names_compared_case_folded(db, cohort_id):
    organisations.create_organisation(db, cohort_id, {"name": "équipe nord"})
    with pytest.raises(ValidationError, match="already has the name"):
        organisations.create_organisation(db, cohort_id, {"name": "ÉQUIPE NORD"})


def test_participant_duplicates_found_across_nfc_and_nfd(db, cohort_id):
    participants.create_participant(db, cohort_id, {"given_name": CAFE_NFC, "family_name": "Ölçer"})
    warnings = participants.find_duplicates(
        db, cohort_id, {"given_name": CAFE_NFD.upper(), "family_name": unicodedata.normalize("NFD", "ÖLÇER")})
    assert warnings and "same name" in warnings[0]


def test_two_cards_of_one_name_in_a_pack_are_refused():
    with pytest.raises(PackError, match="already used by card 1"):
        packs.parse_pack(_pack_bytes([_card(name=CAFE_NFC), _card(key="other-card", name=CAFE_NFD.upper())]))
