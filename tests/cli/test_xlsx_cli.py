"""`facilitator export xlsx …` and `facilitator import xlsx FILE [--dry-run|--apply]`, run as a
user would, on the demo."""

from __future__ import annotations

import openpyxl
import pytest

from facilitator.cli import main
from facilitator.demo.cohort_demo import demo_name
from facilitator.demo.dates import calendar
from tests.exports.xlsx.helpers import column_of, edit

COHORT = demo_name(calendar().start)  # the demo is dated around today


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    return db


def _names(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return wb.sheetnames
    finally:
        wb.close()


def test_the_three_exports(demo_db, tmp_path, capsys):
    out = tmp_path / "cohort.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "cohort", "--cohort", COHORT,
                 "--out", str(out)]) == 0
    assert "Attendance matrix" in _names(out)
    folder = tmp_path / "orgs"  # a new folder: --each makes it
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--each", "--out", str(folder)]) == 0
    assert len(list(folder.glob("*.xlsx"))) == 6
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--each", "--out", str(out)]) == 2  # a file is not a folder
    one = tmp_path / "one.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--organisation", "Riverside Housing Association", "--out", str(one)]) == 0
    person = tmp_path / "person.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "participant", "--cohort", COHORT,
                 "--participant", "Femi Adeyemi", "--out", str(person)]) == 0
    assert "My rules" in _names(person)
    text = capsys.readouterr().out
    assert "Wrote the return workbook of Femi Adeyemi" in text


@pytest.mark.parametrize("args,says", [
    (["cohort", "--cohort", "Nope", "--out", "x.xlsx"], "there is no cohort called 'Nope'"),
    (["organisation", "--cohort", COHORT, "--organisation", "Nope", "--out", "x.xlsx"],
     "has no organisation called 'Nope'"),
    (["participant", "--cohort", COHORT, "--participant", "No One", "--out", "x.xlsx"],
     "has no participant called 'No One'"),
    (["cohort", "--cohort", COHORT, "--out", "/no/such/folder/x.xlsx"], "does not exist"),
])
def test_export_mistakes_are_one_line_and_exit_2(demo_db, capsys, args, says):
    assert main(["--db", demo_db, "export", "xlsx", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


def test_dry_run_then_apply_and_conflicts_refused(demo_db, tmp_path, capsys):
    out = tmp_path / "org.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--organisation", "Riverside Housing Association", "--out", str(out)]) == 0
    role = column_of(out, "Our people", "Role")
    back = tmp_path / "back.xlsx"
    edit(out, back, {"Our people": {f"{role}3": "Housing officer (lead)"}})
    capsys.readouterr()
    assert main(["--db", demo_db, "import", "xlsx", str(back), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Our people: 1 update" in text and "→ 'Housing officer (lead)'" in text
    assert "Dry run: nothing was changed" in text
    # a second export changed differently by the team: the first workbook now conflicts
    other = tmp_path / "other.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--organisation", "Riverside Housing Association", "--out", str(other)]) == 0
    edit(other, tmp_path / "other-back.xlsx", {"Our people": {f"{role}3": "Team leader"}})
    assert main(["--db", demo_db, "import", "xlsx", str(tmp_path / "other-back.xlsx"),
                 "--apply"]) == 0
    capsys.readouterr()
    assert main(["--db", demo_db, "import", "xlsx", str(back), "--apply"]) == 1
    got = capsys.readouterr()
    assert "CONFLICT exported" in got.out and "1 conflict(s)" in got.err
    assert "nothing was changed" in got.err
    assert main(["--db", demo_db, "import", "xlsx", str(back), "--apply", "--take", "theirs"]) == 0
    assert "Applied" in capsys.readouterr().out
    assert main(["--db", demo_db, "import", "xlsx", str(back), "--apply"]) == 0
    assert "Nothing to change" in capsys.readouterr().out


def test_problems_exit_1(demo_db, tmp_path, capsys):
    out = tmp_path / "org.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "organisation", "--cohort", COHORT,
                 "--organisation", "Riverside Housing Association", "--out", str(out)]) == 0
    email = column_of(out, "Our people", "E-mail")
    edit(out, tmp_path / "bad.xlsx", {"Our people": {f"{email}3": "nobody"}})
    capsys.readouterr()
    assert main(["--db", demo_db, "import", "xlsx", str(tmp_path / "bad.xlsx"), "--apply"]) == 1
    got = capsys.readouterr()
    assert f"problem: Our people, row 3, column {email} · E-mail" in got.out
    assert "nothing was changed" in got.err


def test_pseudonymised_cohort_workbook_from_the_terminal(demo_db, tmp_path, capsys):
    out = tmp_path / "pseudo.xlsx"
    assert main(["--db", demo_db, "export", "xlsx", "cohort", "--cohort", COHORT,
                 "--pseudonymise", "--out", str(out)]) == 0
    assert "Wrote the pseudonymised cohort workbook" in capsys.readouterr().out
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    names = [row[0] for row in wb["Participants"].iter_rows(min_row=3, values_only=True) if row[0]]
    wb.close()
    assert names and all(str(n).startswith("P-") for n in names)
