"""ORM classes only: no Qt, no I/O beyond SQLAlchemy. Importing this registers every table."""

from facilitator.models.base import Base, Entity
from facilitator.models.cohort import (
    Cohort,
    Facilitator,
    Organisation,
    Participant,
    PeerGroup,
    peer_group_members,
)
from facilitator.models.worksheets import Assessment, AssessmentScore, RuleEntry, RuleGroup

__all__ = [
    "Assessment",
    "AssessmentScore",
    "Base",
    "Cohort",
    "Entity",
    "Facilitator",
    "Organisation",
    "Participant",
    "PeerGroup",
    "RuleEntry",
    "RuleGroup",
    "peer_group_members",
]
