"""Every pack built from a real database, reopened with pypdf and checked: text, pages,
outline, fonts embedded, metadata, hostile names printed literally, byte-stable output."""

from __future__ import annotations

import pytest

from facilitator.exports.pdf.document import ExportCancelled, PackRequest
from facilitator.exports.pdf.packs import BY_KEY, PACKS, export, make_pdf
from facilitator.exports.pdf.parts import participant_code
from facilitator.exports.pdf.styles import _paper_of, esc
from tests.exports.pdf.conftest import (
    HOSTILE,
    INTERNATIONAL,
    PRINTED_ON,
    flat,
    fonts_embedded,
    outline_titles,
    read,
    text_of,
)


def _request(world, **kw) -> PackRequest:
    return PackRequest(cohort_id=world.cohort_id, event_id=world.event_id, printed_on=PRINTED_ON,
                       **kw)


@pytest.mark.parametrize("key", [p.key for p in PACKS])
def test_every_pack_reads_back_with_fonts_outline_and_metadata(db, world, key):
    data = make_pdf(db, BY_KEY[key], _request(world))
    reader = read(data)
    assert len(reader.pages) >= 1
    text = flat(text_of(reader))
    total = len(reader.pages)
    assert f"Page 1 of {total}" in text and f"Page {total} of {total}" in text
    assert "printed 01 Dec 2026" in text
    assert outline_titles(reader), "every pack has bookmarks"
    names = fonts_embedded(reader)
    assert names and all("DejaVu" in n for n in names), names
    meta = reader.metadata
    assert meta.title and meta.author == "Facilitator" and meta.subject
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == "en-GB"
    assert str(root["/ViewerPreferences"]["/PrintScaling"]) == "/None"
    personal = key not in ("participant-pack", "pulse-form")  # the blank packs name nobody
    assert ("Contains personal data" in text) == personal


def test_hostile_and_international_names_print_literally(db, world):
    for key in ("run-sheet", "sign-in", "attendance", "venue"):
        text = flat(text_of(read(make_pdf(db, BY_KEY[key], _request(world)))))
        for given, family in INTERNATIONAL + HOSTILE:
            if key == "venue" and f"{given} {family}" not in _with_needs(world):
                continue
            assert f"{given} {family}" in text, (key, given)
    run = flat(text_of(read(make_pdf(db, BY_KEY["run-sheet"], _request(world)))))
    assert "Harbour <Trust> & Co" in run and "Welcome x<y" in run and "Lab <one>" in run
    assert "Jo <jo@x.org>" in run


def _with_needs(world) -> set[str]:
    names = list(world.people)
    return {n for k, n in enumerate(names) if k % 2 or k % 3 == 0}


def test_img_markup_in_a_name_never_reads_a_file(db, world, tmp_path):
    data = make_pdf(db, BY_KEY["run-sheet"], _request(world))
    assert b"/Subtype /Image" not in data  # the only XObject is the page-total form
    assert esc('<img src="/etc/passwd">') == '&lt;img src="/etc/passwd"&gt;'


def test_run_sheet_lists_timing_problems_on_the_first_page_and_groups_tracks(db, world):
    reader = read(make_pdf(db, BY_KEY["run-sheet"], _request(world)))
    first = flat(reader.pages[0].extract_text())
    assert "Timing problems (2)" in first
    assert "'Coffee' is pinned at 10:30 but the items before it run until 11:00" in first
    assert "Track 'Room B' runs 15 min past its block" in first
    text = flat(text_of(reader))
    assert "Track: Room A" in text and "Track: Room B" in text
    assert "pinned" in text and "SECRET NOTE for the team" in text
    assert "Facilitator notes (not for participants)" in text
    assert "Who is expected (8)" in text
    titles = outline_titles(reader)
    assert titles[0] == "Cover and timing problems" and titles[-1] == "Who is expected"
    assert any(t.startswith("Day 1") for t in titles if isinstance(t, str))


