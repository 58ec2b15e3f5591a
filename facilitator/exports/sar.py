"""Subject access written out: one folder with subject-access.pdf (to read),
subject-access.json (every field of every record, by table, with ids) and README.txt.

The folder is built in a temp folder beside the one asked for and renamed into place in one
step, so a failure (or Cancel) leaves nothing half-written; an existing folder that is not
empty is refused. The export goes in the export log as "subject access"."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from facilitator.exports.pdf import subject_access as sar_pdf
from facilitator.exports.pdf.document import (
    Cancelled,
    ExportCancelled,
    PackRequest,
    Progress,
    render,
)
from facilitator.fileio import TEMP_PREFIX, TEMP_SUFFIX, fsync_folder
from facilitator.services.errors import ValidationError
from facilitator.services.privacy import subject_access
from facilitator.services.privacy.export_log import log_export
from facilitator.store.database import Database

PDF, JSON, README = "subject-access.pdf", "subject-access.json", "README.txt"
FILES = (PDF, JSON, README)
STEPS = 100  # gathering 0-10, laying out the PDF 10-90, writing the folder 90-100


@dataclass(frozen=True)
class SarResult:
    folder: Path
    name: str
    records: int
    kinds: int


def check_folder(out: Path) -> None:
    """Refuse a target that is a file, a folder with something in it, or has no parent."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValidationError({"out": f"{out} is a file, not a folder: choose a new folder for "
                               "the subject access files."})
    if out.is_dir() and any(out.iterdir()):
        raise ValidationError({"out": f"{out} already has files in it: choose a new or empty "
                               "folder, so nothing there is mixed up or replaced."})
    if not out.parent.is_dir():
        raise ValidationError({"out": f"{out.parent} does not exist: make that folder first, "
                               "or choose another."})


def readme(sar: subject_access.SubjectAccess) -> str:
    from facilitator import __version__

    kinds = "\n".join(f"  - {subject_access.kind_label(k)}: {len(sar.records[k])}"
                      for k in sar.kinds())
    return (
        f"Subject access: everything held about {sar.name}\n"
        f"Cohort: {sar.cohort}\n"
        f"Made: {sar.made_at:%Y-%m-%d %H:%M %Z} by Facilitator {__version__}\n\n"
        "The files in this folder:\n"
        f"  {PDF}   the records to read, grouped by kind, every field with its dates\n"
        f"  {JSON}  the same records for a program: by table, every field, with ids\n"
        f"  {README}           this note\n\n"
        f"Records held ({sar.count()} in all):\n{kinds}\n\n"
        "These files hold personal data: give them only to the person they are about, and\n"
        "delete any copy you keep once the request is answered.\n")


def write_sar(db: Database, participant_id: int, out: Path, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> SarResult:
    """Gather, lay out and write the folder `out`; log it. Raises ValidationError for a bad
    folder, ExportCancelled if cancelled (nothing is left behind either way)."""
    out = Path(out)
    check_folder(out)
    report = progress or (lambda *_: None)
    report(0, STEPS, "Gathering the records…")
    sar = subject_access.gather(db, participant_id)
    report(10, STEPS, "Laying out the PDF…")

    def laying_out(done: int, total: int, text: str) -> None:
        report(10 + 80 * done // max(total, 1), STEPS, f"Laying out the PDF… {text}".strip())

    request = PackRequest(cohort_id=subject_access.cohort_of(db, participant_id))
    pdf = render(sar_pdf.build(sar), request, laying_out, cancelled)
    report(90, STEPS, "Writing the folder…")
    text = json.dumps(sar.as_json(), ensure_ascii=False, indent=1, default=str)
    files = {PDF: pdf, JSON: text.encode("utf-8"), README: readme(sar).encode("utf-8")}
    _write_folder(out, files, cancelled)
    cohort_id = request.cohort_id
    log_export(db, "subject access", out, cohort_id=cohort_id, participant_ids=[participant_id])
    report(STEPS, STEPS, "Done.")
    return SarResult(out, sar.name, sar.count(), len(sar.kinds()))


def _write_folder(out: Path, files: dict[str, bytes], cancelled: Cancelled | None) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{out.name}.",
                                 suffix=TEMP_SUFFIX, dir=out.parent))
    try:
        for name, data in files.items():
            with open(work / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        fsync_folder(work)
        if cancelled is not None and cancelled():
            raise ExportCancelled("The export was cancelled; nothing was written.")
        check_folder(out)  # still new or empty
        if out.is_dir():
            out.rmdir()  # empty: renaming over a folder is not possible everywhere
        os.rename(work, out)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
        raise
    fsync_folder(out.parent)
