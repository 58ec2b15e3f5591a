"""ORM classes only: no Qt, no I/O beyond SQLAlchemy. Importing this registers every table."""

from facilitator.models.attendance import Attendance
from facilitator.models.base import Base, Entity
from facilitator.models.cohort import (
    Cohort,
    Facilitator,
    Organisation,
    Participant,
    PeerGroup,
    peer_group_members,
)
from facilitator.models.library import Tool
from facilitator.models.plan import AgendaItem, Event, EventTemplate, PlanSession
from facilitator.models.workbooks import OrganisationRuleResponse, WorkbookExport
from facilitator.models.worksheets import Assessment, AssessmentScore, RuleEntry, RuleGroup

__all__ = [
    "AgendaItem",
    "Assessment",
    "AssessmentScore",
    "Attendance",
    "Base",
    "Cohort",
    "Entity",
    "Event",
    "EventTemplate",
    "Facilitator",
    "Organisation",
    "OrganisationRuleResponse",
    "Participant",
    "PeerGroup",
    "PlanSession",
    "RuleEntry",
    "RuleGroup",
    "Tool",
    "WorkbookExport",
    "peer_group_members",
]
