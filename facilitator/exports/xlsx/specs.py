"""The workbook kinds by name, for the reader: each kind's spec says which sheets come back."""

from __future__ import annotations

from facilitator.exports.xlsx import cohort, organisation, participant
from facilitator.exports.xlsx.schema import WorkbookSpec

KINDS = ("cohort", "organisation", "participant")


def spec_for(kind: str) -> WorkbookSpec:
    return {"cohort": cohort.spec, "organisation": organisation.spec,
            "participant": participant.spec}[kind]()
