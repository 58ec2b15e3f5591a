"""What a service call changed, so the UI can refresh only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Kinds of record touched (e.g. "participant"), and the cohort they belong to."""

    kinds: frozenset[str] = field(default_factory=frozenset)
    cohort_id: int | None = None

    @classmethod
    def of(cls, *kinds: str, cohort_id: int | None = None) -> Changes:
        return cls(frozenset(kinds), cohort_id)

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __or__(self, other: Changes) -> Changes:
        cohort = self.cohort_id if self.cohort_id == other.cohort_id else None
        return Changes(self.kinds | other.kinds, cohort)

    def __bool__(self) -> bool:
        return bool(self.kinds)


@dataclass(frozen=True)
class Result:
    """A created row's id with what changed."""

    id: int
    changes: Changes
