"""The workbook kinds by name, for the reader: each kind's spec says which sheets come back.
A participant workbook's Pulse sheet is built from the questions its metadata carries."""

from __future__ import annotations

from facilitator.exports.xlsx import cohort, organisation, participant
from facilitator.exports.xlsx.schema import WorkbookSpec

KINDS = ("cohort", "organisation", "participant")


def spec_for(kind: str, meta: dict[str, str] | None = None) -> WorkbookSpec:
    """The spec a workbook of `kind` was written with; ValueError when its metadata is damaged."""
    if kind == "participant":
        return participant.spec(participant.pulse_questions_of(meta or {}))
    return {"cohort": cohort.spec, "organisation": organisation.spec}[kind]()
