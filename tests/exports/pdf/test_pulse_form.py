"""The pulse form pack: one page per participant or one blank page, the cohort's questions with
tick boxes and lines, the week, and codes (form, participant, week, QR) that read back to the
right person and week; from the terminal with its exact shape and its two refusals."""

from __future__ import annotations

import pytest

from facilitator.cli import main
from facilitator.exports.pdf.packs import BY_KEY, make_pdf
from facilitator.exports.pdf.parts import participant_code
from facilitator.services.cohort import cohorts, roster
from facilitator.services.errors import ValidationError
from facilitator.services.learning import pulse, pulse_codes
from facilitator.services.learning.pulse_codes import survey_code
from facilitator.store.database import open_database
from tests.exports.pdf.conftest import (
    PULSE_START,
    flat,
    fonts_embedded,
    outline_titles,
    read,
    text_of,
)
from tests.exports.pdf.test_packs import _request

PACK = BY_KEY["pulse-form"]


def test_one_page_per_participant_with_questions_week_and_codes(db, world):
    reader = read(make_pdf(db, PACK, _request(world, each=True, week=3)))
    people = roster.expected(db, world.cohort_id)
    assert len(reader.pages) == len(people) == 8
    survey = pulse.get_survey(db, world.cohort_id)
    code = survey_code(survey["questions"])
    for page, person in zip(reader.pages, people, strict=True):
        text = flat(page.extract_text())
        pc = participant_code(person["uuid"])
        assert f"Code to type: {code} {pc} W3" in text
        assert "week 3" in text and "16 Nov – 22 Nov 2026" in text
        assert person["name"] not in text  # codes, never names
        for q in survey["questions"]:
            assert flat(q["prompt"])[:30] in text
        assert "1 = None at all · 5 = Plenty" in text
    assert outline_titles(reader) == [p["name"] for p in people]
    assert all("DejaVu" in n for n in fonts_embedded(reader))
    assert "Contains personal data" in flat(text_of(reader))


def test_blank_form_defaults_to_this_week_and_names_nobody(db, world):
    reader = read(make_pdf(db, PACK, _request(world)))
    text = flat(text_of(reader))
    assert len(reader.pages) == 1
    assert "week 5" in text  # PRINTED_ON (1 Dec) is in week 5 of a pulse from 2 Nov
    assert "Participant code: ____________" in text and "Contains personal data" not in text
    assert "PULSE-TEXT" not in text  # a form, never anyone's answers


def test_the_typed_and_scanned_codes_read_back_to_the_person_and_week(db, world):
    pid = world.people["Siôn Llŷr"]
    uuid = next(p["uuid"] for p in roster.expected(db, world.cohort_id) if p["id"] == pid)
    pc = participant_code(uuid)
    form = survey_code(pulse.get_survey(db, world.cohort_id)["questions"])
    for typed in (pulse_codes.typed_code(form, pc, 7), pulse_codes.qr_payload(form, pc, 7),
                  f"  {pc.lower()}   w7 ", f"{pc.replace('-', '')} week 7"):
        assert pulse_codes.find(db, world.cohort_id, typed, form) == (pid, 7), typed
    with pytest.raises(ValidationError, match="no week"):
        pulse_codes.find(db, world.cohort_id, pc)
    with pytest.raises(ValidationError, match="no participant code"):
        pulse_codes.find(db, world.cohort_id, "W3")
    with pytest.raises(ValidationError, match="Nobody in this cohort"):
        pulse_codes.find(db, world.cohort_id, "P-ZZZZZZ W3")
    with pytest.raises(ValidationError, match="other questions"):
        pulse_codes.find(db, world.cohort_id, f"PF-0000 {pc} W3", form)
    with pytest.raises(ValidationError, match="not a pulse week"):
        pulse_codes.find(db, world.cohort_id, f"{pc} W999")


def test_the_form_code_changes_with_the_questions(db, world):
    before = survey_code(pulse.get_survey(db, world.cohort_id)["questions"])
    qs = pulse.get_survey(db, world.cohort_id)["questions"]
    qs[0] = qs[0] | {"prompt": "How was your energy?"}
    pulse.save_questions(db, world.cohort_id, qs)
    after = survey_code(pulse.get_survey(db, world.cohort_id)["questions"])
    assert before != after and after.startswith("PF-")
    text = flat(text_of(read(make_pdf(db, PACK, _request(world)))))
    assert "How was your energy?" in text and f"Form {after}" in text


def _closed(db_path, make):
    """Build a cohort in a database file the test then closes, so the CLI can open it."""
    database = open_database(db_path, routine_backup=False)
    try:
        make(database)
    finally:
        database.close(backup_on_close=False)
    return ["--db", str(db_path), "export", "pdf", "pulse-form"]


def test_from_the_terminal(tmp_path, capsys):
    from tests.exports.pdf.conftest import world as make_world

    args = _closed(tmp_path / "t.sqlite", make_world.__wrapped__)
    out = tmp_path / "pulse.pdf"
    assert main([*args, "--cohort", "Print cohort", "--out", str(out), "--week", "2", "--each",
                 "--paper", "a4"]) == 0
    assert "Wrote pulse form" in capsys.readouterr().out
    reader = read(out.read_bytes())
    assert len(reader.pages) == 8 and "week 2" in flat(text_of(reader))
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert main([*args, "--cohort", "Print cohort", "--out", str(tmp_path / "blank.pdf")]) == 0
    assert len(read((tmp_path / "blank.pdf").read_bytes()).pages) == 1


def test_terminal_refusals_exit_2_and_write_nothing(tmp_path, capsys):
    def make(database):
        cid = cohorts.create_cohort(database, {"name": "Pulse cohort"}).id
        pulse.start_survey(database, cid, PULSE_START)
        cohorts.create_cohort(database, {"name": "Quiet cohort"})

    args = _closed(tmp_path / "t.sqlite", make)
    out = tmp_path / "x.pdf"
    assert main([*args, "--cohort", "Nope", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no cohort called 'Nope'" in err and "'Pulse cohort'" in err and err.count("\n") == 1
    assert main([*args, "--cohort", "Quiet cohort", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Quiet cohort has no weekly pulse yet" in err and err.count("\n") == 1
    assert main([*args, "--cohort", "Pulse cohort", "--week", "0", "--out", str(out)]) == 2
    assert "--week must be" in capsys.readouterr().err
    assert not out.exists()
