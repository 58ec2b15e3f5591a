"""The card deck read back with pypdf: text, pages, outline, fonts, metadata, positions."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from facilitator.exports.pdf.cards import content, deck, fitting, geometry
from facilitator.exports.pdf.cards.face import inner_size
from facilitator.services.library.builtin import builtin_cards

GOLDEN = Path(__file__).parent / "golden" / "two-cards-4-duplex.pdf"


def card(key: str, name: str, **extra) -> dict:
    base = {
        "key": key, "version": 1, "name": name, "summary": "A short summary.",
        "purpose": "Why the group does this.", "when_to_use": "", "source": "", "licence": "MIT",
        "themes": ["testing"], "materials": ["Paper"], "tips": ["Keep it short."],
        "considerations": [], "duration": {"min": 10, "max": 20}, "group_size": {"min": 2, "max": 8},
        "steps": [{"minutes": 5, "text": "Do the first thing."}],
    }
    return base | extra


def builtins(n: int) -> list[dict]:
    return sorted(builtin_cards().values(), key=lambda c: c["name"])[:n]


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


def moves(page, reader) -> set[tuple[float, float]]:
    """Every path start on a page: card edges (rounded rectangles) and cut marks."""
    ops = ContentStream(page.get_contents(), reader).operations
    return {(round(float(a[0]), 2), round(float(a[1]), 2)) for a, op in ops if op == b"m"}


def test_deck_text_pages_outline_metadata_and_embedded_fonts():
    cards = builtins(6)
    layout = geometry.Layout(per_sheet=4, backs="duplex")
    data, summary = deck.build_deck(cards, layout, title="Method cards for the test")
    r = read(data)
    assert summary.printed == 6 and summary.sheets == 2 and len(r.pages) == summary.pages == 4
    text = text_of(r)
    for c in cards:
        assert c["name"] in text
        assert c["steps"][0]["text"].split()[0] in text
    assert [e["/Title"] for e in r.outline] == [c["name"] for c in cards]
    meta = r.metadata
    assert meta.title == "Method cards for the test" and meta.author == "Facilitator"
    assert "6 card(s), 4 per sheet" in meta.subject
    root = r.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert root["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    for page in r.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    # no footer on the card faces: nothing printed below the lowest card
    assert "Page" not in text and "of 4" not in text


@pytest.mark.parametrize("per_sheet", [1, 2, 4])
@pytest.mark.parametrize("backs", ["duplex", "folded"])
def test_cards_sit_in_the_same_place_on_every_sheet(per_sheet, backs):
    layout = geometry.Layout(paper="letter", per_sheet=per_sheet, backs=backs, offset_x=1,
                             offset_y=-1 if backs == "duplex" else 0)
    cards = builtins(2 * per_sheet + 1)  # two full sheets and one card on the third
    data, summary = deck.build_deck(cards, layout)
    r = read(data)
    step = 2 if backs == "duplex" else 1
    fronts = [moves(r.pages[i], r) for i in range(0, len(r.pages), step)]
    full = fronts[:-1]
    assert len(fronts) == summary.sheets >= 3
    assert all(m == full[0] for m in full), "a full sheet differs from the first"
    assert fronts[-1] <= full[0]  # the last sheet: maybe fewer cards, the same places
    radius = 2.5 * mm
    slots = geometry.front_slots(layout) + (geometry.back_slots(layout) if backs == "folded" else [])
    for s in slots:  # each card edge starts where the geometry says
        assert (round(s.x * mm + radius, 2), round(s.y * mm, 2)) in full[0]
    if backs == "duplex":
        back_page = moves(r.pages[1], r)
        for s in geometry.back_slots(layout):
            assert (round(s.x * mm + radius, 2), round(s.y * mm, 2)) in back_page


def test_a_card_with_very_long_steps_continues_and_nothing_overflows():
    long_steps = [{"minutes": 5, "text": " ".join(f"s{n}w{k}" for k in range(110))}
                  for n in range(30)]
    big = card("long-one", "A very long card", steps=long_steps)
    layout = geometry.Layout(per_sheet=4, backs="duplex")
    printed = deck.lay_out_card(big, 0, layout)
    assert len(printed) > 2 and all(p.parts == len(printed) for p in printed)
    width, height = inner_size(geometry.Rect(0, 0, *layout.card_size))
    for p in printed:
        for face in (p.front, p.back):
            assert face.size >= deck.FLOOR_PT
            used = fitting.stack_height(face.flowables, width, height)
            marker = content.styles(face.size).marker.leading if face.marker else 0
            assert used + marker <= height + 0.01, (p.part, used, height)
    data, _s = deck.build_deck([big], layout)
    text = " ".join(text_of(read(data)).split())
    words = set(text.split())
    for n in range(30):  # every word of every step is printed: split, never cut off
        assert {f"s{n}w{k}" for k in range(110)} <= words, n
    assert "A very long card (continued)" in text and f"1 of {len(printed)}" in text


def test_a_card_that_nearly_fits_gets_a_smaller_font_not_a_second_card():
    steps = [{"minutes": 5, "text": "Talk it through in pairs, then in the whole group. " * 4}
             for _ in range(9)]
    c = card("medium", "Medium card", steps=steps)
    layout = geometry.Layout(per_sheet=2, backs="duplex")
    printed = deck.lay_out_card(c, 0, layout)
    assert len(printed) == 1
    assert deck.FLOOR_PT <= printed[0].back.size < deck.BASE_PT[("duplex", 2)]
    assert printed[0].front.size == deck.BASE_PT[("duplex", 2)]


def test_hostile_text_prints_literally_and_reads_no_file(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    name = f'x<y <b>bold <img src="{secret}"/>'
    hostile = card("hostile", name, summary="Jo <jo@x.org> & co", purpose="<font size=200>big</font>",
                   steps=[{"minutes": 1, "text": '<a href="javascript:alert(1)">click</a>'}],
                   materials=["<unclosed"])
    data, _s = deck.build_deck([hostile], geometry.Layout(per_sheet=1, backs="folded"))
    r = read(data)
    text = " ".join(text_of(r).split())
    assert "x<y <b>bold <img" in text
    assert "Jo <jo@x.org> & co" in text and "<font size=200>big</font>" in text
    assert '<a href="javascript:alert(1)">click</a>' in text and "<unclosed" in text
    assert r.outline[0]["/Title"] == name
    assert all("/XObject" not in page["/Resources"] for page in r.pages)  # no image drawn
    assert b"PNG not really" not in data and b"/URI" not in data and b"/Annots" not in data


def test_cancel_stops_the_build_and_writes_nothing(tmp_path):
    out = tmp_path / "deck.pdf"
    seen = []
    with pytest.raises(deck.Cancelled):
        deck.write_deck(out, builtins(8), geometry.Layout(), progress=lambda d, t, s: seen.append(d),
                        cancelled=lambda: len(seen) >= 3)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_write_deck_replaces_the_file_atomically(tmp_path):
    out = tmp_path / "deck.pdf"
    out.write_bytes(b"old")
    calls = []
    summary = deck.write_deck(out, builtins(3), geometry.Layout(per_sheet=2),
                              progress=lambda d, t, s: calls.append((d, t)))
    assert summary.cards == 3 and read(out.read_bytes()).pages
    assert calls[-1] == (6, 6) and [p for p in tmp_path.iterdir()] == [out]


def test_invariant_deck_is_byte_stable_and_matches_the_golden_file():
    cards = [card("first-card", "Première carte: Łódź, Cymraeg ŵ ŷ, Gaeilge á, Türkçe ğ, Tiếng Việt"),
             card("second-card", "Second card", tips=["Say less.", "Listen more."])]
    layout = geometry.Layout(per_sheet=4, backs="duplex", offset_x=0.5)
    first, _s = deck.build_deck(cards, layout, title="Golden deck", invariant=True)
    again, _s = deck.build_deck(cards, layout, title="Golden deck", invariant=True)
    assert first == again
    if os.environ.get("FACILITATOR_REGENERATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(first)
    assert first == GOLDEN.read_bytes(), (
        "The deck changed. If that was meant, rerun with FACILITATOR_REGENERATE_GOLDEN=1 and look "
        "at the new file before committing it.")
    assert "Łódź, Cymraeg ŵ ŷ, Gaeilge á, Türkçe ğ, Tiếng Việt" in " ".join(text_of(read(first)).split())
