"""The readable copy of a subject access request: everything held about one person, by kind
of record, every field of every record, with its dates. Field names are the database's own,
made readable; an id that points at another record is followed by what that record is."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from facilitator.exports.pdf.document import Outline, PackContent
from facilitator.exports.pdf.parts import grid, head, para
from facilitator.exports.pdf.styles import MUTED, SHADE, esc, styles
from facilitator.models import Base
from facilitator.services.privacy.subject_access import SubjectAccess, kind_label

LONG = 34  # a value longer than this (a uuid, free text) gets a row of its own
WIDTHS = [30 * mm, 59 * mm, 30 * mm, 59 * mm]


def build(sar: SubjectAccess, printed_on: date | None = None) -> PackContent:
    st = styles()
    outline = Outline()
    story = [outline.mark("Summary", 0),
             Paragraph(f"Everything we hold about {esc(sar.name)}", st["title"]),
             Paragraph(f"{esc(sar.cohort)} · gathered {sar.made_at:%d %b %Y at %H:%M}",
                       st["subtitle"]),
             para("This is every record this Facilitator database holds about the person named "
                  "above, grouped by kind, with every field of each record. The same records, "
                  "for reading by a program, are in subject-access.json beside this file.",
                  "small"),
             Spacer(1, 3 * mm)]
    kinds = sar.kinds()
    rows = [head("Kind of record", "Records", centre_from=1)]
    rows += [[para(kind_label(k), "cell"), Paragraph(str(len(sar.records[k])), st["centre"])]
             for k in kinds]
    story.append(grid(rows, [120 * mm, 25 * mm]))
    for k in kinds:
        story += _kind(sar, k, outline)
    return PackContent(title=f"Subject access: {sar.name}",
                       subject=f"Everything held about {sar.name} ({sar.cohort})",
                       story=story, people=(sar.participant_id,))


def _kind(sar: SubjectAccess, table: str, outline: Outline) -> list:
    st = styles()
    records = sar.records[table]
    label = kind_label(table)
    how = "; ".join(sar.linked_by.get(table, []))
    story = [CondPageBreak(40 * mm), outline.mark(label, 0), Paragraph(esc(label), st["h1"]),
             Paragraph(f"{len(records)} record(s) in the table {esc(table)}, found by: "
                       f"{esc(how)}", st["small"])]
    for n, record in enumerate(records, 1):
        story += [CondPageBreak(25 * mm),
                  Paragraph(f"{esc(label)}: {n} of {len(records)}", st["h3"]),
                  _record(sar, table, record), Spacer(1, 1.5 * mm)]
    return story


def _record(sar: SubjectAccess, table: str, record: dict):
    """Short fields two to a row, long ones (free text) across the row."""
    rows, pending, extra = [], [], []
    for name, value in record.items():
        text = _text(sar, table, name, value)
        cell = [para(_field(name), "cell_bold"), para(text, "cell")]
        if len(text) > LONG or "\n" in text:
            rows.append(cell + ["", ""])
            extra.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
        else:
            pending.append(cell)
            if len(pending) == 2:
                rows.append(pending[0] + pending[1])
                pending = []
    if pending:
        rows.append(pending[0] + ["", ""])
    extra += [("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 0), (2, -1), SHADE),
              ("TEXTCOLOR", (0, 0), (-1, -1), MUTED)]
    return grid(rows, WIDTHS, header=False, zebra=False, extra=extra)


def _field(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _text(sar: SubjectAccess, table: str, name: str, value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if name.endswith("_at") and len(text) >= 16 and text[10] in " T":
        text = f"{text[:10]} {text[11:16]}"
    target = _points_at(table, name)
    if target is not None:
        label = sar.refs.get((target, value))
        if label:
            text = f"{text} ({label})"
    return text


def _points_at(table: str, column: str) -> str | None:
    meta = Base.metadata.tables.get(table)
    if meta is None or column not in meta.c:
        return None
    fks = list(meta.c[column].foreign_keys)
    return fks[0].column.table.name if fks else None
