"""`facilitator flex` prints the cohort's groups with their flags."""

from __future__ import annotations

from facilitator.cli import main


def test_flex_lists_flagged_groups_of_the_demo(tmp_path, capsys):
    db = str(tmp_path / "flex.sqlite")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "flex", "--flagged"]) == 0
    out = capsys.readouterr().out
    assert "5 contested, 6 myths" in out
    assert "Tenancy can't start without photo ID [contested, myth]" in out
    assert "No pets allowed" not in out
    assert main(["--db", db, "flex", "--cohort", "Nope"]) == 2
    assert main(["--db", db, "flex", "--threshold", "5"]) == 2
