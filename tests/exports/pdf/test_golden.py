"""Golden files: each pack of the test cohort, built in invariant mode, compared page by page
(text per page and the page count) with the reference in golden/. Page text rather than raw
bytes, so a reportlab upgrade that re-encodes streams does not fail a correct pack; the bytes
themselves are checked stable in test_packs.py. Regenerate after a deliberate change with
UPDATE_GOLDEN=1 and read the diff."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from facilitator.exports.pdf.document import PackRequest
from facilitator.exports.pdf.packs import BY_KEY, PACKS, make_pdf
from tests.exports.pdf.conftest import PRINTED_ON, read

GOLDEN = Path(__file__).parent / "golden"
PAGE_BREAK = "\n===== page break =====\n"


@pytest.mark.parametrize("key", [p.key for p in PACKS])
def test_pack_matches_its_golden_file(db, world, key):
    req = PackRequest(cohort_id=world.cohort_id, event_id=world.event_id, paper="a4",
                      printed_on=PRINTED_ON, invariant=True, each=key == "participant-pack")
    reader = read(make_pdf(db, BY_KEY[key], req))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    # the codes come from uuids, new in each test database: mask them
    text = PAGE_BREAK.join(pages)

    text = re.sub(r"P-[2-9A-HJ-NP-Z]{6}", "P-XXXXXX", text)
    text = re.sub(r"Event [0-9A-F]{6}", "Event XXXXXX", text)
    path = GOLDEN / f"{key}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file for {key}: run with UPDATE_GOLDEN=1"
    want = path.read_text(encoding="utf-8")
    assert text.count(PAGE_BREAK) == want.count(PAGE_BREAK), "page count changed"
    assert text == want
