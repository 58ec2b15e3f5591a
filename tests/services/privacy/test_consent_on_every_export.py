"""Consent is read when an export runs, on every path by which personal data leaves the
laptop: a participant's worksheets (rules, scores, their free text) reach an output for an
organisation or the wider team only if their consent to share is recorded at that moment.
Each export is prepared first (the request a dialog or the command line builds), consent is
then withdrawn, and only then is the file written and read back.

Outputs are of three audiences:
  shared - for an organisation or the team: gated by consent;
  own    - the person's own (their return workbook, their subject access, their pack):
           theirs whatever they chose about sharing;
  none   - carry no worksheets at all (run sheet, registers, venue, forms, cards, calendar,
           tool packs), with consent or without.
Every export also writes one entry in the export log (here, and from the command line)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from facilitator.cli import main
from facilitator.exports import sar
from facilitator.exports.pdf import packs
from facilitator.exports.pdf.cards import deck, geometry, selection
from facilitator.exports.pdf.document import PackRequest
from facilitator.exports.xlsx import cohort as cohort_book
from facilitator.exports.xlsx import organisation as organisation_book
from facilitator.exports.xlsx import participant as participant_book
from facilitator.services.cohort import cohorts, organisations, participants
from facilitator.services.flex import assessments, registers
from facilitator.services.learning import diaries, insights, pulse
from facilitator.services.library import packs as tool_packs
from facilitator.services.library import tools
from facilitator.services.library.forms import blank_form
from facilitator.services.plans import attendance, calendar_export, events, sessions
from facilitator.services.privacy import export_log
from facilitator.store.database import open_database
from tests.exports.pdf.conftest import flat, read, text_of

COHORT, ORG, EVENT = "Consent cohort", "Harbour Trust", "Lab one"
ZARA, CARA = ("Zara", "Withdrawn"), ("Cara", "Consents")
# Zara's worksheets: her rule, her own words about it, her assessment note, her pulse words,
# and her words quoted in an insight the team marked shareable
HERS = ("ZQRULE-7731", "ZQEVIDENCE-7731", "ZQNOTE-7731", "ZQPULSE-7731", "ZQQUOTE-7731")
CARAS = ("CCRULE-5511", "CCNOTE-5511")


@dataclass
class World:
    cohort_id: int
    org_id: int
    event_id: int
    zara: int
    cara: int


def _world(db) -> World:
    cid = cohorts.create_cohort(db, {"name": COHORT}).id
    org = organisations.create_organisation(db, cid, {"name": ORG}).id
    consent = {"organisation_id": org, "consent_share_org": True,
               "consent_share_org_date": date(2026, 9, 1)}
    zara = participants.create_participant(db, cid, {"given_name": ZARA[0],
                                                     "family_name": ZARA[1], **consent}).id
    cara = participants.create_participant(db, cid, {"given_name": CARA[0],
                                                     "family_name": CARA[1], **consent}).id
    registers.create_rule(db, cid, zara, {"rule": HERS[0], "belief": "absolute",
                                          "area": "Visits", "evidence": HERS[1]})
    registers.create_rule(db, cid, cara, {"rule": CARAS[0], "belief": "discretionary",
                                          "area": "Visits"})
    assessments.save_scores(db, cid, zara, "skills_for_change", "start", {"analysis": (2, HERS[2])})
    assessments.save_scores(db, cid, cara, "skills_for_change", "start", {"analysis": (4, CARAS[1])})
    ev = events.create_event(db, cid, {"title": EVENT, "kind": "learning lab",
                                       "start_date": date(2026, 11, 10),
                                       "end_date": date(2026, 11, 10)}).id
    sessions.create_session(db, ev, {"title": "Morning", "day": date(2026, 11, 10),
                                     "start": "09:30"})
    attendance.set_mark(db, ev, zara, "present")
    pulse.start_survey(db, cid, date(2026, 11, 2))
    pulse.save_answers(db, cid, zara, 1, {"noticed": (None, HERS[3])})
    diaries.create_entry(db, cid, {"participant_id": zara, "how_i_felt": "ZQDIARY-7731"})
    insights.create_insight(db, cid, {"level": "individual", "title": "Asking twice works",
                                      "quote": HERS[4], "source_kind": "session",
                                      "participant_id": zara, "shareable": True})
    tools.create_tool(db, blank_form() | {"name": "Walking one-to-ones",
                                          "summary": "Pairs talk while walking.",
                                          "purpose": "Easier talk side by side.",
                                          "themes": "listening",
                                          "steps": "5 | Pair up\n20 | Walk and talk"})
    return World(cid, org, ev, zara, cara)


@pytest.fixture
def world(db) -> World:
    return _world(db)


def withdraw(db, pid: int) -> None:
    participants.update_participant(db, pid, {"consent_share_org": False,
                                              "consent_share_org_date": None})


def text_of_output(path: Path) -> str:
    """Everything a person could read in the file (or folder) written."""
    if path.is_dir():
        return "\n".join(text_of_output(p) for p in sorted(path.iterdir()))
    if path.suffix == ".pdf":
        return flat(text_of(read(path.read_bytes())))
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        try:
            return "\n".join(str(v) for ws in book.worksheets
                             for row in ws.iter_rows(values_only=True) for v in row
                             if v is not None)
        finally:
            book.close()
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


Prepared = Callable[[Path], object]  # write the export to this path


@dataclass(frozen=True)
class Export:
    key: str
    audience: str  # "shared", "own" or "none"
    log_kind: str
    suffix: str
    prepare: Callable[[object, World], Prepared]  # (db, world) -> write(path)


def _pack(key: str, **options) -> Callable:
    kind = packs.BY_KEY[key]

    def prepare(db, w: World) -> Prepared:
        request = PackRequest(w.cohort_id, w.event_id if kind.needs_event else None,
                              printed_on=date(2026, 12, 1), **options)
        return lambda out: packs.export(db, kind, request, out)
    return prepare


def _cards(db, w: World) -> Prepared:
    layout = geometry.Layout(paper="a4")
    return lambda out: deck.write_deck(out, selection.all_cards(db)[:4], layout, log_to=db)


EXPORTS = (
    Export("cohort-report", "shared", "pdf", ".pdf", _pack("cohort-report")),
    Export("xlsx-cohort", "shared", "workbook", ".xlsx",
           lambda db, w: lambda out: cohort_book.export_cohort(db, w.cohort_id, out)),
    Export("xlsx-cohort-pseudonymised", "shared", "workbook", ".xlsx",
           lambda db, w: lambda out: cohort_book.export_cohort(db, w.cohort_id, out,
                                                               pseudonymise=True)),
    Export("xlsx-organisation", "shared", "workbook", ".xlsx",
           lambda db, w: lambda out: organisation_book.export_organisation(
               db, w.cohort_id, w.org_id, out)),
    Export("xlsx-participant", "own", "workbook", ".xlsx",
           lambda db, w: lambda out: participant_book.export_participant(
               db, w.cohort_id, w.zara, out)),
    Export("subject-access", "own", "subject access", "",
           lambda db, w: lambda out: sar.write_sar(db, w.zara, out)),
    Export("participant-pack-each", "own", "pdf", ".pdf", _pack("participant-pack", each=True)),
    Export("run-sheet", "none", "pdf", ".pdf", _pack("run-sheet")),
    Export("participant-pack", "none", "pdf", ".pdf", _pack("participant-pack")),
    Export("sign-in", "none", "pdf", ".pdf", _pack("sign-in")),
    Export("attendance", "none", "pdf", ".pdf", _pack("attendance")),
    Export("venue", "none", "pdf", ".pdf", _pack("venue")),
    Export("pulse-form", "none", "pdf", ".pdf", _pack("pulse-form", each=True, week=1)),
    Export("cards", "none", "cards pdf", ".pdf", _cards),
    Export("calendar", "none", "calendar", ".ics",
           lambda db, w: lambda out: calendar_export.write_ics(db, w.cohort_id, out)),
    Export("tool-pack", "none", "tool pack", ".facilitator-pack",
           lambda db, w: lambda out: tool_packs.export_pack(db, out)),
)
BY_AUDIENCE = {a: [e for e in EXPORTS if e.audience == a] for a in ("shared", "own", "none")}


def test_every_pdf_pack_is_in_this_audit():
    """A pack added to PACKS without a line here fails: say who it is for."""
    audited = {e.key.removesuffix("-each") for e in EXPORTS}
    assert {k.key for k in packs.PACKS} <= audited


def _run(db, world, export: Export, tmp_path: Path, *, withdrawn: bool) -> str:
    write = export.prepare(db, world)  # the request is built while she still consents
    if withdrawn:
        withdraw(db, world.zara)  # ... and she withdraws before the file is written
    out = tmp_path / f"{export.key}{export.suffix}"
    write(out)
    return text_of_output(out)


@pytest.mark.parametrize("export", BY_AUDIENCE["shared"], ids=lambda e: e.key)
def test_consent_withdrawn_before_writing_keeps_her_worksheets_out(db, world, export, tmp_path):
    text = _run(db, world, export, tmp_path, withdrawn=True)
    leaked = [m for m in HERS if m in text]
    assert leaked == []
    assert " ".join(ZARA) not in text or export.key.startswith("xlsx")  # see the next test
    assert CARAS[0] in text  # the one still consenting is there: the gate is per person


@pytest.mark.parametrize("export", BY_AUDIENCE["shared"], ids=lambda e: e.key)
def test_with_consent_recorded_her_worksheets_are_shared(db, world, export, tmp_path):
    """The control: the same export while she consents carries her rule."""
    text = _run(db, world, export, tmp_path, withdrawn=False)
    assert HERS[0] in text


@pytest.mark.parametrize("export", BY_AUDIENCE["own"], ids=lambda e: e.key)
def test_her_own_outputs_carry_her_worksheets_whatever_she_chose(db, world, export, tmp_path):
    text = _run(db, world, export, tmp_path, withdrawn=True)
    assert HERS[0] in text


@pytest.mark.parametrize("export", BY_AUDIENCE["none"], ids=lambda e: e.key)
def test_outputs_without_worksheets_never_carry_them(db, world, export, tmp_path):
    text = _run(db, world, export, tmp_path, withdrawn=False)  # even with consent
    assert text.strip()
    assert [m for m in (*HERS, *CARAS, "ZQDIARY-7731") if m in text] == []


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.key)
def test_each_export_writes_one_log_entry(db, world, export, tmp_path):
    before = export_log.list_exports(db)
    out = tmp_path / f"{export.key}{export.suffix}"
    export.prepare(db, world)(out)
    after = export_log.list_exports(db)
    assert len(after) == len(before) + 1
    newest = after[0]
    assert newest["kind"] == export.log_kind and newest["file_name"] == out.name
    assert out.exists()


# the command line ---------------------------------------------------------------------------
CLI = {
    "export ics": ("calendar", ["export", "ics", "--cohort", COHORT], ".ics"),
    "library export": ("tool pack", ["library", "export"], ".facilitator-pack"),
    "export pdf cards": ("cards pdf", ["export", "pdf", "cards", "--all"], ".pdf"),
    "export xlsx cohort": ("workbook", ["export", "xlsx", "cohort", "--cohort", COHORT], ".xlsx"),
    "export xlsx organisation": ("workbook", ["export", "xlsx", "organisation", "--cohort",
                                              COHORT, "--organisation", ORG], ".xlsx"),
    "export xlsx participant": ("workbook", ["export", "xlsx", "participant", "--cohort", COHORT,
                                             "--participant", " ".join(ZARA)], ".xlsx"),
    "export sar": ("subject access", ["export", "sar", "--cohort", COHORT, "--participant",
                                      " ".join(ZARA)], ""),
    **{f"export pdf {k.key}": ("pdf", ["export", "pdf", k.key, "--cohort", COHORT,
                                       *(["--event", EVENT] if k.needs_event else [])], ".pdf")
       for k in packs.PACKS},
}


@pytest.mark.parametrize("command", sorted(CLI))
def test_each_export_command_writes_one_log_entry(tmp_path, command, capsys):
    path = tmp_path / "f.sqlite"
    db = open_database(path, routine_backup=False)
    _world(db)
    before = len(export_log.list_exports(db))
    db.close(backup_on_close=False)
    kind, args, suffix = CLI[command]
    out = tmp_path / f"out{suffix}"
    code = main(["--db", str(path), *args, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    db = open_database(path, routine_backup=False)
    try:
        logged = export_log.list_exports(db)
    finally:
        db.close(backup_on_close=False)
    assert len(logged) == before + 1
    assert logged[0]["kind"] == kind and logged[0]["file_name"] == out.name


def test_every_export_command_is_in_this_audit():
    """An export command added later without a line here fails."""
    import argparse

    from facilitator.commands import register_all

    parser = argparse.ArgumentParser()
    register_all(parser.add_subparsers())
    sub = parser._subparsers._group_actions[0].choices
    export = sub["export"]._subparsers._group_actions[0].choices
    found = {f"export {k}" for k in export if k not in ("pdf", "xlsx")}
    for group in ("pdf", "xlsx"):
        found |= {f"export {group} {k}"
                  for k in export[group]._subparsers._group_actions[0].choices}
    assert sorted(found - set(CLI)) == []
