"""What of a cohort's worksheets and assessments may leave the cohort team.

Worksheets and self-assessments belong to the participant and the cohort team. The one way
they leave the team is gathered here, for an organisation (e.g. a later organisation export),
and only for participants whose consent to share with their organisation is recorded: ticked,
with the date it was given. Everyone else is counted as withheld, never listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from facilitator.models import Assessment, AssessmentScore, Organisation, Participant, RuleEntry
from facilitator.services.flex.registers import FIELDS as RULE_FIELDS
from facilitator.services.records import get_or_fail
from facilitator.store.database import Database


@dataclass
class OrganisationWorksheets:
    organisation: str
    people: list[dict[str, Any]] = field(default_factory=list)  # name, rules, assessments
    withheld: int = 0  # participants of this organisation without recorded consent


def consent_recorded(p: Participant) -> bool:
    return bool(p.consent_share_org) and p.consent_share_org_date is not None


def for_organisation(db: Database, organisation_id: int) -> OrganisationWorksheets:
    with db.read() as s:
        org = get_or_fail(s, Organisation, organisation_id, "organisation")
        people = s.scalars(
            select(Participant).where(Participant.organisation_id == organisation_id)
            .order_by(Participant.family_name, Participant.given_name, Participant.id)
        ).all()
        out = OrganisationWorksheets(org.name)
        allowed = [p for p in people if consent_recorded(p)]
        out.withheld = len(people) - len(allowed)
        ids = [p.id for p in allowed]
        rules: dict[int, list[dict]] = {}
        for r in s.scalars(select(RuleEntry).where(RuleEntry.participant_id.in_(ids))
                           .order_by(RuleEntry.id)):
            rules.setdefault(r.participant_id, []).append(
                {f.name: getattr(r, f.name) for f in RULE_FIELDS})
        scores: dict[int, dict] = {}
        stmt = (select(Assessment.participant_id, Assessment.template, Assessment.point,
                       AssessmentScore.item, AssessmentScore.score, AssessmentScore.note)
                .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
                .where(Assessment.participant_id.in_(ids)))
        for pid, tpl, point, item, score, note in s.execute(stmt):
            scores.setdefault(pid, {}).setdefault((tpl, point), {})[item] = (score, note)
        for p in allowed:
            out.people.append({"name": p.full_name, "rules": rules.get(p.id, []),
                               "assessments": scores.get(p.id, {})})
        return out
