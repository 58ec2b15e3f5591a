"""Erase this person: not the undoable delete. The participant and every record that depends
on them go from the database, its WAL, every backup and the files kept aside, and a record
that an erasure happened (a date and a reference, nothing about the person) is kept.

What depends on a participant is found from the foreign keys (store.scrub walks them in each
file's own schema), so a later table that refers to participants is erased with them without
a change here. A link declared ON DELETE SET NULL is cut instead, and the columns its model
names in the link column's `info["erase_with_link"]` (say, an insight's quote) are emptied."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from facilitator.models import Base, Cohort, Erasure, Participant
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import name_key
from facilitator.store import backup, scrub
from facilitator.store.database import Database
from facilitator.store.errors import StoreError

REWRITE, DELETE = "rewrite", "delete"
TABLE = Participant.__tablename__
LABELS = {  # what the confirmation calls each kind of record; others show their table name
    "participants": "Their participant record",
    "rule_entries": "Rules in their register",
    "assessments": "Self-assessments",
    "assessment_scores": "Self-assessment scores",
    "attendance": "Attendance marks",
    "peer_group_members": "Peer-group places",
    "consent_changes": "Consent history entries",
    "export_people": "Mentions in the export log",
}


@dataclass(frozen=True)
class ErasurePlan:
    participant_id: int
    name: str
    cohort: str
    counts: dict[str, int]  # in the live database
    backups: list[Path]
    set_aside: list[Path]

    def describe(self) -> list[str]:
        lines = [f"{LABELS.get(t, t.replace('_', ' ').capitalize())}: {n}"
                 for t, n in sorted(self.counts.items())]
        lines.append(f"Backups in which they may appear: {len(self.backups)}")
        if self.set_aside:
            lines.append(f"Files kept aside (.damaged-, .replaced-): {len(self.set_aside)}")
        return lines


@dataclass(frozen=True)
class ErasureResult:
    reference: str
    counts: dict[str, int]
    backups: str
    set_aside: str
    backups_done: int
    set_aside_done: int
    problems: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def _blanks() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, link column) -> columns to empty when the link to an erased person is cut."""
    return {(t.name, c.name): tuple(c.info["erase_with_link"])
            for t in Base.metadata.tables.values() for c in t.columns
            if c.info.get("erase_with_link")}


def _erasers(db: Database, uuid: str, cohort_uuid: str, full_name: str):
    """(for the live database, for the copies). Live: exactly this person, by uuid. Copies:
    also anyone in that cohort with the same name who is not someone still kept here (a person
    deleted and added again has a new uuid, but the old copies still hold their name; a
    namesake who is still in the cohort is never touched)."""
    key = name_key(full_name)
    full = func.name_key(Participant.given_name + " " + Participant.family_name)
    with db.read() as s:
        kept = s.scalars(select(Participant.uuid).where(Participant.uuid != uuid,
                                                        full == key)).all()
    blanks = _blanks()
    marks = ", ".join("?" for _ in kept)
    where = ("uuid = ? OR (cohort_id IN (SELECT id FROM cohorts WHERE uuid = ?) AND "
             "name_key(given_name || ' ' || family_name) = ?"
             + (f" AND uuid NOT IN ({marks})" if kept else "") + ")")
    params = (uuid, cohort_uuid, key, *kept)
    return (lambda execute: scrub.erase_where(execute, TABLE, "uuid = ?", (uuid,), blanks),
            lambda execute: scrub.erase_where(execute, TABLE, where, params, blanks))


def _who(db: Database, participant_id: int) -> tuple[str, str, str, str]:
    with db.read() as s:
        p = s.get(Participant, participant_id)
        if p is None:
            raise NotFound("That participant no longer exists.")
        cohort = s.get(Cohort, p.cohort_id)
        return p.uuid, cohort.uuid, p.full_name, cohort.name


def find_participant(db: Database, cohort: str, person: str) -> int:
    """The id of the participant called `person` ("Given Family") in the cohort `cohort`."""
    with db.read() as s:
        c = s.scalars(select(Cohort).where(func.name_key(Cohort.name) == name_key(cohort))).first()
        if c is None:
            raise NotFound(f"There is no cohort called {cohort!r}.")
        full = func.name_key(Participant.given_name + " " + Participant.family_name)
        found = s.scalars(select(Participant.id).where(Participant.cohort_id == c.id,
                                                       full == name_key(person))).all()
    if not found:
        raise NotFound(f"There is no participant called {person!r} in {c.name}.")
    if len(found) > 1:
        raise ValidationError({"participant": f"{len(found)} participants in {c.name} are "
                               f"called {person!r}; erase them from the app, one by one."})
    return found[0]


def plan_erasure(db: Database, participant_id: int) -> ErasurePlan:
    """What erasing this person would remove (nothing is changed)."""
    uuid, cohort_uuid, name, cohort = _who(db, participant_id)
    counts = db.erase(_erasers(db, uuid, cohort_uuid, name)[0], dry_run=True)
    return ErasurePlan(participant_id, name, cohort, counts, backup.list_backups(db.path),
                       scrub.set_aside_files(db.path))


