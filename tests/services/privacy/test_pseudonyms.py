"""Pseudonyms: stable codes not derived from names, and names in free text replaced."""

from __future__ import annotations

import re
import sqlite3

from openpyxl import load_workbook

from facilitator.services.privacy.export_log import list_exports
from facilitator.services.privacy.pseudonyms import SHARED_NAME, Pseudonyms, participant_code

PEOPLE = [(1, "0f8fad5b-d9cb-469f-a165-70867728950e", "Amira", "Haddad"),
          (2, "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Ben", "Kowalski"),
          (3, "16fd2706-8baf-433b-82eb-8c7fada847da", "Ben", "Ochieng"),
          (4, "886313e1-3b8a-5372-9b90-0c9aee199e5d", "Siôn", "Llŷr")]


def test_codes_come_from_the_uuid_not_the_name():
    p = Pseudonyms.for_people(PEOPLE)
    assert p.codes[1] == participant_code(PEOPLE[0][1]) and re.fullmatch(r"P-[2-9A-Z]{6}", p.codes[1])
    renamed = Pseudonyms.for_people([(1, PEOPLE[0][1], "Someone", "Else")])
    assert renamed.codes[1] == p.codes[1]  # the same person keeps their code
    assert len(set(p.codes.values())) == 4


def test_names_in_free_text_become_codes():
    p = Pseudonyms.for_people(PEOPLE)
    a, b, c, s = (p.codes[i] for i in (1, 2, 3, 4))
    assert p.text("Amira Haddad asked her manager") == f"{a} asked her manager"
    assert p.text("then amira and KOWALSKI met") == f"then {a} and {b} met"
    assert p.text("Ben Ochieng agreed; Ben said no") == f"{c} agreed; {SHARED_NAME} said no"
    assert p.text("Siôn Llŷr and Llŷr") == f"{s} and {s}"
    assert p.text("Amiras and Benefits stay") == "Amiras and Benefits stay"  # whole words only
    assert p.text(None) is None and p.text(12) == 12


def test_pseudonymised_cohort_workbook_holds_no_participants_name(db, tmp_path):
    from facilitator import demo
    from facilitator.exports.xlsx.cohort import export_cohort

    cid, _ = demo.create_demo(db)
    with sqlite3.connect(db.path) as con:
        people = con.execute("SELECT given_name, family_name, email, uuid FROM participants "
                             "WHERE cohort_id = ?", (cid,)).fetchall()
    out = tmp_path / "pseudo.xlsx"
    export_cohort(db, cid, out, pseudonymise=True)
    wb = load_workbook(out, read_only=True)
    texts = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    wb.close()
    blob = "\n".join(texts)
    for given, family, email, _uuid in people:
        assert not re.search(rf"(?<!\w){re.escape(given)} {re.escape(family)}(?!\w)", blob)
        assert not re.search(rf"(?<!\w){re.escape(family)}(?!\w)", blob), family
        assert not email or email not in blob
    assert participant_code(people[0][3]) in blob
    assert list_exports(db)[0]["kind"] == "workbook"
    plain = tmp_path / "plain.xlsx"
    export_cohort(db, cid, plain)  # the test can fail: the plain workbook has the names
    wb = load_workbook(plain, read_only=True)
    assert any(people[0][1] in str(v) for ws in wb.worksheets
               for row in ws.iter_rows(values_only=True) for v in row)
    wb.close()
