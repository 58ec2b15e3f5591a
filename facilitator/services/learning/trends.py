"""What the pulse shows: who answered each week, who has not answered this week, the
cohort's trend per question (median and spread, week by week, computed in SQL), one person's
line, and the "check in with them" flag for a sharp drop.

The spread is the middle half of the answers: from the lower to the upper quartile (nearest
rank), with the lowest and highest answer too. An index on (question, week, score) lets the
trend be counted from the index alone."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

from facilitator.models import Organisation, Participant, PulseAnswer, PulseQuestion, PulseSurvey
from facilitator.store.database import Database

DROP_POINTS = 1.5
DROP_WEEKS = 3
DROP_RULE = (f"Check in with someone when their average on the 1–5 questions in a week is "
             f"{DROP_POINTS:g} points or more below their own average over the {DROP_WEEKS} weeks "
             f"before it (at least two of those weeks answered).")


@dataclass(frozen=True)
class WeekPoint:
    week: int
    answers: int
    median: float
    lower: float  # lower quartile
    upper: float  # upper quartile
    lowest: int
    highest: int


@dataclass(frozen=True)
class Drop:
    participant_id: int
    name: str
    week: int
    before: float  # their average over the weeks before
    now: float  # their average this week


def trend_statement(cohort_id: int):
    """The SQL: per scale question and week, the number of answers, median, quartiles, lowest
    and highest. Scores are whole numbers on a short scale, so the answers are first counted
    per score (a covering index makes that one pass); a running sum over those few rows then
    says which score holds each rank: the value at rank r is the lowest score whose running
    count reaches r. The median is the mean of ranks (n+1)/2 and (n+2)/2 (the middle one, or
    the middle two); the quartiles are ranks ceil(n/4) and ceil(3n/4) (nearest rank)."""
    scale_questions = (select(PulseQuestion.id)
                       .join(PulseSurvey, PulseSurvey.id == PulseQuestion.survey_id)
                       .where(PulseSurvey.cohort_id == cohort_id, PulseQuestion.kind == "scale"))
    counts = (select(PulseAnswer.question_id.label("qid"), PulseAnswer.week.label("week"),
                     PulseAnswer.score.label("score"), func.count().label("c"))
              .where(PulseAnswer.question_id.in_(scale_questions), PulseAnswer.score.is_not(None))
              .group_by(PulseAnswer.question_id, PulseAnswer.week, PulseAnswer.score)
              .subquery())
    part = (counts.c.qid, counts.c.week)
    running = (select(counts.c.qid, counts.c.week, counts.c.score,
                      func.sum(counts.c.c).over(partition_by=part, order_by=counts.c.score)
                      .label("upto"),
                      func.sum(counts.c.c).over(partition_by=part).label("n"))
               .subquery())
    upto, n, score = running.c.upto, running.c.n, running.c.score

    def at_rank(rank):
        return func.min(case((upto >= rank, score)))

    return (select(PulseQuestion.key, running.c.week, func.max(n),
                   (at_rank((n + 1) // 2) + at_rank((n + 2) // 2)) / 2.0,
                   at_rank((n + 3) // 4), at_rank((3 * n + 3) // 4),
                   func.min(score), func.max(score))
            .join(PulseQuestion, PulseQuestion.id == running.c.qid)
            .group_by(PulseQuestion.key, running.c.week)
            .order_by(PulseQuestion.key, running.c.week))


def trends(db: Database, cohort_id: int) -> dict[str, list[WeekPoint]]:
    """Question key -> its weeks, in order (weeks nobody answered are absent)."""
    out: dict[str, list[WeekPoint]] = {}
    with db.read() as s:
        for key, week, count, median, lower, upper, lowest, highest in s.execute(
                trend_statement(cohort_id)):
            out.setdefault(key, []).append(WeekPoint(week, count, float(median), float(lower),
                                                     float(upper), lowest, highest))
    return out


def person_line(db: Database, cohort_id: int, participant_id: int) -> dict[str, list[tuple[int, int]]]:
    """Question key -> [(week, score)] for one person."""
    stmt = (select(PulseQuestion.key, PulseAnswer.week, PulseAnswer.score)
            .join(PulseQuestion, PulseQuestion.id == PulseAnswer.question_id)
            .join(PulseSurvey, PulseSurvey.id == PulseQuestion.survey_id)
            .where(PulseSurvey.cohort_id == cohort_id, PulseAnswer.participant_id == participant_id,
                   PulseAnswer.score.is_not(None))
            .order_by(PulseQuestion.key, PulseAnswer.week))
    out: dict[str, list[tuple[int, int]]] = {}
    with db.read() as s:
        for key, week, score in s.execute(stmt):
            out.setdefault(key, []).append((week, score))
    return out


def answered_by_week(db: Database, cohort_id: int) -> dict[int, list[int]]:
    """Week -> the ids of the participants who answered anything that week."""
    stmt = (select(PulseAnswer.week, PulseAnswer.participant_id).distinct()
            .join(PulseQuestion, PulseQuestion.id == PulseAnswer.question_id)
            .join(PulseSurvey, PulseSurvey.id == PulseQuestion.survey_id)
            .where(PulseSurvey.cohort_id == cohort_id)
            .order_by(PulseAnswer.week, PulseAnswer.participant_id))
    out: dict[int, list[int]] = {}
    with db.read() as s:
        for week, pid in s.execute(stmt):
            out.setdefault(week, []).append(pid)
    return out


def not_answered(db: Database, cohort_id: int, week: int) -> list[dict]:
    """The cohort's active participants with no answer in `week`, by name."""
    answered = (select(PulseAnswer.participant_id)
                .join(PulseQuestion, PulseQuestion.id == PulseAnswer.question_id)
                .join(PulseSurvey, PulseSurvey.id == PulseQuestion.survey_id)
                .where(PulseSurvey.cohort_id == cohort_id, PulseAnswer.week == week))
    stmt = (select(Participant.id, Participant.given_name, Participant.family_name,
                   Organisation.name)
            .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
            .where(Participant.cohort_id == cohort_id, Participant.status == "active",
                   Participant.id.not_in(answered))
            .order_by(Participant.given_name, Participant.family_name, Participant.id))
    with db.read() as s:
        return [{"id": pid, "name": f"{given} {family}".strip(), "organisation": org or ""}
                for pid, given, family, org in s.execute(stmt)]


