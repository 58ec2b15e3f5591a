"""The subject access folder: subject-access.pdf (read back with pypdf: every kind's heading
and record, DejaVu fonts embedded, user text printed literally), subject-access.json, README;
written in one step (a failure or Cancel leaves no folder and no temp folder); logged."""

from __future__ import annotations

import json

import pytest

from facilitator.exports import sar
from facilitator.exports.pdf.document import ExportCancelled
from facilitator.services.errors import ValidationError
from facilitator.services.privacy import export_log, subject_access
from tests.exports.pdf.conftest import flat, fonts_embedded, outline_titles, read, text_of
from tests.services.privacy import everyone_s_records as records


@pytest.fixture
def person(db, cohort_id) -> int:
    return records.make(db, cohort_id)[0]


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".facilitator-"))


def test_the_folder_holds_a_readable_pdf_the_json_and_a_readme(db, person, tmp_path):
    out = tmp_path / "for Zephyrine"
    result = sar.write_sar(db, person, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(sar.FILES)
    assert result.folder == out and result.name == "Zephyrine Łąkowska-Quill"

    data = json.loads((out / sar.JSON).read_text("utf-8"))
    assert set(data["kinds"]) == set(records.MARK)
    assert result.records == sum(len(k["records"]) for k in data["kinds"].values())

    reader = read((out / sar.PDF).read_bytes())
    text = flat(text_of(reader))
    assert "Everything we hold about Zephyrine Łąkowska-Quill" in text
    for table in records.MARK:
        assert flat(subject_access.kind_label(table)) in text, table
    for marker in ("zq-access-needs-ramp", "zq pulse words", "zq diary: how I felt",
                   "zq insight quote", "zq-pack.pdf", "Trio of Zq", "zq late on the day"):
        assert marker in text, marker
    assert "ZQ rule <no lone visits> & more" in text  # escaped, printed as written
    assert "ben-not-theirs" not in text and "ben-only.pdf" not in text
    titles = outline_titles(reader)
    assert titles[0] == "Summary" and subject_access.kind_label("diary_entries") in titles
    assert {f.split("+")[-1] for f in fonts_embedded(reader)} <= {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"}

    readme = (out / sar.README).read_text("utf-8")
    from facilitator import __version__
    assert f"Facilitator {__version__}" in readme and "Made: 20" in readme
    for name in sar.FILES:
        assert name in readme
    assert _leftovers(tmp_path) == []


def test_the_export_is_logged_as_subject_access_with_the_person(db, person, tmp_path):
    sar.write_sar(db, person, tmp_path / "sar")
    newest = export_log.list_exports(db, participant_id=person)[0]
    assert newest["kind"] == "subject access" and newest["file_name"] == "sar"
    assert newest["people"] == ["Zephyrine Łąkowska-Quill"]


def test_an_empty_folder_is_used_one_with_files_is_refused(db, person, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    sar.write_sar(db, person, empty)
    assert sorted(p.name for p in empty.iterdir()) == sorted(sar.FILES)
    logged = len(export_log.list_exports(db))
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(ValidationError, match="already has files in it"):
        sar.write_sar(db, person, full)
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(ValidationError, match="is a file, not a folder"):
        sar.write_sar(db, person, a_file)
    with pytest.raises(ValidationError, match="does not exist"):
        sar.write_sar(db, person, tmp_path / "no" / "such" / "place")
    assert len(export_log.list_exports(db)) == logged  # nothing refused was logged
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["pdf", "rename", "second file"])
def test_a_failure_mid_write_leaves_no_folder_and_no_temp_folder(db, person, tmp_path,
                                                                 monkeypatch, where):
    if where == "pdf":
        def boom(*_a, **_k):
            raise RuntimeError("the PDF writer failed")
        monkeypatch.setattr(sar, "render", boom)
    elif where == "rename":
        def boom(*_a, **_k):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(sar.os, "rename", boom)
    else:
        real, seen = sar.os.fsync, []

        def boom(fd):
            seen.append(fd)
            if len(seen) == 2:
                raise OSError(5, "Input/output error")
            return real(fd)
        monkeypatch.setattr(sar.os, "fsync", boom)
    logged = len(export_log.list_exports(db))
    with pytest.raises((RuntimeError, OSError)):
        sar.write_sar(db, person, tmp_path / "sar")
    assert not (tmp_path / "sar").exists()
    assert _leftovers(tmp_path) == []
    assert len(export_log.list_exports(db)) == logged


def test_cancel_leaves_nothing(db, person, tmp_path):
    with pytest.raises(ExportCancelled):
        sar.write_sar(db, person, tmp_path / "sar", cancelled=lambda: True)
    assert list(tmp_path.glob("sar*")) == [] and _leftovers(tmp_path) == []


def test_folder_name_and_progress(db, person, tmp_path):
    seen = []
    sar.write_sar(db, person, tmp_path / "sar", progress=lambda d, t, x: seen.append((d, t, x)))
    assert seen[0] == (0, 100, "Gathering the records…") and seen[-1] == (100, 100, "Done.")
    done = [d for d, _t, _x in seen]
    assert done == sorted(done) and len(set(done)) > 4  # it moves while the PDF is laid out
    assert any(x.startswith("Laying out the PDF… Page") for _d, _t, x in seen)


def test_cancel_after_the_pdf_is_laid_out_still_leaves_nothing(db, person, tmp_path,
                                                               monkeypatch):
    real = sar.render
    monkeypatch.setattr(sar, "render", lambda content, request, _p, _c: real(content, request))
    with pytest.raises(ExportCancelled):
        sar.write_sar(db, person, tmp_path / "sar", cancelled=lambda: True)
    assert not (tmp_path / "sar").exists() and _leftovers(tmp_path) == []
    assert export_log.list_exports(db, participant_id=person)[0]["kind"] != "subject access"


def test_a_file_that_appears_in_the_folder_while_writing_is_never_replaced(db, person, tmp_path,
                                                                         monkeypatch):
    out = tmp_path / "sar"
    out.mkdir()
    real = sar.fsync_folder

    def someone_else_writes(folder):
        if folder != out.parent and not (out / "late.txt").exists():
            (out / "late.txt").write_text("theirs")
        return real(folder)

    monkeypatch.setattr(sar, "fsync_folder", someone_else_writes)
    with pytest.raises(ValidationError, match="already has files in it"):
        sar.write_sar(db, person, out)
    assert [p.name for p in out.iterdir()] == ["late.txt"] and _leftovers(tmp_path) == []
