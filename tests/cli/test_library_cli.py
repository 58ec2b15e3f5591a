"""`facilitator library export|import` from a terminal."""

from __future__ import annotations

import json

from facilitator.cli import main


def test_export_and_import_with_conflicts(tmp_path, capsys):
    a, b = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    pack = tmp_path / "pack.json"
    assert main(["--db", a, "library", "export", "--out", str(pack), "--key", "iceberg-model",
                 "--key", "world-cafe"]) == 0
    assert "Exported 2 card(s)" in capsys.readouterr().out
    assert main(["--db", a, "library", "export", "--out", str(tmp_path / "x.json"), "--key", "nope"]) == 2
    assert "No card with the key(s): nope" in capsys.readouterr().err

    data = json.loads(pack.read_text())
    data["tools"][0]["summary"] = "Changed by a colleague."
    data["tools"][1] |= {"key": "their-cafe", "name": "Their café"}
    pack.write_text(json.dumps(data))

    assert main(["--db", b, "library", "import", str(pack)]) == 1
    captured = capsys.readouterr()
    assert "1 new card(s), 0 already here unchanged, 1 conflict(s)" in captured.out
    assert "conflict: iceberg-model" in captured.out and "nothing was imported" in captured.err
    assert main(["--db", b, "library", "export", "--out", str(tmp_path / "b.json"),
                 "--key", "their-cafe"]) == 2  # the failed import wrote nothing
    capsys.readouterr()

    assert main(["--db", b, "library", "import", str(pack), "--on-conflict", "replace"]) == 0
    assert "1 added, 1 replaced" in capsys.readouterr().out
    assert main(["--db", b, "library", "export", "--out", str(tmp_path / "b.json"), "--key", "iceberg-model"]) == 0
    assert json.loads((tmp_path / "b.json").read_text())["tools"][0]["summary"] == "Changed by a colleague."


def test_malformed_pack_exits_2_and_says_why(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["--db", str(tmp_path / "c.sqlite"), "library", "import", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
