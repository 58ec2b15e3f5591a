#!/usr/bin/env bash
# Look at the built bundle as a user would: start dist/Facilitator/Facilitator on a virtual X
# screen (Xvfb) and save what the screen shows.
#   bash installer/screenshot-bundle.sh OUTDIR     -> OUTDIR/bundle-{first-run,demo,library}.png
# Needs xvfb-run, the dev .venv (for the screen grab) and a built bundle.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work FACILITATOR_SETTINGS=$work/settings.ini QT_QPA_PLATFORM=xcb LANG=C.UTF-8

cat > "$work/shot.sh" <<SHOT
set -e
grab() {
    "$here/.venv/bin/python" -c '
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)' "\$1"
}
"$here/dist/Facilitator/Facilitator" --db "$work/fresh.sqlite" & app=\$!
sleep 8; grab "$out/bundle-first-run.png"; kill \$app; wait \$app || true
"$here/dist/Facilitator/facilitator-cli" --db "$work/demo.sqlite" demo >/dev/null
"$here/dist/Facilitator/Facilitator" --db "$work/demo.sqlite" & app=\$!
sleep 8; grab "$out/bundle-demo.png"; kill \$app; wait \$app || true
printf '[window]\\narea=2\\n' > "$work/settings.ini"   # the tool library this time
"$here/dist/Facilitator/Facilitator" --db "$work/demo.sqlite" & app=\$!
sleep 8; grab "$out/bundle-library.png"; kill \$app; wait \$app || true
SHOT
xvfb-run -a -s "-screen 0 1440x900x24" bash "$work/shot.sh"
ls "$out"/bundle-*.png
