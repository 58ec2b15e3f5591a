"""Erasing rows walks the foreign keys the file itself declares: what depends on a row goes
with it (however deep), a nullable ON DELETE SET NULL reference is unlinked and its quoted
columns emptied, and references that go round in a circle stop the erasure before it starts."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.store import scrub
from facilitator.store.errors import StoreError

SCHEMA = """
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE notes (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES people ON DELETE CASCADE);
CREATE TABLE note_tags (note_id INTEGER REFERENCES notes(id), tag TEXT);
CREATE TABLE quotes (id INTEGER PRIMARY KEY,
                     person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
                     said TEXT, topic TEXT);
CREATE TABLE pledges (person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE SET NULL);
CREATE TABLE rooms (id INTEGER PRIMARY KEY, name TEXT);
CREATE VIRTUAL TABLE people_fts USING fts5(name);
INSERT INTO people VALUES (1, 'Amira'), (2, 'Ben');
INSERT INTO notes VALUES (10, 1), (11, 1), (12, 2);
INSERT INTO note_tags VALUES (10, 'a'), (11, 'b'), (12, 'c');
INSERT INTO quotes VALUES (20, 1, 'It worked', 'rules'), (21, 2, 'Maybe', 'time');
INSERT INTO pledges VALUES (1), (2);
INSERT INTO rooms VALUES (1, 'Hall');
"""


@pytest.fixture
def con(tmp_path):
    con = sqlite3.connect(tmp_path / "file.sqlite")
    con.executescript(SCHEMA)
    yield con
    con.close()


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_a_person_goes_with_everything_that_depends_on_them_and_quotes_lose_the_link(con):
    counts = scrub.erase_where(scrub.sqlite_execute(con), "people", "id = ?", (1,),
                               {("quotes", "person_id"): ("said", "no_such_column")})
    assert counts == {"note_tags": 2, "notes": 2, "quotes.person_id": 1, "pledges": 1,
                      "people": 1}
    assert rows(con, "SELECT id FROM people") == [(2,)]
    assert rows(con, "SELECT id, person_id FROM notes") == [(12, 2)]
    assert rows(con, "SELECT note_id FROM note_tags") == [(12,)]
    assert rows(con, "SELECT * FROM quotes ORDER BY id") == [(20, None, "", "rules"),
                                                            (21, 2, "Maybe", "time")]
    assert rows(con, "SELECT person_id FROM pledges") == [(2,)]  # NOT NULL: erased, not unlinked
    assert rows(con, "SELECT * FROM rooms") == [(1, "Hall")]


def test_nothing_matching_counts_nothing(con):
    assert scrub.erase_where(scrub.sqlite_execute(con), "people", "id = ?", (99,)) == {}
    assert len(rows(con, "SELECT * FROM notes")) == 3


def test_the_references_that_point_at_a_table_are_read_from_the_file(con):
    found = scrub.references_to(scrub.sqlite_execute(con), "people")
    assert sorted(found) == [("notes", "person_id", "id", "CASCADE", True),
                             ("pledges", "person_id", "id", "SET NULL", False),
                             ("quotes", "person_id", "id", "SET NULL", True)]


def _chain(con, length):
    con.execute("CREATE TABLE t0 (id INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO t0 VALUES (1)")
    for n in range(1, length):
        con.execute(f"CREATE TABLE t{n} (id INTEGER PRIMARY KEY, up INTEGER REFERENCES t{n - 1})")
        con.execute(f"INSERT INTO t{n} VALUES (1, 1)")


def test_a_chain_of_references_11_tables_deep_is_erased(tmp_path):
    con = sqlite3.connect(tmp_path / "deep.sqlite")
    _chain(con, 11)
    counts = scrub.erase_where(scrub.sqlite_execute(con), "t0", "id = ?", (1,))
    assert counts == {f"t{n}": 1 for n in range(11)}
    con.close()


def test_references_deeper_than_that_or_in_a_circle_stop_before_anything_is_erased(tmp_path):
    con = sqlite3.connect(tmp_path / "deep.sqlite")
    _chain(con, 12)  # one more and SQLite could not parse the nested queries
    with pytest.raises(StoreError) as err:
        scrub.erase_where(scrub.sqlite_execute(con), "t0", "id = ?", (1,))
    assert str(err.value) == ("The references from t11 go round in a circle; "
                              "nothing was erased.")
    assert all(rows(con, f"SELECT count(*) FROM t{n}") == [(1,)] for n in range(12))
    con.execute("CREATE TABLE mentors (id INTEGER PRIMARY KEY, "
                "mentor_id INTEGER REFERENCES mentors(id) ON DELETE CASCADE)")
    with pytest.raises(StoreError, match="go round in a circle"):
        scrub.erase_where(scrub.sqlite_execute(con), "mentors", "id = ?", (1,))
    con.close()
