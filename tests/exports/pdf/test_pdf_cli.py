"""`facilitator export pdf …` on the demo cohort, as a user types it."""

from __future__ import annotations

import pytest

from facilitator.cli import main
from facilitator.demo.cohort_demo import demo_name
from facilitator.demo.dates import calendar
from tests.exports.pdf.conftest import flat, read, text_of

COHORT = demo_name(calendar().start)  # the demo is dated around today
EVENT = "Residential 1: getting started"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    """One demo database for the module (the packs only read it)."""
    path = str(tmp_path_factory.mktemp("pdfcli") / "cli.sqlite")
    assert main(["--db", path, "demo"]) == 0
    return path


@pytest.mark.parametrize("pack, extra, expect", [
    ("run-sheet", ["--event", EVENT, "--paper", "a4"], "Who is expected"),
    ("participant-pack", ["--event", EVENT, "--each"], "Welcome, Amira Haddad"),
    ("sign-in", ["--event", EVENT], "Sign in"),
    ("sign-in", ["--event", EVENT, "--per", "session"], "Arrival and opening"),
    ("attendance", [], "Attendance by participant"),
    ("venue", ["--event", EVENT.upper()], "For the venue"),
    ("cohort-report", ["--paper", "letter"], "Cohort report"),
])
def test_each_pack_from_the_terminal(demo_db, tmp_path, capsys, pack, extra, expect):
    out = tmp_path / f"{pack}.pdf"
    assert main(["--db", demo_db, "export", "pdf", pack, "--cohort", COHORT, *extra,
                 "--out", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    reader = read(out.read_bytes())
    assert expect in flat(text_of(reader))
    if "--paper" in extra:
        width = round(float(reader.pages[0].mediabox.width))
        assert width == (612 if "letter" in extra else 595)


def test_missing_cohort_or_event_exits_2_naming_what_exists(demo_db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["--db", demo_db, "export", "pdf", "venue", "--cohort", "Nope", "--event", EVENT,
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no cohort called 'Nope'" in err and COHORT in err and err.count("\n") == 1
    assert main(["--db", demo_db, "export", "pdf", "run-sheet", "--cohort", COHORT, "--event",
                 "Nope", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no event called 'Nope'" in err and "'Learning call 1'" in err
    assert main(["--db", demo_db, "export", "pdf", "attendance", "--cohort", COHORT, "--out",
                 str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_paper_choice_is_checked(demo_db, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["--db", demo_db, "export", "pdf", "attendance", "--cohort", COHORT, "--paper",
              "a3", "--out", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2


def test_pseudonymised_cohort_report_from_the_terminal(demo_db, tmp_path, capsys):
    import re
    import sqlite3

    from facilitator.services.privacy.pseudonyms import participant_code

    out = tmp_path / "pseudo.pdf"
    assert main(["--db", demo_db, "export", "pdf", "cohort-report", "--cohort", COHORT,
                 "--pseudonymise", "--out", str(out)]) == 0
    assert "Wrote pseudonymised cohort report" in capsys.readouterr().out
    reader = read(out.read_bytes())
    text = flat(text_of(reader))
    with sqlite3.connect(demo_db) as con:
        people = con.execute("SELECT given_name, family_name, uuid, consent_share_org "
                             "FROM participants").fetchall()
    for given, family, _uuid, _c in people:
        for name in (given, family):
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I), name
    assert all(participant_code(u) in text for _g, _f, u, c in people if c)
    assert [o.title for o in reader.outline if not isinstance(o, list)][-2:] == \
        ["Insights", "Pulse trends"]
    plain = tmp_path / "plain.pdf"
    assert main(["--db", demo_db, "export", "pdf", "cohort-report", "--cohort", COHORT,
                 "--out", str(plain)]) == 0
    assert "Wrote cohort report" in capsys.readouterr().out
    named = flat(text_of(read(plain.read_bytes())))
    assert any(f"{g} {f}" in named for g, f, _u, c in people if c)


def test_pseudonymise_is_only_offered_on_the_cohort_report(demo_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", demo_db, "export", "pdf", "attendance", "--cohort", COHORT,
              "--pseudonymise", "--out", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2 and "--pseudonymise" in capsys.readouterr().err
