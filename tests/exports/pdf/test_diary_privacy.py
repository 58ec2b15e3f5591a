"""Diaries are private: no PDF pack or card deck carries a word of a diary entry, whoever
they are printed for (checked on the demo, whose diaries have distinctive sentences)."""

from __future__ import annotations

import sqlite3

from facilitator import demo
from facilitator.exports.pdf.cards import deck, geometry, selection
from facilitator.exports.pdf.document import PackRequest
from facilitator.exports.pdf.packs import PACKS, make_pdf
from facilitator.services.plans import events
from tests.exports.pdf.conftest import flat, read, text_of


def _diary_sentences(db) -> list[str]:
    with sqlite3.connect(db.path) as con:
        rows = con.execute("SELECT what_happened, how_i_felt, what_i_noticed, what_i_will_do "
                           "FROM diary_entries").fetchall()
    # a sentence's first 40 characters is distinctive enough, and survives line wrapping
    return [flat(text)[:40] for row in rows for text in row if len(text) > 25]


def test_no_pack_carries_a_diary_entry(db):
    cid, _ = demo.create_demo(db)
    sentences = _diary_sentences(db)
    assert len(sentences) >= 5
    event = next(e for e in events.list_events(db, cid) if e["kind"] == "residential")
    texts = {}
    for kind in PACKS:
        request = PackRequest(cid, event["id"] if kind.needs_event else None, invariant=True,
                              each=kind.key in ("participant-pack", "pulse-form"))
        texts[kind.key] = flat(text_of(read(make_pdf(db, kind, request))))
    data, _summary = deck.build_deck(selection.all_cards(db), geometry.Layout(paper="a4"))
    texts["cards"] = flat(text_of(read(data)))
    assert all(texts.values())
    leaks = [(key, s) for key, text in texts.items() for s in sentences if s in text]
    assert leaks == []
