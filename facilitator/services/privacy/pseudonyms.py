"""Participant codes instead of names, for pseudonymised exports.

A code is made from the participant's uuid, which is random, so it is stable (the same person
has the same code in every export and on every paper form) and cannot be worked out from the
name. Names of cohort members written in free text are replaced by their codes too: the full
name, and a given or family name on its own where only one member has it (a name two members
share becomes "[a participant]", since it cannot say which)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select

from facilitator.models import Participant
from facilitator.store.database import Database

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread
SHARED_NAME = "[a participant]"
MIN_NAME = 3  # shorter names ("Jo") are left in place rather than risk words that match


def participant_code(uuid: str) -> str:
    """A short code for a participant that is not their name: "P-7K2QX9" from their uuid."""
    digits = int(uuid.replace("-", "")[:12], 16)
    out = ""
    for _ in range(6):
        digits, r = divmod(digits, len(ALPHABET))
        out += ALPHABET[r]
    return f"P-{out}"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class Pseudonyms:
    """The codes of one cohort's members, and the name-replacing pass over free text."""

    codes: dict[int, str]
    _names: dict[str, str] = field(default_factory=dict)  # casefolded name -> replacement
    _pattern: re.Pattern | None = None

    @classmethod
    def for_people(cls, people: list[tuple[int, str, str, str]]) -> Pseudonyms:
        """`people`: (id, uuid, given name, family name) for every member of the cohort."""
        codes = {pid: participant_code(uuid) for pid, uuid, _g, _f in people}
        full: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for pid, _uuid, given, family in people:
            given, family = _nfc(given.strip()), _nfc(family.strip())
            whole = " ".join(x for x in (given, family) if x)
            if whole:
                full[whole.casefold()] = codes[pid]
            for part in (given, family):
                if len(part) >= MIN_NAME:
                    parts.setdefault(part.casefold(), set()).add(codes[pid])
        names = {k: (next(iter(v)) if len(v) == 1 else SHARED_NAME) for k, v in parts.items()}
        names.update(full)  # a full name always says exactly who
        pattern = None
        if names:
            alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return cls(codes, names, pattern)

    @classmethod
    def for_cohort(cls, db: Database, cohort_id: int) -> Pseudonyms:
        with db.read() as s:
            rows = s.execute(select(Participant.id, Participant.uuid, Participant.given_name,
                                    Participant.family_name)
                             .where(Participant.cohort_id == cohort_id)).all()
        return cls.for_people([tuple(r) for r in rows])

    def text(self, value):
        """`value` with every cohort member's name replaced; anything not text unchanged."""
        if not isinstance(value, str) or self._pattern is None or not value:
            return value
        return self._pattern.sub(lambda m: self._names[_nfc(m.group(0)).casefold()],
                                 _nfc(value))
