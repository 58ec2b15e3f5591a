"""`facilitator pulse` and `facilitator insights` on the demo cohort."""

from __future__ import annotations

import pytest

from facilitator.cli import main
from facilitator.demo.cohort_demo import demo_name
from facilitator.demo.dates import calendar

DEMO = demo_name(calendar().start)  # the demo is dated around today


@pytest.fixture
def demo_db(tmp_path, capsys) -> str:
    db = str(tmp_path / "learn.sqlite")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    return db


def test_pulse_prints_who_answered_and_the_trend(demo_db, capsys):
    assert main(["--db", demo_db, "pulse", "--cohort", DEMO]) == 0
    out = capsys.readouterr().out
    assert "weekly pulse from 14 Sep 2026, 12 active participants" in out
    assert "week 12 (30 Nov): 8 of 12 — not yet: Ben Kowalski, Ewa Łukasiewicz" in out
    assert "week  1 (14 Sep): 12 of 12\n" in out
    assert "How much energy did you have for the programme this week?" in out
    assert "    week  1: 3 [3–3], 12" in out
    assert "Check in with (week 12): Jordan Price" in out
    assert "Rule: Check in with someone" in out


def test_pulse_refuses_an_unknown_cohort_and_one_without_a_pulse(demo_db, capsys):
    assert main(["--db", demo_db, "pulse", "--cohort", "Nope"]) == 2
    assert "no cohort called 'Nope'" in capsys.readouterr().err
    from pathlib import Path

    from facilitator.services.cohort import cohorts
    from facilitator.store.database import open_database

    db = open_database(Path(demo_db), routine_backup=False)
    cohorts.create_cohort(db, {"name": "Quiet"})
    db.close(backup_on_close=False)
    assert main(["--db", demo_db, "pulse", "--cohort", "Quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no weekly pulse" in err


def test_insights_lists_all_four_levels_or_one(demo_db, capsys):
    assert main(["--db", demo_db, "insights", "--cohort", DEMO]) == 0
    out = capsys.readouterr().out
    for level in ("Individual (3)", "Organisation (2)", "Services (2)", "Systems (4)"):
        assert level in out
    assert "  - Local rules hide the flex [not for sharing]" in out
    assert main(["--db", demo_db, "insights", "--cohort", DEMO, "--level", "services"]) == 0
    out = capsys.readouterr().out
    assert "2 insights at the services level" in out and "Individual" not in out
    with pytest.raises(SystemExit) as exc:
        main(["--db", demo_db, "insights", "--cohort", DEMO, "--level", "galaxy"])
    assert exc.value.code == 2


def test_diaries_never_appear_in_the_terminal_listings(demo_db, capsys):
    from facilitator.demo.learning_demo import DIARY

    main(["--db", demo_db, "insights", "--cohort", DEMO])
    main(["--db", demo_db, "pulse", "--cohort", DEMO])
    out = capsys.readouterr().out
    for *_x, prompts, _may in DIARY:
        for text in prompts:
            assert text not in out


def test_no_export_carries_a_diary_entry(demo_db, tmp_path, capsys):
    """Diaries are private: every export this build has (the calendar, tool packs) is written
    from the demo cohort, which has diary entries, and searched for their words."""
    from facilitator.demo.learning_demo import DIARY

    ics, pack = tmp_path / "cohort.ics", tmp_path / "pack.json"
    assert main(["--db", demo_db, "export", "ics", "--cohort", DEMO, "--out", str(ics)]) == 0
    assert main(["--db", demo_db, "library", "export", "--out", str(pack)]) == 0
    capsys.readouterr()
    written = ics.read_text(encoding="utf-8") + pack.read_text(encoding="utf-8")
    assert "Learning call 1" in written  # the calendar really holds the cohort's events
    for *_x, prompts, _may in DIARY:
        for text in prompts:
            assert text not in written
