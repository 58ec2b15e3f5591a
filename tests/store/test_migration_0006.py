"""0006 adds the learning tables to a database at 0005 without touching what was there."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from facilitator.store.database import open_database

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_0005.sqlite"
NEW = {"pulse_surveys", "pulse_questions", "pulse_answers", "call_notes", "experiments",
       "diary_entries", "insights", "looking_back_notes"}


def test_schema_0005_gains_the_learning_tables(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    db = open_database(path, routine_backup=False)
    try:
        with db.engine.connect() as con:
            tables = {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
            assert NEW <= tables
            for table in NEW:
                assert con.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
            assert con.exec_driver_sql("SELECT count(*) FROM rule_entries").scalar() > 0
        from facilitator.services.cohort import cohorts
        from facilitator.services.flex import registers
        from facilitator.services.learning import experiments, pulse

        cid = cohorts.list_cohorts(db)[0]["id"]
        pulse.start_survey(db, cid, date(2026, 1, 5))
        people = registers.register_people(db, cid)
        pid = next(p["id"] for p in people if p["total"])
        rule = registers.list_rules(db, cid, pid)[0]
        x = experiments.create_experiment(db, cid, {"participant_id": pid, "title": "Ask",
                                                    "rule_id": rule["id"], "outcome": "partly"})
        assert experiments.for_rule(db, rule["id"])[0]["id"] == x.id
    finally:
        db.close(backup_on_close=False)
