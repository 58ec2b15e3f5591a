"""The PyInstaller bundle starts: the app on a fresh database, and every terminal subcommand.

Slow: builds the bundle first (see conftest.bundle)."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from facilitator.cli import build_parser
from facilitator.demo.cohort_demo import demo_name
from facilitator.demo.dates import calendar
from tests.installer.conftest import EXE, ROOT, bundle_env, run_cli

pytestmark = pytest.mark.slow

BUILTIN_CARDS = len(list((ROOT / "resources" / "tools").glob("*.toml")))


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def export_commands() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every leaf under `facilitator export`, read from the registry, so new ones are run too."""
    found = []

    def walk(path, parser):
        children = _subparsers(parser)
        if not children:
            found.append((path, parser))
        for name, child in children.items():
            walk([*path, name], child)

    walk(["export"], _subparsers(build_parser())["export"])
    return found


# Values for the options an export command requires. A new command with another required
# option fails below with its name: add a value for it here.
def option_values(path: list[str], out_dir: Path) -> dict[str, str]:
    return {
        "--cohort": demo_name(calendar().start),  # what `demo` makes today
        "--event": "Residential 1: getting started",
        "--participant": "Femi Adeyemi",
        "--out": str(out_dir / f"{'-'.join(path)}.{path[1]}"),
    }


# Commands whose required choice is a group of options (one of several) rather than one option.
CHOICES = {"export pdf cards": ["--all"],
           "export xlsx organisation": ["--organisation", "Riverside Housing Association"]}


def test_bundle_is_lean(bundle):
    internal = bundle / "_internal"
    present = {p.name for p in internal.iterdir()}
    assert "PIL" in present  # reportlab's platypus imports Pillow at start: the PDF packs need it
    assert not present & {"pygments", "pytest", "_pytest", "pytestqt", "icalendar", "ruff"}
    assert not list(internal.rglob("libqgtk3*")), "GTK theme plugin pulls in GTK's libraries"
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    size = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nfigure: bundle_size {size / 1e6:.1f} MB")
    assert size < 230e6  # with Pillow (reportlab needs it) and lxml (workbooks): see the note


def test_the_bundle_carries_pyprojects_version_for_help_about(bundle):
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    metadata = bundle / "_internal" / f"facilitator-{version}.dist-info" / "METADATA"
    assert f"\nVersion: {version}\n" in metadata.read_text(encoding="utf-8")
    assert [p.name for p in (bundle / "_internal").glob("facilitator[-.]*")] == [metadata.parent.name]


def test_the_app_starts_on_a_fresh_database_and_loads_the_builtin_cards(bundle, tmp_path):
    db = tmp_path / "fresh.sqlite"
    log = open(tmp_path / "app.log", "w+")
    app = subprocess.Popen([str(bundle / f"Facilitator{EXE}"), "--db", str(db)], cwd=tmp_path,
                           env=bundle_env(tmp_path), stdout=log, stderr=subprocess.STDOUT)
    try:
        started, cards = time.monotonic(), 0
        while time.monotonic() - started < 60 and app.poll() is None:
            time.sleep(0.5)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
                        cards = con.execute("SELECT count(*) FROM tools").fetchone()[0]
                except sqlite3.OperationalError:  # the schema is still being made
                    continue
                if cards >= BUILTIN_CARDS:
                    break
        time.sleep(2)  # and it stays up
        log.seek(0)
        output = log.read()
        assert app.poll() is None, f"the app exited with {app.returncode}:\n{output}"
        assert cards == BUILTIN_CARDS, output
        assert "Traceback" not in output, output
    finally:
        app.terminate()
        app.wait(30)
        log.close()


def test_help_demo_and_check(bundle, tmp_path):
    shown = run_cli(bundle, tmp_path, "--help")
    assert shown.returncode == 0, shown.stderr
    for name in _subparsers(build_parser()):
        assert name in shown.stdout, name
    db = str(tmp_path / "demo.sqlite")
    made = run_cli(bundle, tmp_path, "--db", db, "demo")
    assert made.returncode == 0 and "Demo cohort ready" in made.stdout, made.stderr
    checked = run_cli(bundle, tmp_path, "--db", db, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Integrity: ok" in checked.stdout and "up to date" in checked.stdout
    refused = run_cli(bundle, tmp_path, "--db", str(tmp_path / "none.sqlite"), "check")
    assert refused.returncode == 2 and "no database file" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_every_export_command(bundle, tmp_path):
    commands = export_commands()
    assert ["export", "ics"] in [path for path, _p in commands]
    db = str(tmp_path / "demo.sqlite")
    assert run_cli(bundle, tmp_path, "--db", db, "demo").returncode == 0
    for path, parser in commands:
        values = option_values(path, tmp_path)
        args = ["--db", db, *path, *CHOICES.get(" ".join(path), [])]
        for action in parser._actions:
            if not action.required:
                continue
            flag = max(action.option_strings, key=len, default=action.dest)
            assert flag in values, f"{' '.join(path)}: add a value for {flag} in option_values"
            args += [flag, values[flag]] if action.option_strings else [values[flag]]
        done = run_cli(bundle, tmp_path, *args)
        assert done.returncode == 0, f"{' '.join(path)}: {done.stdout}{done.stderr}"
        out = Path(values["--out"])
        if out.is_dir():  # subject access writes a folder of files
            assert {p.name for p in out.iterdir()} >= {"subject-access.pdf",
                                                       "subject-access.json", "README.txt"}
        else:
            assert out.is_file() and out.stat().st_size > 0, " ".join(path)
    ics = (tmp_path / "export-ics.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in ics


def test_an_encrypted_database_from_the_bundle(bundle, tmp_path):
    """SQLCipher and its own OpenSSL are inside the bundle: encrypt, open with and without the
    passphrase, decrypt."""
    db = tmp_path / "secret.sqlite"
    assert run_cli(bundle, tmp_path, "--db", str(db), "demo").returncode == 0

    def cli(*args, passphrase=None, stdin=None):
        env = bundle_env(tmp_path)
        if passphrase is not None:
            env["FACILITATOR_PASSPHRASE"] = passphrase
        return subprocess.run([str(bundle / f"facilitator-cli{EXE}"), "--db", str(db), *args],
                              cwd=tmp_path, env=env, input=stdin, capture_output=True,
                              text=True, timeout=120)

    done = cli("encrypt", "--passphrase-stdin", stdin="a long passphrase\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not db.read_bytes().startswith(b"SQLite format 3\0")
    refused = cli("check", passphrase="not the passphrase")
    assert refused.returncode == 2 and "Wrong passphrase" in refused.stderr
    assert "Traceback" not in refused.stderr
    checked = cli("check", passphrase="a long passphrase")
    assert checked.returncode == 0 and "Integrity: ok" in checked.stdout, checked.stderr
    plain = cli("decrypt", passphrase="a long passphrase")
    assert plain.returncode == 0, plain.stderr
    assert db.read_bytes().startswith(b"SQLite format 3\0")
