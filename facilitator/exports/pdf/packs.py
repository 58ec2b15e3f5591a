"""The PDF packs as data: one descriptor per pack, which the CLI and the app's "Print and
export" dialog both list. The card deck (exports/pdf/cards/) joins as one more entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.exports.pdf import (
    cohort_report,
    participant_pack,
    pulse_form,
    registers,
    run_sheet,
    venue_sheet,
)
from facilitator.exports.pdf.document import (
    Cancelled,
    PackContent,
    PackRequest,
    Progress,
    render,
    write,
)
from facilitator.services.privacy.export_log import log_export
from facilitator.store.database import Database


@dataclass(frozen=True)
class PackKind:
    key: str  # the CLI name: "run-sheet"
    label: str  # the dialog's name: "Run sheet"
    description: str
    needs_event: bool
    build: Callable[..., PackContent]
    # which dialog options apply: "each", "per", "people", "week", "pseudonymise"
    options: tuple[str, ...] = ()
    gathers: bool = False  # build() takes progress and cancelled (it reads per person)


PACKS: tuple[PackKind, ...] = (
    PackKind("run-sheet", "Run sheet", "For facilitators: each day and session with its timed "
             "items, methods and notes, the timing problems first, and who is expected.",
             True, run_sheet.build),
    PackKind("participant-pack", "Participant pack", "For participants: welcome, agenda and "
             "the paper forms, with codes and QR codes instead of names.", True,
             participant_pack.build, options=("each", "people"), gathers=True),
    PackKind("sign-in", "Sign-in sheets", "Names, organisations, a signature box and the four "
             "register marks, one sheet per day or per session.", True,
             registers.build_sign_in, options=("per", "people")),
    PackKind("attendance", "Attendance summary", "For funders: every session with its date, "
             "times and duration, and each participant's attendance totals.", False,
             registers.build_attendance),
    PackKind("venue", "Venue sheet", "For the venue: access and dietary needs of the people "
             "expected, nothing else about them.", True, venue_sheet.build,
             options=("people",)),
    PackKind("cohort-report", "Cohort report", "What the crowd knows, the three charts, the "
             "self-assessments at start and end, the shareable insights and the pulse trends; "
             "only consenting people named (or, pseudonymised, their codes).", False,
             cohort_report.build, options=("pseudonymise",)),
    PackKind("pulse-form", "Pulse form", "The weekly pulse on paper: the cohort's questions "
             "with tick boxes, the week, and codes that open the right person and week when "
             "typed back in. One page each (or one blank).", False, pulse_form.build,
             options=("each", "people", "week")),
)
BY_KEY = {p.key: p for p in PACKS}


def content_of(db: Database, kind: PackKind, request: PackRequest,
               progress: Progress | None = None, cancelled: Cancelled | None = None):
    if kind.gathers:
        return kind.build(db, request, progress, cancelled)
    return kind.build(db, request)


def make_pdf(db: Database, kind: PackKind, request: PackRequest,
             progress: Progress | None = None, cancelled: Cancelled | None = None) -> bytes:
    """Read through services, lay out, return the bytes (ExportCancelled if cancelled)."""
    return _render(db, kind, request, progress, cancelled)[0]


def _render(db, kind, request, progress, cancelled) -> tuple[bytes, PackContent]:
    content = content_of(db, kind, request, progress, cancelled)
    return render(content, request, progress, cancelled), content


def export(db: Database, kind: PackKind, request: PackRequest, out: Path,
           progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
    """Write the pack to `out` atomically; returns its size. Nothing is written if cancelled."""
    data, content = _render(db, kind, request, progress, cancelled)
    write(out, data)
    log_export(db, "pdf", out, cohort_id=request.cohort_id, participant_ids=content.people)
    return len(data)