def erase_participant(
    db: Database,
    participant_id: int,
    *,
    backups: str = REWRITE,
    set_aside: str = REWRITE,
    progress: Callable[[int, int, str], None] | None = None,
) -> ErasureResult:
    """Erase the participant from the database and its WAL, then from every backup and every
    file kept aside (each rewritten without them and checked, or deleted: the caller's
    choice). Cannot be undone. A copy that cannot be rewritten is named in `problems`."""
    if backups not in (REWRITE, DELETE) or set_aside not in (REWRITE, DELETE):
        raise ValidationError({"backups": "Choose to rewrite or to delete the copies."})
    uuid, cohort_uuid, name, _cohort = _who(db, participant_id)
    with db.read() as s:
        cohort_id = s.get(Participant, participant_id).cohort_id
    return erase_everywhere(db, _erasers(db, uuid, cohort_uuid, name), cohort_id,
                            backups=backups, set_aside=set_aside, progress=progress)


def erase_everywhere(db: Database, erasers, cohort_id: int | None, *, backups: str,
                     set_aside: str, progress=None) -> ErasureResult:
    """Run the live eraser (see store.scrub) on the database, record the erasure, then the
    copies' eraser on every backup and file kept aside (or delete them)."""
    live_eraser, copy_eraser = erasers
    copies = [(p, backups) for p in backup.list_backups(db.path)]
    copies += [(p, set_aside) for p in scrub.set_aside_files(db.path)]
    total = len(copies) + 1
    report = progress or (lambda *_: None)
    report(0, total, "Erasing from the database…")
    counts = db.erase(live_eraser)
    reference = f"E-{time.strftime('%Y%m%d')}-{secrets.token_hex(3).upper()}"
    with db.session() as s:
        s.add(Erasure(reference=reference, records=sum(counts.values()), backups=backups,
                      set_aside=set_aside))
    problems: list[str] = []
    if not db.empty_wal():
        problems.append(f"{db.path.name}-wal: something else is reading the database, so its "
                        "write-ahead log could not be emptied yet; it will be when Facilitator "
                        "closes.")
    backups_done = set_aside_done = 0
    for i, (path, how) in enumerate(copies, start=1):
        report(i, total, f"{'Rewriting' if how == REWRITE else 'Deleting'} {path.name}…")
        try:
            if how == DELETE:
                scrub.delete_database_file(path)
            else:
                scrub.scrub_copy(path, copy_eraser)
        except (StoreError, OSError) as exc:
            problems.append(f"{path.name}: {exc} It may still hold them: delete it.")
            continue
        if path.parent == db.path.parent:
            set_aside_done += 1
        else:
            backups_done += 1
    report(total, total, "Done.")
    return ErasureResult(reference, counts, backups, set_aside, backups_done, set_aside_done,
                         problems, Changes.of("erasures", *{t.split('.')[0] for t in counts},
                                              cohort_id=cohort_id))


def cohort_erasers(db: Database, cohort_id: int):
    """(live, copies) for a whole cohort; in older copies also a cohort of the same name that
    is not one still kept here."""
    with db.read() as s:
        c = s.get(Cohort, cohort_id)
        if c is None:
            raise NotFound("That cohort no longer exists.")
        kept = s.scalars(select(Cohort.uuid).where(Cohort.id != cohort_id)).all()
        uuid, key = c.uuid, name_key(c.name)
    marks = ", ".join("?" for _ in kept)
    where = ("uuid = ? OR (name_key(name) = ?" + (f" AND uuid NOT IN ({marks})" if kept else "")
             + ")")
    blanks, table = _blanks(), Cohort.__tablename__
    return (lambda execute: scrub.erase_where(execute, table, "uuid = ?", (uuid,), blanks),
            lambda execute: scrub.erase_where(execute, table, where, (uuid, key, *kept), blanks))


def plan_cohort_erasure(db: Database, cohort_id: int) -> dict[str, int]:
    return db.erase(cohort_erasers(db, cohort_id)[0], dry_run=True)


def erase_cohort(db: Database, cohort_id: int, *, backups: str = REWRITE,
                 set_aside: str = REWRITE, progress=None) -> ErasureResult:
    """Erase a cohort and everyone and everything in it, everywhere (cannot be undone)."""
    if backups not in (REWRITE, DELETE) or set_aside not in (REWRITE, DELETE):
        raise ValidationError({"backups": "Choose to rewrite or to delete the copies."})
    return erase_everywhere(db, cohort_erasers(db, cohort_id), None, backups=backups,
                            set_aside=set_aside, progress=progress)


def list_erasures(db: Database) -> list[dict]:
    with db.read() as s:
        return [{"reference": e.reference, "erased_at": e.erased_at, "records": e.records,
                 "backups": e.backups, "set_aside": e.set_aside}
                for e in s.scalars(select(Erasure).order_by(Erasure.erased_at.desc()))]
