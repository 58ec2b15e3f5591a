"""The Pulse sheet's round trip as a user runs it: `export xlsx participant`, answers typed in
a spreadsheet, `import xlsx` (dry run, then --apply), the answers read back, and a second
import that has nothing to do."""

from __future__ import annotations

from facilitator.cli import main
from facilitator.services.cohort import participants
from facilitator.services.learning import pulse
from facilitator.store.database import open_database
from tests.exports.xlsx.helpers import edit, rows

COHORT = "Systems Changers 2026 (demo)"
PERSON = "Amira Haddad"


def test_participant_pulse_round_trip_from_the_terminal(tmp_path, capsys):
    db_path = str(tmp_path / "cli.sqlite")
    assert main(["--db", db_path, "demo"]) == 0
    out = tmp_path / "amira.xlsx"
    assert main(["--db", db_path, "export", "xlsx", "participant", "--cohort", COHORT,
                 "--participant", PERSON, "--out", str(out)]) == 0
    assert "pulse weeks" in capsys.readouterr().out
    got = rows(out, "Pulse")
    header = got[0]
    energy = next(i for i, h in enumerate(header) if h.startswith("How much energy"))
    ask = next(i for i, h in enumerate(header) if h.startswith("Anything you would like"))
    week1 = got[2]
    score = 5 if week1[energy] != 5 else 1
    letter = {i: chr(ord("A") + i) for i in (energy, ask)}
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Pulse": {f"{letter[energy]}3": score,
                               f"{letter[ask]}3": "Could we meet before the lab?"}})
    assert main(["--db", db_path, "import", "xlsx", str(back), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Pulse: " in text and "row 3 week 1 · How much energy" in text
    assert f"→ '{score}'" in text and "'Could we meet before the lab?'" in text
    assert "Dry run: nothing was changed" in text
    assert main(["--db", db_path, "import", "xlsx", str(back), "--apply"]) == 0
    assert "Applied" in capsys.readouterr().out
    db = open_database(tmp_path / "cli.sqlite", routine_backup=False)
    try:
        from facilitator.services.cohort import cohorts

        cid = cohorts.find_cohort(db, COHORT)["id"]
        pid = next(p["id"] for p in participants.list_participants(db, cid)
                   if f"{p['given_name']} {p['family_name']}" == PERSON)
        answers = pulse.get_answers(db, cid, pid, 1)
        assert answers["energy"] == (score, "") and answers["ask"] == (None, "Could we meet before the lab?")
    finally:
        db.close(backup_on_close=False)
    assert main(["--db", db_path, "import", "xlsx", str(back), "--apply"]) == 0
    assert "Nothing to change: the workbook matches this database." in capsys.readouterr().out