def test_participant_pack_has_no_team_notes_and_one_pack_each_in_name_order(db, world):
    blank = flat(text_of(read(make_pdf(db, BY_KEY["participant-pack"], _request(world)))))
    for secret in ("SECRET NOTE", "TEAM-ONLY-INSTRUCTION"):
        assert secret not in blank
    assert "Participant code: ____" in blank and "Welcome x<y" in blank

    reader = read(make_pdf(db, BY_KEY["participant-pack"], _request(world, each=True)))
    text = flat(text_of(reader))
    assert "SECRET NOTE" not in text and "TEAM-ONLY-INSTRUCTION" not in text
    tops = [t for t in outline_titles(reader) if isinstance(t, str)]
    assert tops == sorted(world.people, key=lambda n: n.split()[0]) or \
        tops == [n for n in _name_order(world)]
    for name, _pid in world.people.items():
        assert f"Welcome, {name}" in text
    # pre-filled rules and codes on the forms
    assert "Cannot visit <alone>" in text and "Cannot visit alone ever" in text
    for code in ("RR-", "SFC-", "LP-", "RP-", "SE-"):
        assert f"Form {code}" in text
    assert "Participant code: P-" in text
    assert len(reader.pages) > 8 * 6


def _name_order(world):
    return sorted(world.people, key=lambda n: (n.split(" ")[0].lower(), n))


def test_participant_codes_are_short_stable_and_not_names():
    a = participant_code("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert a == participant_code("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert a.startswith("P-") and len(a) == 8
    assert a != participant_code("7c9e6679-7425-40de-944b-e07fc1f90ae7")


def test_venue_sheet_shows_needs_and_nothing_else(db, world):
    text = flat(text_of(read(make_pdf(db, BY_KEY["venue"], _request(world)))))
    assert "Needs 1 & ramp" in text and "Vegan" in text
    assert "Harbour" not in text and "example.org" not in text
    assert "8 participant(s) expected" in text


def test_cohort_report_names_only_consenting_people(db, world):
    text = flat(text_of(read(make_pdf(db, BY_KEY["cohort-report"], _request(world)))))
    assert "Cannot visit" in text
    assert "Siôn Llŷr" in text  # consented
    assert "Łucja Wężyk-Źdźbło" not in text and "x<y Smith" not in text  # did not
    assert "not named" in text
    assert "Beliefs by organisation" in text and "Conditions of change" in text
    assert "Skills for change" in text


def test_invariant_mode_is_byte_stable(db, world, monkeypatch):
    for key in [p.key for p in PACKS]:
        req = _request(world, invariant=True, each=key == "participant-pack")
        first = make_pdf(db, BY_KEY[key], req)
        monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)
        again = make_pdf(db, BY_KEY[key], req)
        monkeypatch.undo()
        assert first == again, key


def test_letter_and_a4_page_sizes(db, world):
    a4 = read(make_pdf(db, BY_KEY["run-sheet"], _request(world, paper="a4")))
    letter = read(make_pdf(db, BY_KEY["run-sheet"], _request(world, paper="letter")))
    assert round(float(a4.pages[0].mediabox.width)) == 595
    assert round(float(letter.pages[0].mediabox.width)) == 612
    assert _paper_of("en_US.UTF-8") == "letter" and _paper_of("en_GB.UTF-8") == "a4"
    assert _paper_of("fr_CA") == "letter" and _paper_of("cy_GB.UTF-8") == "a4"


def test_cancelled_export_leaves_no_file_and_progress_is_reported(db, world, tmp_path):
    out = tmp_path / "packs.pdf"
    seen = []
    with pytest.raises(ExportCancelled):
        export(db, BY_KEY["participant-pack"], _request(world, each=True), out,
               progress=lambda d, t, _x: seen.append((d, t)), cancelled=lambda: len(seen) > 3)
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []
    assert list(tmp_path.glob(".facilitator-*")) == []
    seen.clear()
    export(db, BY_KEY["run-sheet"], _request(world), out, progress=lambda d, t, _x: seen.append((d, t)))
    assert out.exists() and seen[-1][0] == seen[-1][1]


def test_progress_only_moves_forward_to_the_end(db, world):
    seen = []
    make_pdf(db, BY_KEY["participant-pack"], _request(world, each=True),
             progress=lambda d, t, _x: seen.append(d * 100 // t))
    assert seen == sorted(seen) and seen[-1] == 100 and len(set(seen)) > 5


def test_a_form_running_onto_a_second_page_carries_its_codes_there(db, world):
    reader = read(make_pdf(db, BY_KEY["participant-pack"], _request(world, each=True)))
    pages = [flat(p.extract_text() or "") for p in reader.pages]
    continued = [p for p in pages if "(continued)" in p]
    assert continued, "the blank register blocks run onto a second page"
    for page in continued:
        assert "Form RR-" in page and "Participant code: P-" in page
    # pages that are not forms (welcome, agenda) carry no form codes
    for page in pages:
        if page.startswith("Welcome,") or page.startswith("Agenda"):
            assert "Form " not in page
