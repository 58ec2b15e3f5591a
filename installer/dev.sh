#!/usr/bin/env bash
# Facilitator from a checkout, on Debian or Ubuntu: installs whatever is missing (Qt's system
# libraries with apt, the Python packages into .venv), then runs the app or the tests.
# Safe to run again: a second run installs nothing and starts at once.
#
#   bash installer/dev.sh run  [facilitator options, e.g. --db FILE]
#   bash installer/dev.sh test [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:-run}
[ $# -gt 0 ] && shift

QT_LIBS="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
X_LIBS="xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
        libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
# The workbook tests re-save workbooks with LibreOffice Calc (about 260 MB installed, 56
# packages); FACILITATOR_SKIP_LIBREOFFICE=1 leaves it out and those tests skip, saying why.
TEST_LIBS="libreoffice-calc-nogui"
PYTHON=${PYTHON:-python3}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
    command -v dpkg >/dev/null 2>&1 || { say "not Debian: install the Qt libraries yourself ($*)"; return 0; }
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_ok() {
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

setup_python() {
    python_ok || { say "Facilitator needs Python 3.11 or newer as $PYTHON"; exit 1; }
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        apt_install python3-venv
    fi
    if [ ! -x .venv/bin/python ]; then
        say "creating .venv"
        "$PYTHON" -m venv .venv
    fi
    local want have=""
    want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
    [ -f .venv/.installed ] && have=$(cat .venv/.installed)
    if [ "$want" != "$have" ]; then
        say "installing Python packages into .venv"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
        echo "$want" > .venv/.installed
    fi
}

export LANG=${LANG:-C.UTF-8}
case "$cmd" in
    run)
        # shellcheck disable=SC2086
        apt_install $QT_LIBS
        setup_python
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            # shellcheck disable=SC2086
            apt_install $X_LIBS
            say "no display here: starting on a virtual screen (Xvfb). To see the window, run this"
            say "from a desktop session, or add a VNC server (e.g. x11vnc) to the virtual screen."
            exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/facilitator "$@"
        fi
        exec .venv/bin/facilitator "$@"
        ;;
    test)
        # shellcheck disable=SC2086
        apt_install $QT_LIBS
        # shellcheck disable=SC2086
        [ -n "${FACILITATOR_SKIP_LIBREOFFICE:-}" ] || apt_install $TEST_LIBS
        setup_python
        export QT_QPA_PLATFORM=offscreen
        say "lint (ruff)"
        .venv/bin/ruff check .
        say "tests (pytest)"
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: bash installer/dev.sh run|test [options]" >&2
        exit 2
        ;;
esac
