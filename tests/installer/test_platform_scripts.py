"""Windows and macOS cannot be built here: check what can be — that their scripts agree with
the one version, the icons and the two programs the spec makes."""

from __future__ import annotations

import re
import struct
import tomllib

from tests.installer.conftest import ROOT

INSTALLER = ROOT / "installer"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _iss() -> dict[str, str]:
    setup = {}
    text = (INSTALLER / "facilitator.iss").read_text()
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    for line in section.splitlines():
        if "=" in line and not line.startswith(";"):
            key, value = line.split("=", 1)
            setup[key.strip()] = value.strip()
    return setup


def test_inno_setup_installs_per_user_with_icons_and_pyprojects_version():
    setup = _iss()
    text = (INSTALLER / "facilitator.iss").read_text()
    assert setup["PrivilegesRequired"] == "lowest"
    assert (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert setup["UninstallDisplayIcon"] == r"{app}\{#AppExe}"
    assert VERSION not in text, "the version comes from Facilitator.exe, stamped by the spec"
    assert '#define AppExe "Facilitator.exe"' in text
    assert r'Name: "{group}\Facilitator"; Filename: "{app}\{#AppExe}"' in text
    assert '{uninstallexe}' in text and re.search(r'Source: "\{#BundleDir\}\\\*"', text)


def test_the_spec_makes_both_programs_and_the_mac_bundle():
    spec = (INSTALLER / "facilitator.spec").read_text()
    assert 'program("Facilitator", console=False)' in spec
    assert 'program("facilitator-cli", console=True)' in spec
    assert 'bundle_identifier="org.facilitator.Facilitator"' in spec and "version=VERSION" in spec


def test_make_icons_draws_each_png_at_its_size(qapp, tmp_path):
    from installer.make_icons import LINUX_SIZES, make_icons

    written = make_icons(tmp_path)
    for size in LINUX_SIZES:
        png = (tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "facilitator.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert {p.name for p in written} >= {"facilitator.ico", "facilitator.icns"}
    _check_ico((tmp_path / "facilitator.ico").read_bytes())
    _check_icns((tmp_path / "facilitator.icns").read_bytes())


def test_the_committed_icons_hold_every_size():
    _check_ico((ROOT / "resources" / "icons" / "facilitator.ico").read_bytes())
    _check_icns((ROOT / "resources" / "icons" / "facilitator.icns").read_bytes())


def _check_ico(ico: bytes) -> None:
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    sides = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert (reserved, kind) == (0, 1) and sides == [16, 24, 32, 48, 64, 128, 256]


def _check_icns(icns: bytes) -> None:
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, at = [], 8
    while at < len(icns):
        kinds.append(icns[at:at + 4].decode())
        at += struct.unpack(">I", icns[at + 4:at + 8])[0]
    assert {"ic07", "ic08", "ic09", "ic10", "icp4", "icp5"} <= set(kinds)
