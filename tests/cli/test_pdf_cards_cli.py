"""`facilitator export pdf cards` from a terminal."""

from __future__ import annotations

import json

from pypdf import PdfReader

from facilitator.cli import main
from facilitator.services.cohort import cohorts
from facilitator.services.plans import agenda, events, sessions
from facilitator.store.database import open_database


def _titles(path) -> list[str]:
    return [e["/Title"] for e in PdfReader(path).outline]


def test_cards_by_key_in_the_order_given(tmp_path, capsys):
    db, out = str(tmp_path / "a.sqlite"), tmp_path / "deck.pdf"
    assert main(["--db", db, "export", "pdf", "cards", "--key", "world-cafe", "--key", "iceberg-model",
                 "--per-sheet", "2", "--duplex", "--paper", "letter", "--offset-mm", "1.5,-0.5",
                 "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Wrote 2 card(s) on 1 sheet(s), 2 page(s), 2 per sheet with duplex backs" in said
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4, 1) == 215.9
    names = _titles(out)
    assert len(names) == 2 and "café" in names[0].lower()


def test_all_cards_folded_by_default(tmp_path, capsys):
    out = tmp_path / "all.pdf"
    assert main(["--db", str(tmp_path / "a.sqlite"), "export", "pdf", "cards", "--all",
                 "--paper", "a4", "--out", str(out)]) == 0
    assert "Wrote 35 card(s)" in capsys.readouterr().out and "to fold" in PdfReader(out).metadata.subject
    assert len(_titles(out)) == 35


def test_missing_keys_exit_2_naming_what_exists_and_write_nothing(tmp_path, capsys):
    out = tmp_path / "deck.pdf"
    assert main(["--db", str(tmp_path / "a.sqlite"), "export", "pdf", "cards", "--key", "nope",
                 "--key", "world-cafe", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no card with the key(s) nope" in err
    assert "check-in-rounds" in err and "… and" in err  # a capped list of the real keys
    assert not out.exists()


def test_bad_options_exit_2_with_a_reason(tmp_path, capsys):
    db, out = str(tmp_path / "a.sqlite"), tmp_path / "deck.pdf"
    assert main(["--db", db, "export", "pdf", "cards", "--all", "--offset-mm", "30,0", "--out", str(out)]) == 2
    assert "between" in capsys.readouterr().err
    assert main(["--db", db, "export", "pdf", "cards", "--all", "--out", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_an_events_cards_found_by_title_with_or_without_the_cohort(tmp_path, capsys):
    path = tmp_path / "a.sqlite"
    assert main(["--db", str(path), "export", "pdf", "cards", "--key", "world-cafe",
                 "--out", str(tmp_path / "warm.pdf")]) == 0  # loads the built-in cards
    db = open_database(path, routine_backup=False)
    try:
        cid = cohorts.create_cohort(db, {"name": "Spring"}).id
        other = cohorts.create_cohort(db, {"name": "Autumn"}).id
        for c in (cid, other):
            ev = events.create_event(db, c, {"title": "Lab day", "kind": "learning lab",
                                             "start_date": "2026-03-02", "end_date": "2026-03-02"}).id
            ses = sessions.create_session(db, ev, {"title": "Morning", "day": "2026-03-02", "start": "09:30"}).id
            for key in ("check-in-rounds", "world-cafe", "check-in-rounds"):
                item = agenda.create_item(db, ses, {"title": key, "kind": "activity", "duration": "30"}).id
                agenda.link_tool(db, item, key)
        events.create_event(db, cid, {"title": "Quiet day", "kind": "learning lab",
                                      "start_date": "2026-04-02", "end_date": "2026-04-02"})
    finally:
        db.close(backup_on_close=False)
    capsys.readouterr()
    out = tmp_path / "lab.pdf"
    base = ["--db", str(path), "export", "pdf", "cards"]
    assert main(base + ["--event", "lab day", "--out", str(out)]) == 2
    assert "Several cohorts" in capsys.readouterr().err and not out.exists()
    assert main(base + ["--event", "Lab day", "--cohort", "Spring", "--out", str(out)]) == 0
    assert _titles(out) == ["Check-in rounds", "World café on a systems question"]  # agenda order, each card once
    assert PdfReader(out).metadata.title == "Method cards for Lab day"
    assert main(base + ["--event", "Nope", "--cohort", "Spring", "--out", str(tmp_path / "n.pdf")]) == 2
    err = capsys.readouterr().err
    assert "no event called 'Nope'" in err and "'Lab day'" in err and "'Quiet day'" in err
    assert main(base + ["--event", "Lab day", "--cohort", "Winter", "--out", str(tmp_path / "n.pdf")]) == 2
    assert "'Spring'" in capsys.readouterr().err
    assert main(base + ["--event", "Quiet day", "--out", str(tmp_path / "n.pdf")]) == 2
    assert "nothing to print" in capsys.readouterr().err
    assert not (tmp_path / "n.pdf").exists()


def test_cards_from_a_tool_pack_file(tmp_path, capsys):
    db, pack, out = str(tmp_path / "a.sqlite"), tmp_path / "pack.json", tmp_path / "pack.pdf"
    assert main(["--db", db, "library", "export", "--out", str(pack), "--key", "iceberg-model"]) == 0
    data = json.loads(pack.read_text())
    data["tools"][0]["name"] = "Their <iceberg>"
    pack.write_text(json.dumps(data))
    assert main(["--db", db, "export", "pdf", "cards", "--pack", str(pack), "--per-sheet", "1",
                 "--out", str(out)]) == 0
    assert _titles(out) == ["Their <iceberg>"]
    pack.write_text("{not json")
    assert main(["--db", db, "export", "pdf", "cards", "--pack", str(pack), "--out", str(tmp_path / "b.pdf")]) == 2
    assert "not valid JSON" in capsys.readouterr().err and not (tmp_path / "b.pdf").exists()
