"""Who the cohort report may name, and how: only participants who consented to share are
named (the others are counted), by their name, or, when the report is pseudonymised, by
their participant code; and every piece of free text printed with cohort members' names
replaced by their codes (services/privacy/pseudonyms.py)."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.services.cohort import participants
from facilitator.services.privacy import consent
from facilitator.services.privacy.pseudonyms import Pseudonyms
from facilitator.store.database import Database


@dataclass(frozen=True)
class ReportNames:
    consenting: frozenset[int]
    names: dict[int, str]  # participant id -> what the report calls them
    pseudo: Pseudonyms | None = None

    @classmethod
    def for_cohort(cls, db: Database, cohort_id: int, pseudonymise: bool = False) -> ReportNames:
        people = participants.list_participants(db, cohort_id)
        consenting = frozenset(consent.sharing_now(db, cohort_id))  # ticked and dated, now
        if not pseudonymise:
            names = {p["id"]: f"{p['given_name']} {p['family_name']}".strip() for p in people}
            return cls(consenting, names)
        pseudo = Pseudonyms.for_cohort(db, cohort_id)
        return cls(consenting, dict(pseudo.codes), pseudo)

    @property
    def pseudonymised(self) -> bool:
        return self.pseudo is not None

    def name(self, participant_id: int | None) -> str | None:
        """The name (or code) of a consenting participant; None for anyone else."""
        if participant_id not in self.consenting:
            return None
        return self.names.get(participant_id)

    def text(self, value):
        """Free text as printed: members' names become codes when pseudonymised."""
        return self.pseudo.text(value) if self.pseudo is not None else value
