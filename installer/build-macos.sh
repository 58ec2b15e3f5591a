#!/usr/bin/env bash
# Build dist/Facilitator.app (the spec's BUNDLE step: bundle id org.facilitator.Facilitator,
# pyproject's version, the .icns icon) and a disk image dist/Facilitator-VERSION.dmg.
# Run on a Mac with Python 3.11+ from python.org. Not signed or notarised: see MACOS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "build-macos.sh runs on macOS" >&2; exit 1; }
bash installer/build.sh
VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -n1)
rm -f "dist/Facilitator-$VERSION.dmg"
hdiutil create -volname Facilitator -srcfolder dist/Facilitator.app -ov -format UDZO \
    "dist/Facilitator-$VERSION.dmg"
echo "Built dist/Facilitator-$VERSION.dmg" >&2
