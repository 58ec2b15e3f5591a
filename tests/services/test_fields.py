"""Field cleaning: what each kind of field accepts and refuses, and that cleaning is stable."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean

EMAIL = (FieldSpec("email", "E-mail", kind="email"),)


@pytest.mark.parametrize(
    "address", ["rob@localhost", "rob@", "@example.org", "rob@example.", "rob@.org", "rob@@x.org",
                "rob smith@x.org", "rob@x .org", "rob"],
)
def test_an_address_needs_a_name_and_a_domain_with_a_dot(address):
    with pytest.raises(ValidationError) as err:
        clean(EMAIL, {"email": address})
    assert err.value.problems == {
        "email": "E-mail does not look like an e-mail address (name@example.org)."}


@pytest.mark.parametrize("address", ["rob@example.org", "r.o-b+x@mail.example.co.uk", "a@b.c"])
def test_real_addresses_pass_trimmed(address):
    assert clean(EMAIL, {"email": f"  {address} "}) == {"email": address}


def test_a_blank_address_is_allowed_unless_required():
    assert clean(EMAIL, {"email": "  "}) == {"email": ""}
    required = (FieldSpec("email", "E-mail", kind="email", required=True),)
    with pytest.raises(ValidationError, match="E-mail is required"):
        clean(required, {"email": " "})


def test_every_problem_is_reported_at_once_by_field():
    specs = (FieldSpec("name", "Name", required=True, max_length=5), EMAIL[0],
             FieldSpec("phone", "Phone", kind="phone"))
    with pytest.raises(ValidationError) as err:
        clean(specs, {"name": "abcdef", "email": "x", "phone": "call me"})
    assert set(err.value.problems) == {"name", "email", "phone"}
    assert err.value.problems["name"] == "Name is too long: 6 characters, the most is 5."


def test_partial_leaves_absent_fields_out_and_full_fills_defaults():
    specs = (FieldSpec("name", "Name"), FieldSpec("on", "On", kind="bool"),
             FieldSpec("when", "When", kind="date"), FieldSpec("who", "Who", kind="ref"),
             FieldSpec("status", "Status", kind="choice", choices=("active", "left"), required=True))
    assert clean(specs, {"name": "A"}, partial=True) == {"name": "A"}
    assert clean(specs, {}) == {"name": "", "on": False, "when": None, "who": None,
                                "status": "active"}


def test_text_is_squeezed_but_multiline_keeps_its_lines():
    specs = (FieldSpec("t", "T"), FieldSpec("m", "M", kind="multiline"))
    assert clean(specs, {"t": "  a \t b\n c ", "m": "  one\n\ntwo  "}) == {"t": "a b c",
                                                                          "m": "one\n\ntwo"}
    assert clean(specs, {"t": None, "m": None}) == {"t": "", "m": ""}


@pytest.mark.parametrize(("text", "ok"), [("tab\tand\nnewline\r", True), ("nul\x00", False),
                                          ("bell\x07", False), ("un\x1fit", False),
                                          ("space \x20", True), ("lone \ud800", False),
                                          ("low \udfff", False), ("after \ue000", True)])
def test_control_characters_are_refused(text, ok):
    specs = (FieldSpec("m", "Notes", kind="multiline"),)
    if ok:
        assert clean(specs, {"m": text})["m"] == text.strip()
    else:
        with pytest.raises(ValidationError, match="Notes contains (control characters|a broken character)"):
            clean(specs, {"m": text})


def test_length_limit_is_inclusive_and_defaults_to_the_text_limit():
    from facilitator.services.fields import TEXT_LIMIT

    five = (FieldSpec("n", "N", max_length=5),)
    assert clean(five, {"n": "abcde"}) == {"n": "abcde"}
    with pytest.raises(ValidationError):
        clean(five, {"n": "abcdef"})
    free = (FieldSpec("m", "M", kind="multiline"),)
    assert len(clean(free, {"m": "x" * TEXT_LIMIT})["m"]) == TEXT_LIMIT
    with pytest.raises(ValidationError, match="20,001 characters, the most is 20,000"):
        clean(free, {"m": "x" * (TEXT_LIMIT + 1)})


def test_dates_refs_phones_and_choices():
    specs = (FieldSpec("d", "Start", kind="date", required=True),
             FieldSpec("r", "Organisation", kind="ref", required=True),
             FieldSpec("p", "Phone", kind="phone"),
             FieldSpec("c", "Sector", kind="choice", choices=("Housing", "Health")),
             FieldSpec("f", "Region", kind="choice", choices=("North",), free_choice=True))
    good = clean(specs, {"d": " 2026-03-14 ", "r": 4, "p": "+44 (0)1234 567-890 ext 2",
                         "c": "Health", "f": "Far west"})
    assert good == {"d": date(2026, 3, 14), "r": 4, "p": "+44 (0)1234 567-890 ext 2",
                    "c": "Health", "f": "Far west"}
    assert clean(specs, good) == good
    with pytest.raises(ValidationError) as err:
        clean(specs, {"d": "14/03/2026", "r": "4", "p": "call me", "c": "Sport", "f": ""})
    assert err.value.problems == {
        "d": "Start must be a date like 2026-03-14.",
        "r": "Organisation must be chosen from the list.",
        "p": "Phone may hold only digits, spaces and + ( ) - .",
        "c": "Sector must be one of: Housing, Health.",
    }
    for blank in (None, "", 0):
        with pytest.raises(ValidationError, match="Organisation is required"):
            clean(specs[1:2], {"r": blank})
    with pytest.raises(ValidationError, match="Start is required"):
        clean(specs[:1], {"d": ""})


def test_each_kind_has_its_own_empty_value():
    assert FieldSpec("on", "On", kind="bool").default() is False
    assert FieldSpec("d", "D", kind="date").default() is None
    assert FieldSpec("r", "R", kind="ref").default() is None
    assert FieldSpec("c", "C", kind="choice", choices=("a", "b"), required=True).default() == "a"
    assert FieldSpec("c", "C", kind="choice", choices=("a", "b")).default() == ""
    assert FieldSpec("c", "C", kind="choice", required=True).default() == ""
    assert FieldSpec("t", "T").default() == "" and FieldSpec("t", "T").limit == 20_000
    assert FieldSpec("t", "T", max_length=80).limit == 80


def test_a_reference_is_an_id_and_only_blank_values_mean_none():
    ref = (FieldSpec("org", "Organisation", kind="ref"),)
    assert [clean(ref, {"org": v})["org"] for v in (1, 2, None, "", 0)] == [1, 2, None, None, None]
    for bad in ("1", 1.5, "x"):
        with pytest.raises(ValidationError, match="must be chosen from the list"):
            clean(ref, {"org": bad})
    when = (FieldSpec("d", "Start", kind="date"),)
    assert clean(when, {"d": None}) == clean(when, {"d": ""}) == {"d": None}
    assert clean(when, {"d": date(2026, 1, 2)}) == {"d": date(2026, 1, 2)}
    assert clean((FieldSpec("b", "B", kind="bool"),), {"b": "yes"}) == {"b": True}
