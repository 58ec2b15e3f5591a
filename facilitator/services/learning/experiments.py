"""Each participant's small experiments (one a month): what I will try, the rule from my
register it tests (optional), when, what happened, what I learnt, and the outcome."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from facilitator.models import Experiment, Participant, RuleEntry
from facilitator.models.learning import EXPERIMENT_OUTCOMES
from facilitator.services import records
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec
from facilitator.services.learning.refs import check_links
from facilitator.services.records import Record, RecordKind, RecordService
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("participant_id", "Participant", kind="ref", ref="participants", required=True),
    FieldSpec("title", "What I will try", required=True, max_length=300),
    FieldSpec("rule_id", "The rule it tests", kind="ref", ref="rules",
              help="A rule from this person's register (optional)."),
    FieldSpec("planned_on", "When", kind="date"),
    FieldSpec("what_happened", "What happened", kind="multiline", max_length=5000),
    FieldSpec("learnt", "What I learnt", kind="multiline", max_length=5000),
    FieldSpec("outcome", "Outcome", kind="choice", choices=EXPERIMENT_OUTCOMES, required=True),
)


def _check(s, cohort_id: int, data: Record, _own_id: int | None) -> None:
    check_links(s, cohort_id, data)
    rule_id = data.get("rule_id")
    if rule_id is not None:
        rule = s.get(RuleEntry, rule_id)
        if rule.participant_id != data["participant_id"]:
            raise ValidationError({"rule_id": "Choose a rule from this participant's own register."})


KIND = RecordKind(model=Experiment, fields=FIELDS, noun="experiment", check=_check,
                  order_by=("planned_on", "id"))
SERVICE = RecordService(KIND)
get_experiment, create_experiment = SERVICE.get, SERVICE.create
update_experiment, delete_experiment = SERVICE.update, SERVICE.delete


def list_experiments(db: Database, cohort_id: int) -> list[Record]:
    """Every experiment of the cohort, with the person's name and the rule's wording."""
    stmt = (select(Experiment, Participant.given_name, Participant.family_name, RuleEntry.rule)
            .join(Participant, Participant.id == Experiment.participant_id)
            .outerjoin(RuleEntry, RuleEntry.id == Experiment.rule_id)
            .where(Experiment.cohort_id == cohort_id)
            .order_by(Experiment.planned_on, Experiment.id))
    with db.read() as s:
        out = []
        for x, given, family, rule in s.execute(stmt):
            rec = records.to_record(x, KIND)
            rec["person"] = f"{given} {family}".strip()
            rec["rule"] = rule or ""
            rec["month"] = f"{x.planned_on:%Y-%m}" if x.planned_on else ""
            out.append(rec)
        return out


def for_rule(db: Database, rule_id: int) -> list[Record]:
    """The experiments that test one register entry, oldest first."""
    with db.read() as s:
        rows = s.scalars(select(Experiment).where(Experiment.rule_id == rule_id)
                         .order_by(Experiment.planned_on, Experiment.id))
        return [records.to_record(x, KIND) for x in rows]


def overview(db: Database, cohort_id: int) -> dict[str, Any]:
    """{"per_month": {(person, "YYYY-MM"): count}, "outcomes": Counter, "tested_rules":
    {rule_id: [outcomes]}} for the cohort overview."""
    per_month: Counter = Counter()
    outcomes: Counter = Counter()
    tested: dict[int, list[str]] = {}
    for rec in list_experiments(db, cohort_id):
        per_month[(rec["person"], rec["month"] or "undated")] += 1
        outcomes[rec["outcome"]] += 1
        if rec["rule_id"] is not None:
            tested.setdefault(rec["rule_id"], []).append(rec["outcome"])
    return {"per_month": per_month, "outcomes": outcomes, "tested_rules": tested}


def contested_tested(db: Database, cohort_id: int) -> list[dict[str, Any]]:
    """The contested rule groups of 'What does the crowd know?' that an experiment tested."""
    from facilitator.services.flex import crowd

    tested = overview(db, cohort_id)["tested_rules"]
    out = []
    for g in crowd.crowd_view(db, cohort_id).groups:
        hits = [o for rid in g.entry_ids for o in tested.get(rid, [])]
        if g.contested and hits:
            out.append({"title": g.title, "experiments": len(hits), "outcomes": Counter(hits)})
    return out
