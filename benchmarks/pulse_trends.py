"""The pulse trend chart's data: 200 participants × 52 weeks × 6 scale questions (62,400
answers), the median, quartiles, lowest and highest per question and week, computed in SQL.

    .venv/bin/python benchmarks/pulse_trends.py

Prints `figure:` lines for our service call (SQLAlchemy building the statement, SQLite
ranking with window functions, rows turned into WeekPoints), for everything the Pulse tab
loads in its worker thread (trends, who has not answered, the drop flags, one person's line),
and a `ratio:` line against raw sqlite3 running the same SQL written by hand (ours ÷ raw).
For comparison it also times the obvious SQL that ranks every answer with window functions
(the same numbers, checked, but each week's answers sorted one by one)."""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.models.base import new_uuid  # noqa: E402
from facilitator.services.cohort import cohorts  # noqa: E402
from facilitator.services.learning import pulse, trends  # noqa: E402
from facilitator.store.database import open_database  # noqa: E402

PEOPLE, WEEKS, QUESTIONS = 200, 52, 6

RAW = """
WITH counts AS (
  SELECT question_id AS qid, week, score, count(*) AS c
  FROM pulse_answers
  WHERE question_id IN (SELECT q.id FROM pulse_questions q JOIN pulse_surveys s ON s.id = q.survey_id
                        WHERE s.cohort_id = ? AND q.kind = 'scale') AND score IS NOT NULL
  GROUP BY question_id, week, score),
running AS (
  SELECT qid, week, score, sum(c) OVER (PARTITION BY qid, week ORDER BY score) AS upto,
         sum(c) OVER (PARTITION BY qid, week) AS n
  FROM counts)
SELECT q.key, r.week, max(n),
       (min(CASE WHEN upto >= (n + 1) / 2 THEN score END)
        + min(CASE WHEN upto >= (n + 2) / 2 THEN score END)) / 2.0,
       min(CASE WHEN upto >= (n + 3) / 4 THEN score END),
       min(CASE WHEN upto >= (3 * n + 3) / 4 THEN score END),
       min(score), max(score)
FROM running r JOIN pulse_questions q ON q.id = r.qid
GROUP BY q.key, r.week ORDER BY q.key, r.week
"""

# The obvious way, for comparison: rank every answer with window functions.
RANK_EVERY_ANSWER = """
WITH ranked AS (
  SELECT q.key AS key, a.week AS week, a.score AS score,
         row_number() OVER (PARTITION BY a.question_id, a.week ORDER BY a.score) AS rn,
         count(*) OVER (PARTITION BY a.question_id, a.week) AS n
  FROM pulse_answers a
  JOIN pulse_questions q ON q.id = a.question_id
  JOIN pulse_surveys s ON s.id = q.survey_id
  WHERE s.cohort_id = ? AND q.kind = 'scale' AND a.score IS NOT NULL)
SELECT key, week, count(*),
       avg(CASE WHEN rn = (n + 1) / 2 OR rn = (n + 2) / 2 THEN score END),
       max(CASE WHEN rn = (n + 3) / 4 THEN score END),
       max(CASE WHEN rn = (3 * n + 3) / 4 THEN score END),
       min(score), max(score)
FROM ranked GROUP BY key, week ORDER BY key, week
"""


def best_of(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def build(path: Path) -> tuple[object, int]:
    db = open_database(path, routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "Benchmark"}).id
    pulse.start_survey(db, cid, date(2026, 1, 5))
    questions = [q for q in pulse.get_survey(db, cid)["questions"] if q["kind"] == "scale"]
    assert len(questions) == QUESTIONS, len(questions)
    con = sqlite3.connect(path)
    now = "2026-01-05 00:00:00"
    con.executemany(
        "INSERT INTO participants (uuid, cohort_id, given_name, family_name, pronouns, role, email,"
        " phone, access_needs, dietary_needs, consent_storage, consent_photos, consent_share_org,"
        " status, notes, created_at, updated_at) VALUES (?, ?, ?, '', '', '', '', '', '', '', 1, 0,"
        " 0, 'active', '', ?, ?)",
        [(new_uuid(), cid, f"Person {i}", now, now) for i in range(PEOPLE)])
    pids = [r[0] for r in con.execute("SELECT id FROM participants WHERE cohort_id = ?", (cid,))]
    rnd = random.Random(3)
    rows = []
    for pid in pids:
        for week in range(1, WEEKS + 1):
            for q in questions:
                rows.append((new_uuid(), q["id"], pid, week, rnd.randint(1, 5), now, now))
    con.executemany("INSERT INTO pulse_answers (uuid, question_id, participant_id, week, score,"
                    " text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)", rows)
    con.commit()
    con.close()
    return db, cid


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pulse.sqlite"
        db, cid = build(path)
        try:
            ours = trends.trends(db, cid)
            raw_con = sqlite3.connect(path)
            raw = raw_con.execute(RAW, (cid,)).fetchall()
            ranked = raw_con.execute(RANK_EVERY_ANSWER, (cid,)).fetchall()
            assert sum(len(v) for v in ours.values()) == len(raw) == WEEKS * QUESTIONS
            got = [(k, p.week, p.answers, p.median, p.lower, p.upper, p.lowest, p.highest)
                   for k in sorted(ours) for p in ours[k]]
            assert got == [tuple(r) for r in raw] == [tuple(r) for r in ranked]
            pid = db.engine.connect().exec_driver_sql("SELECT min(id) FROM participants").scalar()

            t_ours = best_of(lambda: trends.trends(db, cid))
            t_raw = best_of(lambda: raw_con.execute(RAW, (cid,)).fetchall())
            t_rank = best_of(lambda: raw_con.execute(RANK_EVERY_ANSWER, (cid,)).fetchall(), 3)

            def tab_load():
                trends.trends(db, cid)
                trends.not_answered(db, cid, WEEKS)
                trends.drops(db, cid, WEEKS)
                trends.person_line(db, cid, pid)

            t_tab = best_of(tab_load)
            raw_con.close()
        finally:
            db.close(backup_on_close=False)
    n = PEOPLE * WEEKS * QUESTIONS
    print(f"figure: pulse_trends_answers {n} answers")
    print(f"figure: pulse_trends_sql {t_ours * 1000:.1f} ms")
    print(f"figure: pulse_trends_raw_sqlite3 {t_raw * 1000:.1f} ms")
    print(f"figure: pulse_trends_rank_every_answer_sqlite3 {t_rank * 1000:.1f} ms")
    print(f"figure: pulse_tab_load {t_tab * 1000:.1f} ms")
    print(f"ratio: pulse_trends_vs_raw {t_ours / t_raw:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
