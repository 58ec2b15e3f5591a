#!/usr/bin/env bash
# Build the one-folder bundle dist/Facilitator/ with PyInstaller (Linux and macOS; on Windows
# installer/build-windows.ps1 does the same, then the installer).
#
# The build runs in its own venv, .venv-bundle/, holding only the runtime dependencies and
# PyInstaller (never the test tools), so only what the app needs can reach the bundle. The venv
# is made again only when pyproject.toml changes, like dev.sh's .venv.
#
#   bash installer/build.sh          -> dist/Facilitator/ (and dist/Facilitator.app on macOS)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
PYINSTALLER="pyinstaller>=6.10,<7"
VENV=.venv-bundle

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
    || { say "building needs Python 3.11 or newer as $PYTHON"; exit 1; }

# PyInstaller needs objdump on Linux (binutils), and venv needs ensurepip (python3-venv).
need_apt=()
[ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1 && need_apt+=(binutils)
"$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || { say "please install: ${need_apt[*]}"; exit 1; }
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing system packages: ${need_apt[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# (hashed with Python: macOS has no sha256sum)
want=$( (cat pyproject.toml; echo "$PYINSTALLER") \
    | "$PYTHON" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
have=""
[ -f "$VENV/.installed" ] && have=$(cat "$VENV/.installed")
if [ "$want" != "$have" ]; then
    say "making the build environment $VENV (runtime dependencies + PyInstaller only)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$PYINSTALLER"
    # The installed copy gives the runtime dependencies and the package metadata (the version,
    # pyproject's); the code itself is analysed from this checkout (the spec's pathex).
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check .
    echo "$want" > "$VENV/.installed"
fi

# What the bundle is made of: the build venv, the spec, the package and its resources. When
# none has changed since dist/Facilitator was built, it is kept (FORCE=1 builds anyway).
inputs=$("$PYTHON" - "$want" <<'HASH'
import hashlib, sys
from pathlib import Path
h = hashlib.sha256(sys.argv[1].encode())
files = [Path("installer/facilitator.spec"), Path("pyproject.toml")]
for top in ("facilitator", "resources"):
    files += [p for p in Path(top).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
for path in sorted(files):
    h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
print(h.hexdigest())
HASH
)
if [ "${FORCE:-}" != 1 ] && [ -f dist/.Facilitator.inputs ] && [ "$(cat dist/.Facilitator.inputs)" = "$inputs" ]; then
    say "dist/Facilitator is up to date with its sources (FORCE=1 to build anyway)"
    exit 0
fi
say "building dist/Facilitator with PyInstaller"
rm -f dist/.Facilitator.inputs  # a build that fails half-way is never taken as up to date
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/facilitator.spec
echo "$inputs" > dist/.Facilitator.inputs
echo "Built dist/Facilitator/ ($(du -sh dist/Facilitator | cut -f1)): start it with dist/Facilitator/Facilitator" >&2
