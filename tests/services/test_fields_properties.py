"""Field cleaning on generated input (Hypothesis): cleaning what was cleaned changes nothing,
and what comes out is what the field's kind promises."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean

PURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

SPECS = (
    FieldSpec("name", "Name", required=True, max_length=40),
    FieldSpec("notes", "Notes", kind="multiline", max_length=200),
    FieldSpec("email", "E-mail", kind="email"),
    FieldSpec("phone", "Phone", kind="phone"),
    FieldSpec("status", "Status", kind="choice", choices=("active", "left"), required=True),
    FieldSpec("sector", "Sector", kind="choice", choices=("Housing",), free_choice=True),
    FieldSpec("start", "Start", kind="date"),
    FieldSpec("org", "Organisation", kind="ref"),
    FieldSpec("consent", "Consent", kind="bool"),
)

# Text with the characters that cleaning cares about: spaces of every kind, line ends, controls.
TEXT = st.text(st.sampled_from("ab Z9@.+-()é \t\n\r\x0b\x0c\x00\x1f\u00a0\u2028"), max_size=60) | st.text(max_size=30)
VALUES = st.fixed_dictionaries({}, optional={
    "name": TEXT, "notes": TEXT,
    "email": TEXT | st.emails().map(lambda e: f"  {e} "),
    "phone": TEXT | st.from_regex(r"\+?[0-9 ()\-.]{0,20}", fullmatch=True),
    "status": st.sampled_from(["active", "left", " active ", "asleep", ""]),
    "sector": TEXT,
    "start": st.none() | st.dates() | st.dates().map(lambda d: f" {d.isoformat()} ") | TEXT,
    "org": st.none() | st.integers(-3, 10**6) | st.just("") | TEXT,
    "consent": st.none() | st.booleans() | st.integers() | TEXT,
})


@PURE
@given(VALUES, st.booleans())
def test_cleaning_is_idempotent(values, partial):
    try:
        once = clean(SPECS, values, partial=partial)
    except ValidationError as err:
        assert err.problems and set(err.problems) <= {s.name for s in SPECS}
        return
    assert clean(SPECS, once, partial=partial) == once
    if partial:
        assert set(once) == set(values)


@PURE
@given(VALUES)
def test_cleaned_values_are_what_each_kind_promises(values):
    values.setdefault("name", "Amira")
    try:
        out = clean(SPECS, values)
    except ValidationError:
        return
    assert set(out) == {s.name for s in SPECS}
    for key in ("name", "email", "phone", "sector"):
        assert out[key] == " ".join(out[key].split())  # one space between words, none around
    assert out["name"] and len(out["name"]) <= 40
    assert out["notes"] == out["notes"].strip() and len(out["notes"]) <= 200
    assert out["status"] in ("active", "left")
    assert out["start"] is None or isinstance(out["start"], date)
    assert out["org"] is None or (isinstance(out["org"], int) and out["org"] != 0)
    assert isinstance(out["consent"], bool)
    assert "@" in out["email"] or out["email"] == ""
