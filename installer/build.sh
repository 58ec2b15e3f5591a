#!/usr/bin/env bash
# Build a one-folder desktop bundle with PyInstaller (Linux; the same spec works on Windows
# and macOS with their own Python). Run after `bash installer/dev.sh test` has made .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install --quiet "pyinstaller>=6,<7"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/facilitator.spec
echo "Built dist/Facilitator/ — start it with dist/Facilitator/Facilitator"
