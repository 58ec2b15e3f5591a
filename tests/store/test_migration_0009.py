"""0009 adds the questions to organisations and their answers: to the released fixtures (with
their data untouched: the built-in set is asked until a cohort edits it) and to an empty file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facilitator.store.database import open_database

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("schema_*.sqlite"))
NEW = {"organisation_questions", "organisation_answers"}


def _tables(db) -> set[str]:
    with db.engine.connect() as con:
        return {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master "
                                                  "WHERE type='table'")}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_released_schemas_gain_the_tables_and_ask_the_builtin_set(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    db = open_database(path, routine_backup=False)
    try:
        assert NEW <= _tables(db)
        from facilitator.services.cohort import cohorts, organisations
        from facilitator.services.returns import questions

        found = cohorts.list_cohorts(db)
        cid = found[0]["id"] if found else cohorts.create_cohort(db, {"name": "New"}).id
        got = questions.get_questions(db, cid)
        assert got["builtin"] and len(got["questions"]) == len(questions.builtin())
        questions.save_questions(db, cid, got["questions"][:2])
        oid = (organisations.list_organisations(db, cid) or [None])[0]
        oid = oid["id"] if oid else organisations.create_organisation(db, cid, {"name": "O"}).id
        with db.session() as s:
            questions.write_answer(s, oid, got["questions"][0]["key"], "Yes")
        assert questions.get_questions(db, cid)["answered"] == {got["questions"][0]["key"]: 1}
    finally:
        db.close(backup_on_close=False)


def test_an_empty_database_has_the_tables(tmp_path):
    db = open_database(tmp_path / "new.sqlite", routine_backup=False)
    try:
        assert NEW <= _tables(db)
        with db.engine.connect() as con:
            assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() >= "0009"
    finally:
        db.close(backup_on_close=False)
