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
from facilitator.models.learning import (
    CallNote,
    DiaryEntry,
    Experiment,
    Insight,
    LookingBackNote,
    PulseAnswer,
    PulseQuestion,
    PulseSurvey,
)
from facilitator.models.library import Tool
from facilitator.models.plan import AgendaItem, Event, EventTemplate, PlanSession
from facilitator.models.privacy import (
    CohortRetention,
    ConsentChange,
    Erasure,
    ExportRecord,
    PrivacySetting,
    export_people,
)
from facilitator.models.workbooks import (
    OrganisationAnswer,
    OrganisationQuestion,
    OrganisationRuleResponse,
    WorkbookExport,
)
from facilitator.models.worksheets import Assessment, AssessmentScore, RuleEntry, RuleGroup

__all__ = [
    "AgendaItem",
    "Assessment",
    "AssessmentScore",
    "Attendance",
    "Base",
    "CallNote",
    "Cohort",
    "DiaryEntry",
    "CohortRetention",
    "ConsentChange",
    "Entity",
    "Erasure",
    "Event",
    "EventTemplate",
    "Experiment",
    "ExportRecord",
    "Facilitator",
    "Insight",
    "LookingBackNote",
    "Organisation",
    "OrganisationRuleResponse",
    "Participant",
    "PeerGroup",
    "PlanSession",
    "PulseAnswer",
    "PulseQuestion",
    "PulseSurvey",
    "PrivacySetting",
    "RuleEntry",
    "RuleGroup",
    "Tool",
    "export_people",
    "WorkbookExport",
    "peer_group_members",
    "OrganisationAnswer",
    "OrganisationQuestion",
]
