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
from facilitator.models.library import Tool

__all__ = [
    "Base",
    "Cohort",
    "Entity",
    "Facilitator",
    "Organisation",
    "Participant",
    "PeerGroup",
    "Tool",
    "peer_group_members",
]