def drops(db: Database, cohort_id: int, week: int) -> list[Drop]:
    """People flagged in `week` by DROP_RULE, the sharpest drop first."""
    first = week - DROP_WEEKS
    stmt = (select(PulseAnswer.participant_id, Participant.given_name, Participant.family_name,
                   PulseAnswer.week, func.avg(PulseAnswer.score))
            .join(PulseQuestion, PulseQuestion.id == PulseAnswer.question_id)
            .join(PulseSurvey, PulseSurvey.id == PulseQuestion.survey_id)
            .join(Participant, Participant.id == PulseAnswer.participant_id)
            .where(PulseSurvey.cohort_id == cohort_id, PulseQuestion.kind == "scale",
                   PulseAnswer.score.is_not(None), and_(PulseAnswer.week >= first,
                                                        PulseAnswer.week <= week))
            .group_by(PulseAnswer.participant_id, Participant.given_name, Participant.family_name,
                      PulseAnswer.week))
    weeks: dict[int, dict[int, float]] = {}
    names: dict[int, str] = {}
    with db.read() as s:
        for pid, given, family, wk, mean in s.execute(stmt):
            weeks.setdefault(pid, {})[wk] = float(mean)
            names[pid] = f"{given} {family}".strip()
    out = []
    for pid, means in weeks.items():
        if week not in means:
            continue
        earlier = [v for wk, v in means.items() if wk < week]
        if len(earlier) < 2:
            continue
        before = sum(earlier) / len(earlier)
        if before - means[week] >= DROP_POINTS - 1e-9:
            out.append(Drop(pid, names[pid], week, round(before, 2), round(means[week], 2)))
    out.sort(key=lambda d: (d.now - d.before, d.name))
    return out
