"""Subject access: everything this database holds about one participant, gathered for them.

What is about a person is found as erasure finds it (store.scrub.references_to walks the
foreign keys the file itself declares): every record erasing them would remove, and every
record erasing them would unlink (an insight that quotes them, a workbook made about them).
So a table added later that refers to participants is in subject access without a change
here. Added to that: their organisation, the export-log entries that included them, and the
cohort's insights whose words name them without a link.

Nothing is changed: the walk only reads. Writing the folder is exports/sar.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Boolean, func, select

from facilitator.models import Base, Cohort, Insight, Participant
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import name_key
from facilitator.store import scrub
from facilitator.store.database import Database

TABLE = Participant.__tablename__
# What the readable copy calls each kind of record, in the order it shows them. A kind not
# named here (a table added later) is shown after these under its table name.
KINDS = {
    "participants": "Participant record",
    "organisations": "Organisation",
    "peer_group_members": "Peer-group places",
    "attendance": "Attendance",
    "consent_changes": "Consent history",
    "rule_entries": "Rules register entries",
    "organisation_rule_responses": "Organisations' answers about their rules",
    "assessments": "Self-assessments",
    "assessment_scores": "Self-assessment scores",
    "pulse_answers": "Pulse answers",
    "diary_entries": "Diary entries",
    "experiments": "Experiments",
    "insights": "Insights that link to or quote them",
    "workbook_exports": "Workbooks exported about them",
    "export_people": "Exports that included them (links)",
    "export_log": "Export log entries that included them",
}


def kind_label(table: str) -> str:
    return KINDS.get(table, table.replace("_", " ").capitalize())


@dataclass
class SubjectAccess:
    participant_id: int
    name: str
    cohort: str
    made_at: datetime
    records: dict[str, list[dict]] = field(default_factory=dict)  # table -> rows, every column
    linked_by: dict[str, list[str]] = field(default_factory=dict)  # table -> how it refers to them
    refs: dict[tuple[str, int], str] = field(default_factory=dict)  # (table, id) -> a short label

    def kinds(self) -> list[str]:
        """The kinds of record held, known ones first in KINDS order, then the others."""
        known = [k for k in KINDS if self.records.get(k)]
        return known + sorted(k for k in self.records if self.records[k] and k not in KINDS)

    def count(self) -> int:
        return sum(len(rows) for rows in self.records.values())

    def as_json(self) -> dict:
        return {
            "format": "facilitator subject access",
            "format_version": 1,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "participant": {"id": self.participant_id, "name": self.name, "cohort": self.cohort},
            "kinds": {k: {"label": kind_label(k), "table": k,
                          "refers_to_them_by": self.linked_by.get(k, []),
                          "records": self.records[k]} for k in self.kinds()},
            "referenced_records": self.referenced(),
        }

    def referenced(self) -> dict[str, dict[str, str]]:
        """What the ids in their records stand for: table -> id -> a short label."""
        out: dict[str, dict[str, str]] = {}
        for (table, rid), label in sorted(self.refs.items()):
            out.setdefault(table, {})[str(rid)] = label
        return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(table: str, column: str, value):
    col = Base.metadata.tables.get(table)
    col = col.columns.get(column) if col is not None else None
    if col is not None and isinstance(col.type, Boolean) and value is not None:
        return bool(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


class _Reader:
    """Reads whole rows through one connection of a read session, keeping each row once."""

    def __init__(self, connection):
        self.con = connection
        self.out: dict[str, dict[tuple, dict]] = {}
        self.how: dict[str, list[str]] = {}

    def execute(self, sql: str, params: tuple) -> list[tuple]:
        return self.con.exec_driver_sql(sql, params).fetchall()

    def take(self, table: str, where: str, params: tuple, how: str) -> None:
        result = self.con.exec_driver_sql(f"SELECT * FROM {_q(table)} WHERE {where}", params)
        keys = list(result.keys())
        found = result.fetchall()
        if not found:
            return
        rows = self.out.setdefault(table, {})
        for raw in found:
            row = {k: _value(table, k, v) for k, v in zip(keys, raw, strict=True)}
            rows.setdefault((row["id"],) if "id" in row else tuple(raw), row)
        if how not in self.how.setdefault(table, []):
            self.how[table].append(how)

    def walk(self, table: str, where: str, params: tuple, how: str, depth: int = 0) -> None:
        """As scrub.erase_where walks, reading instead of deleting: a table that depends on
        these rows is read and walked on; one that is only linked (SET NULL) is read."""
        if depth > scrub.MAX_DEPTH:
            raise ValidationError({"participant": f"The references from {table} go round in a "
                                   "circle, so subject access could not be gathered."})
        self.take(table, where, params, how)
        for child, col, to, on_delete, nullable in scrub.references_to(self.execute, table):
            linked = f"{_q(col)} IN (SELECT {_q(to)} FROM {_q(table)} WHERE {where})"
            link = f"{child}.{col} → {table}"
            if on_delete == "SET NULL" and nullable:
                self.take(child, linked, params, link)
            else:
                self.walk(child, linked, params, link, depth + 1)


def gather(db: Database, participant_id: int) -> SubjectAccess:
    """Everything held about the participant (raises NotFound if there is no such person)."""
    with db.read() as s:
        p = s.get(Participant, participant_id)
        if p is None:
            raise NotFound("That participant no longer exists.")
        cohort = s.get(Cohort, p.cohort_id)
        sar = SubjectAccess(participant_id, p.full_name, cohort.name, datetime.now().astimezone())
        reader = _Reader(s.connection())
        reader.walk(TABLE, "id = ?", (participant_id,), "their own record")
        if p.organisation_id is not None:
            reader.take("organisations", "id = ?", (p.organisation_id,),
                        "participants.organisation_id")
        reader.take("export_log", "id IN (SELECT export_id FROM export_people WHERE "
                    "participant_id = ?)", (participant_id,), "export_people.export_id")
        for insight_id in _insights_naming(s, p):
            reader.take("insights", "id = ?", (insight_id,), "their name in its words")
        sar.records = {t: list(rows.values()) for t, rows in reader.out.items() if rows}
        sar.linked_by = {t: reader.how[t] for t in sar.records}
        sar.refs = _refs(s, sar.records)
    return sar


def _insights_naming(s, p: Participant) -> list[int]:
    """The cohort's insights whose title, text or quote has the person's full name."""
    name = p.full_name.casefold()
    if len(name) < 3:
        return []
    rows = s.execute(select(Insight.id, Insight.title, Insight.text, Insight.quote)
                     .where(Insight.cohort_id == p.cohort_id))
    return [i for i, *words in rows if name in " ".join(w or "" for w in words).casefold()]


LABEL_COLUMNS = ("name", "title", "prompt", "rule", "file_name")


def _refs(s, records: dict[str, list[dict]]) -> dict[tuple[str, int], str]:
    """A short label for each record another one points at (an event's title, a question's
    prompt, a peer group's name), so the readable copy says what an id stands for."""
    wanted: dict[str, set[int]] = {}
    for table, rows in records.items():
        meta = Base.metadata.tables.get(table)
        if meta is None:
            continue
        for fk in meta.foreign_keys:
            target = fk.column.table.name
            if target == TABLE:
                continue
            wanted.setdefault(target, set()).update(
                r[fk.parent.name] for r in rows if r.get(fk.parent.name) is not None)
    out = {}
    for target, ids in wanted.items():
        meta = Base.metadata.tables[target]
        cols = [meta.c[c] for c in LABEL_COLUMNS if c in meta.c]
        extra = [meta.c[c] for c in ("template", "point", "kind") if c in meta.c]
        if not cols and not extra:
            continue
        for row in s.execute(select(meta.c.id, *extra, *cols).where(meta.c.id.in_(ids))):
            out[(target, row[0])] = " · ".join(str(v) for v in row[1:] if v not in (None, ""))
    return out


def cohort_of(db: Database, participant_id: int) -> int:
    with db.read() as s:
        cohort_id = s.scalar(select(Participant.cohort_id).where(Participant.id == participant_id))
    if cohort_id is None:
        raise NotFound("That participant no longer exists.")
    return cohort_id


def choices(db: Database, cohort: str | None = None) -> list[str]:
    """What exists, for a message: the cohorts' names, or the people in the named cohort."""
    with db.read() as s:
        if cohort is None:
            return list(s.scalars(select(Cohort.name).order_by(Cohort.name)))
        c = s.scalars(select(Cohort).where(func.name_key(Cohort.name) == name_key(cohort))).first()
        if c is None:
            return []
        return [f"{g} {f}".strip() for g, f in s.execute(
            select(Participant.given_name, Participant.family_name)
            .where(Participant.cohort_id == c.id)
            .order_by(Participant.family_name, Participant.given_name))]

