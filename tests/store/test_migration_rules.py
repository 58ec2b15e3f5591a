"""How the store knows its schema versions (from the files shipped), which ones are newer than
this build, and that an upgrade leaving broken references is never committed."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.store import checks, migrate


def test_every_shipped_version_file_is_a_known_revision_oldest_first():
    files = sorted(p.name.split("_", 1)[0] for p in (migrate.MIGRATIONS / "versions").glob("*.py")
                   if p.name[:4].isdigit())
    assert migrate.known_revisions() == files
    assert migrate.head_revision() == files[-1]


def test_a_revision_is_read_from_the_file_else_taken_from_its_name(tmp_path):
    branch = tmp_path / "0009_branch_work.py"
    branch.write_text('"""docstring first\n\nRevision ID: 0009x\n"""\nrevision = "0009x"\n'
                      "down_revision = '0008'\n", encoding="utf-8")
    assert migrate._revision_id(branch) == "0009x"
    single = tmp_path / "0010_other.py"
    single.write_text("\"\"\"x\"\"\"\nrevision = '0010'\n", encoding="utf-8")
    assert migrate._revision_id(single) == "0010"
    bare = tmp_path / "0011_no_line.py"
    bare.write_text("    revision = 'indented, not a module-level line'\n", encoding="utf-8")
    assert migrate._revision_id(bare) == "0011"


@pytest.mark.parametrize(("revision", "newer"), [
    ("0001", False), ("0000", False), ("9999", True), ("0006x", True), ("abcd", True),
])
def test_what_counts_as_a_newer_schema(revision, newer):
    assert migrate.is_newer(revision) is newer


def test_an_upgrade_that_would_leave_a_broken_reference_is_not_committed(tmp_path):
    path = tmp_path / "at0001.sqlite"
    migrate.upgrade_file(path, "0001")
    con = sqlite3.connect(path)  # foreign keys off, as an old tool writing to the file had them
    con.execute("INSERT INTO facilitators (cohort_id, name, role, email, phone, notes, id, uuid, "
                "created_at, updated_at) VALUES (42, 'Orphan', '', '', '', '', 1, 'f', "
                "'2026-01-01', '2026-01-01')")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match=r"the upgrade left 1 broken reference\(s\), first"):
        migrate.upgrade_file(path)
    assert checks.read_revision(path) == ("0001", True)
