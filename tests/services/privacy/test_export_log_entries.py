"""Export log entries at their edges: an over-long file name is cut to 255 characters, entries
read newest first, an export of no cohort reads as blanks, an unknown kind is named."""

from __future__ import annotations

import pytest

from facilitator.services.errors import ValidationError
from facilitator.services.privacy.export_log import list_exports, log_export


def test_a_file_name_is_kept_to_255_characters(db, tmp_path):
    log_export(db, "pdf", tmp_path / ("n" * 251 + ".pdf"))
    log_export(db, "pdf", tmp_path / ("m" * 252 + ".pdf"))
    newest, first = list_exports(db)
    assert first["file_name"] == "n" * 251 + ".pdf"
    assert newest["file_name"] == ("m" * 252 + ".pdf")[:255]


def test_entries_are_newest_first_and_blank_where_no_cohort_or_organisation(db, cohort_id):
    changes = log_export(db, "calendar", "a.ics", cohort_id=cohort_id)
    assert changes.cohort_id == cohort_id
    log_export(db, "tool pack", "b.json")
    newest, older = list_exports(db)
    assert (newest["file_name"], newest["kind_label"], newest["cohort"], newest["organisation"],
            newest["people"]) == ("b.json", "Tool pack", "", "", [])
    assert (older["file_name"], older["cohort"]) == ("a.ics", "Test cohort")


def test_an_unknown_kind_is_named_in_the_refusal(db):
    with pytest.raises(ValidationError) as err:
        log_export(db, "telepathy", "x.txt")
    assert err.value.problems == {"kind": "'telepathy' is not a kind of export the log knows."}
